"""Access level of each URL of the forum app (read by community's members-only gate).

machina's namespaces are classified as a whole; finer rules (own posts, locked topics, the
moderation powers of each forum) are machina's permission checks, fed from community.roles.
"""

from community import roles

URL_ACCESS = {
    "forum:*": roles.MEMBER,
    "forum_conversation:*": roles.MEMBER,
    "forum_feeds:*": roles.MEMBER,
    "forum_member:*": roles.MEMBER,
    "forum_search:*": roles.MEMBER,
    "forum_tracking:*": roles.MEMBER,
    "forum_moderation:*": roles.MODERATOR,
    "cimaise_forum:*": roles.MEMBER,
}
