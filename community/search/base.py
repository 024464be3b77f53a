"""The search API every app's provider speaks, and the two ways of matching behind it.

On PostgreSQL: full-text search with the `cimaise_french` configuration (french, with unaccent
before the stemmer; created by community's search_configuration migration), a websearch query ("two words",
"a phrase", -word, or), ts_rank and ts_headline. On SQLite (laptops, the SQLite test pass):
every folded word of the query must appear in the folded text; snippets are a window of text.
The choice is made per query by `connection.vendor`, behind the same functions.
"""

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString, mark_safe

from community import roles

CONFIG = "cimaise_french"
# The most words of a query matched on SQLite (each one is a LIKE over the folded text).
MAX_WORDS = 10
# Markers ts_headline puts around matched words; the text is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
SNIPPET_CHARS = 220


def fold(text: str) -> str:
    """Without accents and case: "Humidité" and "HUMIDITE" both become "humidite"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Terms:
    """A query as the reader typed it, and its folded words (for SQLite and highlighting)."""

    text: str
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Terms":
        # websearch syntax: quotes group a phrase, a leading "-" excludes, "or" joins.
        words, seen = [], set()
        for token in re.findall(r"-?\w+", fold(text)):
            if token.startswith("-") or token == "or" or token in seen:
                continue
            seen.add(token)
            words.append(token)
        return cls(text=text, words=tuple(words[:MAX_WORDS]))

    def query(self) -> SearchQuery:
        return SearchQuery(self.text, search_type="websearch", config=CONFIG)


@dataclass
class Hit:
    """One result: what the reader sees of something they may open."""

    title: str
    url: str
    snippet: SafeString
    meta: str = ""
    badge: str = ""


@dataclass
class Found:
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Area:
    """One kind of result (forum topics, documents...), owned by the app that declares it.

    `find(request, terms, offset=, limit=)` returns a Found with the total and one page of hits,
    counting and showing only what this reader may open. `shown_to(request)` says whether the
    area exists at all for this reader (e.g. CVs for recruiters only).
    """

    key: str
    label: str
    order: int
    find: Callable[..., Found]
    shown_to: Callable[..., bool] = lambda request: roles.is_member(request.user)


# -- SQLite: folded text ---------------------------------------------------------------------


class Folded(Func):
    """cimaise_fold(text): `fold()` run by SQLite itself, registered on the connection."""

    function = "cimaise_fold"
    output_field = TextField()


def _register_fold() -> None:
    connection.ensure_connection()
    connection.connection.create_function("cimaise_fold", 1, fold, deterministic=True)


def folded_match(queryset, fields: Sequence[str], terms: Terms):
    """Rows whose folded `fields` contain every word (SQLite), with `folded_text` annotated."""
    _register_fold()
    parts = []
    for name in fields:
        parts += [Coalesce(F(name), Value("")), Value(" ")]
    queryset = queryset.annotate(folded_text=Folded(Concat(*parts, output_field=TextField())))
    return stored_folded_match(queryset, "folded_text", terms)


def stored_folded_match(queryset, column: str, terms: Terms):
    """Rows whose already folded `column` contains every word."""
    if not terms.words:
        return queryset.none()
    for word in terms.words:
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


def window(text: str, terms: Terms, size: int = SNIPPET_CHARS) -> SafeString:
    """About `size` characters of `text` around its first matched word, words marked."""
    text = " ".join((text or "").split())
    # The folded text, one entry per original character, so positions map back.
    folded = [fold(ch) for ch in text]
    flat, owner = [], []
    for index, piece in enumerate(folded):
        flat.append(piece)
        owner.extend([index] * len(piece))
    haystack = "".join(flat)
    spans = []
    for word in terms.words:
        for match in re.finditer(re.escape(word), haystack):
            spans.append((owner[match.start()], owner[match.end() - 1] + 1))
    first = min((start for start, _end in spans), default=0)
    begin = max(0, first - size // 3)
    end = min(len(text), begin + size)
    marked = text[:begin] and "…"
    cursor = begin
    for start, stop in _merge(spans, begin, end):
        marked += html.escape(text[cursor:start]) + "<mark>" + html.escape(text[start:stop])
        marked += "</mark>"
        cursor = stop
    marked += html.escape(text[cursor:end]) + ("…" if end < len(text) else "")
    return mark_safe(marked)  # noqa: S308 - every piece of text was escaped above


def _merge(spans, begin: int, end: int):
    merged: list[list[int]] = []
    for start, stop in sorted(spans):
        start, stop = max(start, begin), min(stop, end)
        if start >= stop:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    return merged


# -- PostgreSQL: full-text search ------------------------------------------------------------


def vector(*weighted: tuple[str, str]):
    """A tsvector of `(field, weight)` pairs, computed on the fly (small tables)."""
    parts = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in weighted]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def rank(vector_expression, terms: Terms):
    return SearchRank(vector_expression, terms.query())


def headline(expression, terms: Terms):
    """ts_headline of `expression` with the matched words between START and STOP."""
    return SearchHeadline(
        expression,
        terms.query(),
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def marked(snippet: str) -> SafeString:
    """A ts_headline answer made safe: escaped, then the markers turned into <mark>."""
    text = html.escape(" ".join((snippet or "").split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def match_rows(queryset, weighted: Sequence[tuple[str, str]], terms: Terms, snippet_field: str):
    """Rows of a small table matching `terms` on `weighted` fields, best first, each with
    `snippet` (SafeString) once evaluated through `snippets()`; the queryset is not evaluated."""
    if postgres():
        found = vector(*weighted)
        return (
            queryset.annotate(search_vector=found)
            .filter(search_vector=terms.query())
            .annotate(search_rank=rank(found, terms), search_snippet=headline(snippet_field, terms))
            .order_by("-search_rank", "-pk")
        )
    rows = folded_match(queryset, [name for name, _weight in weighted], terms)
    return rows.order_by("-pk")


def snippet_of(row, terms: Terms, text: str) -> SafeString:
    """The snippet of a row from match_rows(): ts_headline's on PostgreSQL, a window else."""
    if hasattr(row, "search_snippet"):
        return marked(row.search_snippet)
    return window(text, terms)


def page(queryset, offset: int, limit: int) -> tuple[int, list]:
    """(total, the rows of one page): two queries."""
    total = queryset.count()
    return total, (list(queryset[offset : offset + limit]) if total > offset else [])
