"""Reads of the library shared by several views: folder contents, breadcrumbs, search."""

from django.db.models import Prefetch

from documents import rights
from documents.models import Document, Folder, Tag
from documents.services import normalize

SORTS = {
    "nom": ("title", "pk"),
    "-nom": ("-title", "-pk"),
    "date": ("updated_at", "pk"),
    "-date": ("-updated_at", "-pk"),
}


def _listing(queryset):
    return queryset.select_related("current_version", "author", "folder").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )


def folder_documents(folder, *, sort: str = "nom", tag: str = ""):
    """The documents of a folder with their current version: a constant number of queries."""
    queryset = Document.objects.filter(folder=folder, current_version__isnull=False)
    if tag:
        queryset = queryset.filter(tags__name__iexact=tag)
    return _listing(queryset.order_by(*SORTS.get(sort, SORTS["nom"])))


def readable_children(user, folder):
    readable = rights.readable_folder_ids(user)
    children = Folder.objects.filter(parent=folder).order_by("position", "name")
    return [child for child in children if child.pk in readable]


def breadcrumbs(folder) -> list:
    trail, node, seen = [], folder, set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        trail.append(node)
        node = node.parent
    return list(reversed(trail))


def folder_tags(folder):
    return Tag.objects.filter(document__folder=folder).distinct().order_by("name")


def search_documents(user, query: str):
    """Documents whose title, description, tags or extracted text contain every word, in the
    folders this person can read."""
    words = normalize(query).split()
    if not words:
        return Document.objects.none()
    queryset = Document.objects.filter(
        folder_id__in=rights.readable_folder_ids(user), current_version__isnull=False
    )
    for word in words[:10]:
        queryset = queryset.filter(search_text__contains=word)
    return _listing(queryset.order_by("-updated_at", "-pk"))
