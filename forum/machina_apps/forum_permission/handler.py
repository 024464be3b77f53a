"""machina's permission handler (machina loads it through get_class), reading the forum tree and
each person's permissions from the cache instead of the database.

machina's handler loads every forum, then every forum again as a tree, then the forums it
grants, on each request. Here the forums come from the cached tree (forum/cache.py), the
permissions from the checker's cached map, and the forums a person is granted for a list of
permissions are cached as ids under the same key as that map. The rules are machina's.
"""

from machina.apps.forum_permission.handler import PermissionHandler as MachinaPermissionHandler
from mptt.utils import get_cached_trees

from forum import cache as forum_cache


class PermissionHandler(MachinaPermissionHandler):
    def forum_list_filter(self, qs, user):
        """The forums of `qs` this person may see and read, as the cached forum instances (with
        their last post, its poster and topic: the forum lists show them without a query)."""
        if user.is_superuser:
            return super().forum_list_filter(qs, user)
        forum_cache.prefetch([forum_cache.forums_with_last_posts_key()])  # with what follows
        visible = {
            forum.pk
            for forum in self._get_forums_for_user(
                user, ["can_see_forum", "can_read_forum"], use_tree_hierarchy=True
            )
        }
        # Every forum (the index) needs no query; a subset (sub-forums) is read as ids.
        asked = set(qs.values_list("pk", flat=True)) if qs.query.where else None
        return [
            forum
            for forum in forum_cache.forums_with_last_posts()
            if forum.pk in visible and (asked is None or forum.pk in asked)
        ]

    def _get_all_forums(self):
        return forum_cache.all_forums()

    def _get_top_nodes(self):
        if not hasattr(self, "_top_nodes"):
            self._top_nodes = get_cached_trees(self._get_all_forums())
        return self._top_nodes

    def _get_forums_for_user(self, user, perm_codenames, use_tree_hierarchy=False):
        if user.is_superuser:
            return super()._get_forums_for_user(user, perm_codenames, use_tree_hierarchy)
        memo_key = (tuple(perm_codenames), use_tree_hierarchy, user.pk)
        if memo_key not in self._granted_forums_cache:
            ids = forum_cache.cached(
                forum_cache.permissions_key(
                    user, "granted", ",".join(perm_codenames), int(use_tree_hierarchy)
                ),
                lambda: [
                    forum.pk
                    for forum in super(PermissionHandler, self)._get_forums_for_user(
                        user, perm_codenames, use_tree_hierarchy
                    )
                ],
            )
            index = forum_cache.forums_by_id()
            self._granted_forums_cache[memo_key] = [index[pk] for pk in ids if pk in index]
        return self._granted_forums_cache[memo_key]
