"""What the library gives the members' search: documents of the folders this reader may read
(documents.rights), found by title, description, tags and the text extracted from the file."""

from django.contrib.postgres.search import SearchRank
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat, Left
from django.utils.translation import gettext_lazy as _

from community.search import (
    Area,
    Found,
    Hit,
    Terms,
    headline,
    marked,
    page,
    postgres,
    stored_folded_match,
    window,
)
from documents import rights
from documents.models import Document

# ts_headline reads at most this much of a file's text (the match is usually early).
HEADLINE_CHARS = 100_000


def _text(document) -> str:
    content = document.current_version.extracted_text if document.current_version else ""
    return f"{document.description}\n{content}"


def find_documents(request, terms: Terms, *, offset: int, limit: int) -> Found:
    rows = Document.objects.filter(
        folder_id__in=rights.readable_folder_ids(request.user), current_version__isnull=False
    )
    if postgres():
        query = terms.query()
        rows = rows.filter(search_vector=query).annotate(
            score=SearchRank(F("search_vector"), query),
            snippet=headline(
                Left(
                    Concat(
                        F("description"),
                        Value("\n"),
                        F("current_version__extracted_text"),
                        output_field=TextField(),
                    ),
                    HEADLINE_CHARS,
                ),
                terms,
            ),
        )
        rows = rows.order_by("-score", "-updated_at", "-pk")
    else:
        rows = stored_folded_match(rows, "search_text", terms).order_by("-updated_at", "-pk")
    rows = rows.select_related("folder", "current_version").defer("search_text", "search_vector")
    if postgres():
        rows = rows.defer("current_version__extracted_text")
    total, documents = page(rows, offset, limit)
    hits = [
        Hit(
            title=document.title,
            url=document.get_absolute_url(),
            snippet=marked(document.snippet)
            if hasattr(document, "snippet")
            else window(_text(document), terms),
            meta=f"{document.folder.name} · {document.current_version.original_filename}",
        )
        for document in documents
    ]
    return Found(total, hits)


areas = (Area("documents", _("Documents"), 20, find_documents),)
