"""Say a file's type in words, with an icon: "PDF", "Word document" instead of application/pdf."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

# content type -> (icon, label); the icons are documents/static/documents/icons/<icon>.svg.
KINDS = {
    "application/pdf": ("pdf", gettext_lazy("PDF")),
    "application/msword": ("word", gettext_lazy("Document Word")),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "word",
        gettext_lazy("Document Word"),
    ),
    "application/vnd.oasis.opendocument.text": ("word", gettext_lazy("Texte OpenDocument")),
    "application/rtf": ("word", gettext_lazy("Texte mis en forme (RTF)")),
    "application/vnd.ms-excel": ("excel", gettext_lazy("Tableur Excel")),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "excel",
        gettext_lazy("Tableur Excel"),
    ),
    "application/vnd.oasis.opendocument.spreadsheet": (
        "excel",
        gettext_lazy("Tableur OpenDocument"),
    ),
    "text/csv": ("excel", gettext_lazy("Tableau CSV")),
    "application/vnd.ms-powerpoint": ("slides", gettext_lazy("Présentation PowerPoint")),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "slides",
        gettext_lazy("Présentation PowerPoint"),
    ),
    "application/vnd.oasis.opendocument.presentation": (
        "slides",
        gettext_lazy("Présentation OpenDocument"),
    ),
    "text/plain": ("text", gettext_lazy("Texte")),
    "application/zip": ("archive", gettext_lazy("Archive ZIP")),
}
IMAGE_NAMES = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP", "svg+xml": "SVG"}


def file_kind(content_type: str) -> tuple[str, str]:
    """(icon, label in the reader's language) for a content type; unknown types say "File"."""
    content_type = (content_type or "").split(";", 1)[0].strip().lower()
    if content_type in KINDS:
        icon, label = KINDS[content_type]
        return icon, str(label)
    family, _slash, subtype = content_type.partition("/")
    if family == "image":
        name = IMAGE_NAMES.get(subtype, subtype.upper())
        return "image", _("Image %(format)s") % {"format": name} if name else _("Image")
    if family == "text":
        return "text", _("Texte")
    return "file", _("Fichier")


@register.filter
def file_type_label(content_type: str) -> str:
    return file_kind(content_type)[1]


@register.filter
def file_type(content_type: str) -> str:
    """An icon (decorative: the words follow it) and the type in words."""
    icon, label = file_kind(content_type)
    return format_html(
        '<span class="file-type file-type-{}"><img src="{}" alt="" width="20" height="24"'
        ' class="file-icon"> {}</span>',
        icon,
        static(f"documents/icons/{icon}.svg"),
        label,
    )
