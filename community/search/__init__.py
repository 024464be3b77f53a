"""One search across the members' space: each app's provider, one page (community/search/).

`base` is the API providers speak (Area, Terms, Found, Hit) and the two ways of matching
(PostgreSQL full-text search, folded text on SQLite); `views` is the page; `members` is the
community app's own provider (the directory).
"""

from community.search.base import (
    CONFIG,
    Area,
    Found,
    Hit,
    Terms,
    fold,
    folded_match,
    headline,
    marked,
    match_rows,
    page,
    postgres,
    snippet_of,
    stored_folded_match,
    window,
)

__all__ = [
    "CONFIG",
    "Area",
    "Found",
    "Hit",
    "Terms",
    "fold",
    "folded_match",
    "headline",
    "marked",
    "match_rows",
    "page",
    "postgres",
    "snippet_of",
    "stored_folded_match",
    "window",
]
