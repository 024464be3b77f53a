"""Access level of each URL of the documents app (read by community's members-only gate).

Folder rights (who reads, who adds) and author-only actions are checked in the views.
"""

from community import roles

URL_ACCESS = {
    "documents:*": roles.MEMBER,
    "documents:folder_create": roles.STAFF,
    "documents:folder_edit": roles.STAFF,
    "documents:folder_move": roles.STAFF,
}
