"""The forum permission checker machina loads (get_class), fed from community.roles.

- members: the global rows granted to every authenticated user (data migration
  cimaise_forum 0002), so staff can still narrow a forum in the admin;
- moderators: machina's moderation powers on every forum, new ones included;
- staff: every forum permission;
- a forum someone may not read grants them nothing else (download, reply, vote...);
- anyone who is not a current member (applicant, lapsed, suspended): nothing,
  whatever the rows say (the members-only gate refuses them first anyway).
"""

from machina.apps.forum_permission.checker import (
    ForumPermissionChecker as MachinaForumPermissionChecker,
)
from machina.apps.forum_permission.defaults import PermissionConfig

from community import roles

MEMBER_PERMISSIONS = frozenset(
    {
        "can_see_forum",
        "can_read_forum",
        "can_start_new_topics",
        "can_reply_to_topics",
        "can_edit_own_posts",
        "can_post_without_approval",
        "can_create_polls",
        "can_vote_in_polls",
        "can_attach_file",
        "can_download_file",
    }
)
MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | {
    "can_post_announcements",
    "can_post_stickies",
    "can_delete_own_posts",
    "can_edit_posts",
    "can_delete_posts",
    "can_approve_posts",
    "can_reply_to_locked_topics",
    "can_lock_topics",
    "can_move_topics",
}
STAFF_PERMISSIONS = frozenset(p["codename"] for p in PermissionConfig.permissions)


def role_permissions(user) -> frozenset:
    if roles.is_staff(user):
        return STAFF_PERMISSIONS
    if roles.is_moderator(user):
        return frozenset(MODERATOR_PERMISSIONS)
    return frozenset()


class ForumPermissionChecker(MachinaForumPermissionChecker):
    def get_perms_for_forumlist(self, forums, perm_codenames=None):
        if self.user.is_anonymous or not roles.is_member(self.user):
            return {forum: set() for forum in forums}
        granted = super().get_perms_for_forumlist(forums, perm_codenames)
        extra = role_permissions(self.user)
        for forum in forums:
            perms = set(granted[forum]) | extra
            if "can_read_forum" not in perms:
                # A forum closed to someone gives them nothing else either: machina checks
                # only the action's own permission (download, reply, vote) on direct URLs.
                perms &= {"can_see_forum"}
            granted[forum] = perms
        return granted
