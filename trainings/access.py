"""Access level of each URL of the trainings app (read by community's members-only gate)."""

from community import roles

URL_ACCESS = {
    "trainings:*": roles.MEMBER,
    # Calendar apps fetch the personal feed without a session: the secret token authenticates.
    "trainings:feed": roles.PUBLIC,
    # Certificates outlive the membership: a former member (lapsed, not suspended) still
    # downloads their own. The views only ever return the signed-in person's certificates.
    "trainings:certificate": roles.APPLICANT,
    "trainings:my_certificates": roles.APPLICANT,
    "trainings:my_certificates_zip": roles.APPLICANT,
    # An employer or the CNFPT checks a certificate's code without an account.
    "trainings:verify": roles.PUBLIC,
    "trainings:verify_code": roles.PUBLIC,
    "trainings:staff_list": roles.STAFF,
    "trainings:staff_create": roles.STAFF,
    "trainings:staff_detail": roles.STAFF,
    "trainings:staff_edit": roles.STAFF,
    "trainings:staff_publish": roles.STAFF,
    "trainings:staff_cancel": roles.STAFF,
    "trainings:staff_decline": roles.STAFF,
    "trainings:staff_attendance": roles.STAFF,
    "trainings:staff_export": roles.STAFF,
    "trainings:staff_signin_sheet": roles.STAFF,
    "trainings:staff_promote": roles.STAFF,
    "trainings:staff_demote": roles.STAFF,
}
