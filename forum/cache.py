"""What the forum caches, and the versions (community.cache) that key it.

Scopes, each bumped by forum/receivers.py when what it covers changes (and explicitly where
rows are changed in bulk, which sends no signal: forum/gdpr.py, community/gdpr.py):
- FORUMS: the forums, their counters and last posts (machina saves a forum at each post);
- TREE: which forums exist and where (created, moved, deleted): what permissions depend on;
- PERMS: machina's permission rows (a person's roles and groups are part of the keys);
- SOLUTIONS: which questions are solved (the badge in topic lists);
- PEOPLE (community.cache): how members are shown (their names), renamed or erased;
- topic_scope(pk): a topic, its posts, attachments, solution, poll and subscribers;
- viewer_scope(user_id): what is one member's own: read marks, followed forums.

A request reads the versions it needs once (one get_many) and keeps them, with the values it
read, until it ends (the forum permission middleware opens and closes that memo), so that a
page is computed from one consistent set of versions.
"""

import hashlib
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from machina.core.db.models import get_model

from community import cache as versioned
from community import roles

FORUMS = "forum:forums"
TREE = "forum:tree"
PERMS = "forum:perms"
SOLUTIONS = "forum:solutions"
PEOPLE = versioned.PEOPLE
GLOBAL_SCOPES = (FORUMS, TREE, PERMS, SOLUTIONS, PEOPLE)
# Cached values are kept at most a day: a version bump retires them sooner.
TIMEOUT = 24 * 3600


def topic_scope(pk) -> str:
    return f"forum:topic:{pk}"


def viewer_scope(user_id) -> str:
    return f"forum:viewer:{user_id}"


# -- one request's memo ---------------------------------------------------------------------
_memo: ContextVar[dict | None] = ContextVar("forum_cache_memo", default=None)


def begin_request(user=None):
    """A new memo for this request; the viewer's own scope is read with the global ones."""
    extra = (viewer_scope(user.pk),) if user is not None and user.is_authenticated else ()
    return _memo.set(
        {"versions": {}, "values": {}, "scopes": (*GLOBAL_SCOPES, *extra), "user": user}
    )


def end_request(token) -> None:
    _memo.reset(token)


def _current_memo() -> dict:
    # Outside a request (commands, services called from tests) nothing is kept between calls.
    return _memo.get() or {"versions": {}, "values": {}, "scopes": ()}


def versions(*names: str, prefetch=()) -> dict[str, str]:
    """The versions of these scopes (read once per request), fetching the cached values of the
    keys in `prefetch` in the same round trip."""
    memo = _current_memo()
    wanted = [name for name in names if name not in memo["versions"]]
    if wanted:  # the first read of a request also reads every scope forum pages use
        wanted += [name for name in memo["scopes"] if name not in memo["versions"]]
        wanted = list(dict.fromkeys(wanted))
    keys = [key for key in prefetch if key not in memo["values"]]
    if wanted:
        found_versions, found = versioned.versions(wanted, also=keys)
        memo["versions"].update(found_versions)
    elif keys:
        found = cache.get_many(keys)
    if keys:
        memo["values"].update({key: found.get(key, _MISSING) for key in keys})
    return {name: memo["versions"][name] for name in names}


def prefetch(keys) -> None:
    """Read these cached values now, in one round trip, for the `cached()` calls that follow,
    with those nearly every forum page reads (the first time in a request)."""
    memo = _current_memo()
    if not memo.get("common_read"):
        memo["common_read"] = True
        keys = [*keys, *_common_keys(memo.get("user"))]
    versions(prefetch=keys)


def _common_keys(user) -> list[str]:
    """What nearly every forum page reads: the forums, what the member may see in them, where
    they may approve posts (the moderation queue link); see PermissionHandler."""
    keys = [all_forums_key()]
    if user is not None and user.is_authenticated:
        keys += [
            permissions_key(user, "map"),
            permissions_key(user, "granted", "can_see_forum,can_read_forum", 1),
            permissions_key(user, "granted", "can_approve_posts", 0),
        ]
    return keys


# A value looked for in the cache and not found.
_MISSING = object()


def cached(key: str, compute, timeout=TIMEOUT):
    """The value cached under `key`, or `compute()`, stored under it (None is not stored)."""
    memo = _current_memo()
    if key not in memo["values"] and memo.get("user") is not None:
        prefetch([key])  # with the common keys, the first time
    value = memo["values"].get(key, _MISSING)
    if value is _MISSING and key not in memo["values"]:
        value = cache.get(key, _MISSING)
    if value is _MISSING or value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, timeout)
    memo["values"][key] = value
    return value


def store(key: str, value, timeout=TIMEOUT):
    cache.set(key, value, timeout)
    _current_memo()["values"][key] = value
    return value


def key(*parts) -> str:
    """A cache key made of these parts; long ones go through a digest. Parts made of what a
    piece shows make a key that is correct by construction: changed data, another key."""
    text = ":".join(str(part) for part in parts)
    if len(text) > 180:
        text = text[:60] + ":" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return text


# -- bumps ----------------------------------------------------------------------------------
def _bump(*names: str) -> None:
    versioned.bump(*names)
    # What this request read before its own change is not what it should show after it.
    memo = _memo.get()
    if memo is not None:
        memo.update(versions={}, values={}, common_read=False)


def bump_topics(*pks) -> None:
    _bump(*(topic_scope(pk) for pk in pks if pk))


def bump_viewer(user_id) -> None:
    if user_id:
        _bump(viewer_scope(user_id))


def bump_forums(*, tree=False) -> None:
    _bump(FORUMS, TREE) if tree else _bump(FORUMS)


def bump_perms() -> None:
    _bump(PERMS)


def bump_solutions() -> None:
    _bump(SOLUTIONS)


def bump_people() -> None:
    _bump(PEOPLE)


# -- shared reads ---------------------------------------------------------------------------
def all_forums_key() -> str:
    return key("forum:all", versions(FORUMS)[FORUMS])


def all_forums() -> list:
    """Every forum, in tree order (names, slugs, tree, counters)."""
    Forum = get_model("forum", "Forum")
    return cached(all_forums_key(), lambda: list(Forum.objects.all()))


def forums_with_last_posts_key() -> str:
    current = versions(FORUMS, PEOPLE)
    return key("forum:cards-forums", current[FORUMS], current[PEOPLE])


def forums_with_last_posts() -> list:
    """Every forum in tree order, with its last post, that post's poster and topic, for the
    forum lists. Keyed by FORUMS and PEOPLE: the last poster's name is shown."""
    Forum = get_model("forum", "Forum")

    def compute():
        return list(
            Forum.objects.select_related("last_post__poster", "last_post__topic").defer(
                "last_post__content", "last_post___content_rendered"
            )
        )

    return cached(forums_with_last_posts_key(), compute)


def forums_by_id() -> dict:
    memo = _current_memo()
    index = memo["values"].get("forum:by-id")
    if index is None:
        index = memo["values"]["forum:by-id"] = {forum.pk: forum for forum in all_forums()}
    return index


def ancestors(forum) -> list:
    """The forum's ancestors, from the root down, without a query (mptt's get_ancestors)."""
    index = forums_by_id()
    chain = []
    parent_id = forum.parent_id
    while parent_id is not None and parent_id in index:
        chain.append(index[parent_id])
        parent_id = index[parent_id].parent_id
    return chain[::-1]


def role_signature(user) -> str:
    """What, besides the permission rows, decides a person's forum permissions (the checker
    reads their roles and groups); part of the key of what is cached per person."""
    if not user.is_authenticated:
        return "anonymous"
    groups = ",".join(sorted(roles.group_names(user)))
    return (
        f"{user.pk}:{int(user.is_active)}{int(user.is_superuser)}{int(user.is_staff)}:"
        f"{roles.member_state(user)}:{groups}"
    )


def permissions_key(user, *parts) -> str:
    current = versions(TREE, PERMS)
    return key("forum:perms", current[PERMS], current[TREE], role_signature(user), *parts)


def language_key() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE
