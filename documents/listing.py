"""The document list of a folder page, rendered once and kept in the cache until a document, a
version, a tag or a folder changes (and the folder table of rights.py, until a folder or a
group changes): every such save or delete bumps one version of
community.cache (receivers connected by DocumentsConfig.ready()). The list shows nothing that
depends on who reads it; the folder itself is checked for the reader before (views.py)."""

import hashlib

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from community import cache as versioned
from documents import rights, selectors
from documents.models import Document, DocumentVersion, Folder, Tag

LISTING = "documents:listing"
PAGE_SIZE = 50
TIMEOUT = 24 * 3600


def folder_listing(request, folder, *, sort: str, tag: str, query: str) -> tuple[str, list]:
    """The folder's documents (one page of them) with the pagination, as HTML, and the tags of
    its documents (the filter's choices): one read of the version, one of the cache."""
    current, _found = versioned.versions([LISTING])
    page_number = (request.GET.get("page") or "1")[:12]
    parts = (folder.pk, sort, tag.casefold(), page_number, translation.get_language())
    digest = hashlib.sha1(
        repr((*parts, current[LISTING])).encode(), usedforsecurity=False
    ).hexdigest()
    list_key = f"documents:folder-list:{digest}"
    tags_key = f"documents:folder-tags:{folder.pk}:{current[LISTING]}"
    found = cache.get_many([list_key, tags_key])
    fresh = {}
    html = found.get(list_key)
    if html is None:
        page = Paginator(selectors.folder_documents(folder, sort=sort, tag=tag), PAGE_SIZE)
        page = page.get_page(page_number)
        html = fresh[list_key] = render_to_string(
            "documents/includes/folder_documents.html",
            {"page": page, "documents": page.object_list, "query": query},
            request=request,
        )
    tags = found.get(tags_key)
    if tags is None:
        tags = fresh[tags_key] = list(selectors.folder_tags(folder))
    if fresh:
        cache.set_many(fresh, TIMEOUT)
    return mark_safe(html), tags  # noqa: S308 - our template's own output


def _bump(**kwargs):
    if not kwargs.get("raw"):
        versioned.bump(LISTING)


def _bump_folders(**kwargs):
    # The folder table of documents/rights.py, and the lists (they show folder names).
    if not kwargs.get("raw"):
        versioned.bump(rights.FOLDERS, LISTING)


def connect() -> None:
    for model in (Document, DocumentVersion, Tag):
        post_save.connect(_bump, sender=model, dispatch_uid=f"listing-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"listing-del-{model.__name__}")
    m2m_changed.connect(_bump, sender=Document.tags.through, dispatch_uid="listing-tags")
    for model in (Folder, Group):
        post_save.connect(_bump_folders, sender=model, dispatch_uid=f"folders-{model.__name__}")
        post_delete.connect(_bump_folders, sender=model, dispatch_uid=f"folders-d-{model.__name__}")
    m2m_changed.connect(
        _bump_folders, sender=Folder.read_groups.through, dispatch_uid="folders-groups"
    )
