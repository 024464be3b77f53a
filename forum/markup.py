"""How posts are rendered (MACHINA_MARKUP_LANGUAGE): Markdown, @mentions linked, then sanitized."""

import re

import markdown2
import nh3
from django.urls import reverse
from django.utils.html import escape

MENTION = re.compile(r"(?<![\w@/.-])@([A-Za-z0-9_-]{2,50})")
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "abbr": {"title"}, "th": {"align"}}


def mentioned_handles(text: str) -> set[str]:
    return {handle.lower() for handle in MENTION.findall(text or "")}


def mention_targets(handles) -> dict:
    """{handle (lower case): user} for the handles that name an active person."""
    if not handles:
        return {}
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(handle__in=list(handles), is_active=True)
    return {user.handle.lower(): user for user in users}


def _link_mentions(html: str) -> str:
    targets = mention_targets(mentioned_handles(html))
    if not targets:
        return html

    def link(match):
        user = targets.get(match.group(1).lower())
        if user is None or user.hide_from_directory:
            # No link to a directory page that would be a 404 and would reveal the account id.
            return match.group(0)
        url = reverse("community:member_detail", args=[user.pk])
        return f'<a class="mention" href="{escape(url)}">@{escape(user.handle)}</a>'

    # Only outside tags: split on tags and touch text parts alone.
    parts = re.split(r"(<[^>]*>)", html)
    return "".join(part if part.startswith("<") else MENTION.sub(link, part) for part in parts)


# "\&" that is not the start of an escaped entity such as "\&copy;".
_ESCAPED_BARE_AMPERSAND = re.compile(r"\\&(?!#?[xX]?(?:[0-9a-fA-F]+|\w+);)")


class _LinkProcessor(markdown2.LinkProcessor):
    r"""markdown2 escapes a link title's quotes before its backslashes: '\"' becomes '\&quot;',
    which it then takes for an escaped entity and shows as "&quot;"."""

    def process_anchor(self, url, title_attr, link_text):
        return super().process_anchor(url, title_attr.replace("\\&quot;", "&quot;"), link_text)

    def process_image(self, url, title_attr, link_text):
        return super().process_image(url, title_attr.replace("\\&quot;", "&quot;"), link_text)


class _Markdown(markdown2.Markdown):
    r"""markdown2 with its double escaping fixed: it encodes "\&" to "\&amp;", then reads that
    as an escaped "&amp;" entity, so "Tom \& Jerry" showed "Tom &amp; Jerry" (the HTML had
    "&amp;amp;"), in link titles as in text."""

    def _encode_amps_and_angles(self, text: str) -> str:
        return super()._encode_amps_and_angles(_ESCAPED_BARE_AMPERSAND.sub("&amp;", text))

    def _do_links(self, text: str) -> str:
        processor = _LinkProcessor(self, None)
        return processor.run(text) if processor.test(text) else text


def render(text: str, **kwargs) -> str:
    html = _Markdown(safe_mode="escape", extras={"break-on-newline": True, "tables": None}).convert(
        text or ""
    )
    html = _link_mentions(str(html))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    ).strip()
