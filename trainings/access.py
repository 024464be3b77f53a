"""Access level of each URL of the trainings app (read by community's members-only gate)."""

from community import roles

URL_ACCESS = {
    "trainings:*": roles.MEMBER,
    # Calendar apps fetch the personal feed without a session: the secret token authenticates.
    "trainings:feed": roles.PUBLIC,
    "trainings:staff_list": roles.STAFF,
    "trainings:staff_create": roles.STAFF,
    "trainings:staff_detail": roles.STAFF,
    "trainings:staff_edit": roles.STAFF,
    "trainings:staff_publish": roles.STAFF,
    "trainings:staff_cancel": roles.STAFF,
    "trainings:staff_attendance": roles.STAFF,
    "trainings:staff_export": roles.STAFF,
    "trainings:staff_signin_sheet": roles.STAFF,
    "trainings:staff_promote": roles.STAFF,
    "trainings:staff_demote": roles.STAFF,
}
