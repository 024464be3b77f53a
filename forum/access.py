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
    # Named here so nobody wonders: asking, previewing a message and seeing an attached image
    # are members' pages; what a member may do in each forum is machina's permission handler's.
    "cimaise_forum:ask": roles.MEMBER,
    "cimaise_forum:preview": roles.MEMBER,
    "cimaise_forum:attachment_preview": roles.MEMBER,
}
