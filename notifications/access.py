"""Access level of each URL of the notifications app (read by community's members-only gate)."""

from community import roles

URL_ACCESS = {
    "notifications:center": roles.MEMBER,
    "notifications:api": roles.MEMBER,
    "notifications:mark_all_read": roles.MEMBER,
    "notifications:preferences": roles.MEMBER,
    "notifications:mark_read": roles.MEMBER,
    "notifications:open": roles.MEMBER,
    # Signed for one person: the link in a digest works for whoever holds the email.
    "notifications:unsubscribe": roles.PUBLIC,
}
