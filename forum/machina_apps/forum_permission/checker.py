"""The forum permission checker machina loads (get_class), fed from community.roles.

- members: the global rows granted to every authenticated user (data migration
  cimaise_forum 0002), so staff can still narrow a forum in the admin;
- moderators: machina's moderation powers on every forum, new ones included;
- staff: every forum permission;
- a forum someone may not read grants them nothing else (download, reply, vote...);
- anyone who is not a current member (applicant, lapsed, suspended): nothing,
  whatever the rows say (the members-only gate refuses them first anyway).

machina 1.3 narrows its lists of global rows while it loops over a list of forums, so a row
set on one forum (staff closing it to members, say) leaked into every forum after it: closing
one forum hid all the following ones from the index. Forums with rows of their own are
therefore computed one at a time.

A person's permissions on every forum are computed once and cached (forum/cache.py), keyed
by the permission rows' version, the forum tree's and what the rules above read of the person
(roles, groups, membership state): a page asks the cached map, not the database.
"""

from machina.apps.forum_permission.checker import (
    ForumPermissionChecker as MachinaForumPermissionChecker,
)
from machina.apps.forum_permission.defaults import PermissionConfig
from machina.core.db.models import get_model

from community import roles
from forum import cache as forum_cache

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

GroupForumPermission = get_model("forum_permission", "GroupForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


def role_permissions(user) -> frozenset:
    if roles.is_staff(user):
        return STAFF_PERMISSIONS
    if roles.is_moderator(user):
        return frozenset(MODERATOR_PERMISSIONS)
    return frozenset()


class ForumPermissionChecker(MachinaForumPermissionChecker):
    def get_perms_for_forumlist(self, forums, perm_codenames=None):
        forums = list(forums)
        if self.user.is_anonymous or not roles.is_member(self.user):
            return {forum: set() for forum in forums}
        known = self._every_forum_perms()
        wanted = set(perm_codenames or ())
        granted, unknown = {}, []
        for forum in forums:
            perms = known.get(getattr(forum, "pk", None))
            if perms is None:  # machina's "global" check (None), or a forum just created
                unknown.append(forum)
            else:
                granted[forum] = set(perms & wanted if wanted else perms)
        if unknown:
            granted.update(self._compute(unknown, perm_codenames))
        return granted

    def _every_forum_perms(self) -> dict:
        """{forum id: permissions} for every forum, from the cache."""
        if not hasattr(self, "_cimaise_perms"):

            def compute():
                forums = forum_cache.all_forums()
                return {forum.pk: frozenset(p) for forum, p in self._compute(forums).items()}

            self._cimaise_perms = forum_cache.cached(
                forum_cache.permissions_key(self.user, "map"), compute
            )
        return self._cimaise_perms

    def _compute(self, forums, perm_codenames=None):
        granted = self._machina_perms(forums, perm_codenames)
        extra = role_permissions(self.user)
        for forum in forums:
            perms = set(granted[forum]) | extra
            if "can_read_forum" not in perms:
                # A forum closed to someone gives them nothing else either: machina checks
                # only the action's own permission (download, reply, vote) on direct URLs.
                perms &= {"can_see_forum"}
            granted[forum] = perms
        return granted

    def _machina_perms(self, forums, perm_codenames):
        """machina's answer, without letting one forum's own rows change another forum's."""
        forums = list(forums)
        if len(forums) < 2:
            return super().get_perms_for_forumlist(forums, perm_codenames)
        ids = [forum.pk for forum in forums]
        rows = [
            model.objects.filter(forum_id__in=ids)
            for model in (UserForumPermission, GroupForumPermission)
        ]
        if perm_codenames:
            rows = [qs.filter(permission__codename__in=perm_codenames) for qs in rows]
        users, groups = (qs.values_list("forum_id", flat=True) for qs in rows)
        specific = set(users.union(groups))
        plain = [forum for forum in forums if forum.pk not in specific]
        granted = super().get_perms_for_forumlist(plain, perm_codenames) if plain else {}
        for forum in forums:
            if forum.pk in specific:
                granted.update(super().get_perms_for_forumlist([forum], perm_codenames))
        return granted
