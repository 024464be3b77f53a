"""Text hygiene at input: invisible format and control characters are taken out of what is typed.

Bidi controls (U+202A–U+202E, U+2066–U+2069) reorder what a reader sees ("Trojan Source"), and
zero-width characters make two titles that look alike differ; none of them belongs in a title, a
post or a search. Kept: the zero-width joiner and non-joiner (emoji sequences, some scripts), tab,
newline and carriage return, and NUL, which Django's CharField refuses with its own message.
"""

import re

from django import forms

# Unicode's format characters (category Cf) and the C0/C1 controls (Cc), written out so the list
# can be read; tests check it against unicodedata.
INVISIBLE = re.compile(
    "["
    "\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # controls, except NUL, tab, newline, return
    "\u00ad"  # soft hyphen
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"  # Arabic marks, Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space, left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u206f"  # bidi isolates, deprecated format characters
    "\ufeff"  # byte order mark
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"  # language tags
    "]"
)


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


class CleanTextMixin:
    """Form mixin: the text fields (not passwords) lose their invisible characters before they
    are validated, so "required" and "max_length" judge what a reader will see."""

    def full_clean(self):
        if self.is_bound:
            self.data = self._without_invisible(self.data)
        super().full_clean()

    def _without_invisible(self, data):
        keys = {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput)
        }
        if hasattr(data, "setlist"):  # a QueryDict (request.POST or request.GET)
            data = data.copy()
            for key in keys & set(data):
                data.setlist(key, [_clean(value) for value in data.getlist(key)])
            return data
        return {key: _clean(value) if key in keys else value for key, value in data.items()}


def _clean(value):
    if isinstance(value, str):
        return strip_invisible(value)
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value
