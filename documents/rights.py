"""Who may read a folder, add to it, or curate a document (object-level rules of the library)."""

from dataclasses import dataclass

from django.core.cache import cache

from community import cache as versioned
from community import roles
from documents.models import Folder

# The version of the folder tree and its read rules (community.cache), bumped by
# documents/listing.py whenever a folder, its groups or a group's name change.
FOLDERS = "documents:folders"
TABLE_TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class FolderRule:
    """What the rights need of one folder."""

    pk: int
    parent_id: int | None
    read_access: str
    read_roles: frozenset
    group_names: frozenset


def _folder_table() -> dict[int, FolderRule]:
    """Every folder's parent and read rule, from the cache while the tree does not change
    (two queries for the whole tree when it does)."""
    current, _found = versioned.versions([FOLDERS])
    key = f"documents:folder-table:{current[FOLDERS]}"
    table = cache.get(key)
    if table is None:
        table = {
            folder.pk: FolderRule(
                pk=folder.pk,
                parent_id=folder.parent_id,
                read_access=folder.read_access,
                read_roles=frozenset(folder.read_roles or ()),
                group_names=frozenset(group.name for group in folder.read_groups.all()),
            )
            for folder in Folder.objects.prefetch_related("read_groups").only(
                "pk", "parent_id", "read_access", "read_roles"
            )
        }
        cache.set(key, table, TABLE_TIMEOUT)
    return table


def _opens_to(rule: FolderRule, user_roles, group_names) -> bool:
    if rule.read_access == Folder.ReadAccess.MEMBERS:
        return True
    if rule.read_roles & user_roles:
        return True
    return bool(rule.group_names & group_names)


def readable_folder_ids(user) -> set[int]:
    """The folders this person can read: their own rule and every ancestor's allow them."""
    cached = getattr(user, "_documents_readable", None)
    if cached is not None:
        return cached
    user_roles = roles.roles_of(user)
    if roles.MEMBER not in user_roles:
        readable: set[int] = set()
    else:
        table = _folder_table()
        if roles.STAFF in user_roles:
            readable = set(table)
        else:
            names = roles.group_names(user)
            own = {pk for pk, folder in table.items() if _opens_to(folder, user_roles, names)}
            readable = set()
            for pk in own:
                node, ok, seen = table[pk], True, set()
                while node.parent_id is not None and node.parent_id not in seen:
                    seen.add(node.parent_id)
                    if node.parent_id not in own:
                        ok = False
                        break
                    node = table[node.parent_id]
                if ok:
                    readable.add(pk)
    if user.is_authenticated:
        user._documents_readable = readable
    return readable


def readers_among(user_ids, folder) -> list[int]:
    """Those among these people who may read `folder` (the rule of readable_folder_ids), worked
    out for all of them at once: four queries however many they are (notification fan-out)."""
    from django.contrib.auth import get_user_model

    table = _folder_table()
    chain, node, seen = [], table.get(folder.pk), set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node)
        node = table.get(node.parent_id) if node.parent_id is not None else None
    people = (
        get_user_model()
        .objects.filter(pk__in=list(user_ids), is_active=True)
        .select_related("membership")
        .prefetch_related("groups")
    )
    readers = []
    for person in people:
        groups = list(person.groups.all())
        person._cimaise_groups = {group.name for group in groups}  # roles reads no more rows
        user_roles = roles.roles_of(person)
        if roles.MEMBER not in user_roles:
            continue
        if roles.STAFF in user_roles or all(
            _opens_to(node, user_roles, person._cimaise_groups) for node in chain
        ):
            readers.append(person.pk)
    return sorted(readers)


def forget(user) -> None:
    """Drop the cached rights (after folders changed during the same request)."""
    if hasattr(user, "_documents_readable"):
        del user._documents_readable


def can_read(user, folder) -> bool:
    return folder.pk in readable_folder_ids(user)


def can_add(user, folder) -> bool:
    if not can_read(user, folder):
        return False
    return roles.is_staff(user) or folder.add_access == Folder.AddAccess.READERS


def can_manage_folders(user) -> bool:
    return roles.is_staff(user)


def _is_author(user, document) -> bool:
    return document.author_id is not None and document.author_id == user.pk


def can_curate(user, document) -> bool:
    """Edit a document's title, description and tags, move it or delete it: its author, or a
    moderator (staff count as moderators) curating the library, in a folder they can read."""
    if not can_read(user, document.folder):
        return False
    return roles.is_moderator(user) or _is_author(user, document)


def can_move_to(user, document, folder) -> bool:
    """Move a document into `folder`: a curator who reads it; an author who is not a moderator
    only where they may deposit."""
    if folder.pk == document.folder_id:
        return can_curate(user, document)
    if not can_curate(user, document) or not can_read(user, folder):
        return False
    return roles.is_moderator(user) or can_add(user, folder)


def move_targets(user, document) -> list:
    """The folders this person may move the document into, its own one included."""
    readable = readable_folder_ids(user)
    folders = Folder.objects.filter(pk__in=readable).order_by("name", "pk")
    return [folder for folder in folders if can_move_to(user, document, folder)]


def can_add_version(user, document) -> bool:
    """The author or staff only: a new version replaces what others download (moderators
    curate the description, not the content)."""
    if not can_read(user, document.folder):
        return False
    return roles.is_staff(user) or _is_author(user, document)
