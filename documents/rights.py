"""Who may read a folder, add to it, or curate a document (object-level rules of the library)."""

from community import roles
from documents.models import Folder


def _folder_table():
    """Every folder's parent and read rule: the tree is small, two queries for all of it."""
    rows = {}
    for folder in Folder.objects.prefetch_related("read_groups").only(
        "pk", "parent_id", "read_access", "read_roles", "add_access"
    ):
        rows[folder.pk] = folder
    return rows


def _opens_to(folder, user_roles, group_ids) -> bool:
    if folder.read_access == Folder.ReadAccess.MEMBERS:
        return True
    if set(folder.read_roles or []) & user_roles:
        return True
    return any(group.pk in group_ids for group in folder.read_groups.all())


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
            group_ids = set(user.groups.values_list("pk", flat=True))
            own = {pk for pk, folder in table.items() if _opens_to(folder, user_roles, group_ids)}
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
