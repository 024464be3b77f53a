"""Profile photos: an uploaded picture becomes a small square JPEG, re-encoded from its pixels
so that nothing of the original file (EXIF location, camera, comments, other payloads) is kept."""

import io

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from community import files

PHOTO_TYPES = frozenset({files.JPEG, files.PNG, files.WEBP})
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000  # larger pictures are refused before they are decoded
PHOTO_SIDE = 320


def square_jpeg(uploaded) -> ContentFile:
    """The picture as a PHOTO_SIDE square JPEG without metadata; FileRejected if it is not a
    JPEG, PNG or WebP picture of a reasonable size."""
    if uploaded.size > PHOTO_MAX_BYTES:
        raise files.FileRejected(_("La photo dépasse 8 Mo : choisissez une image plus légère."))
    uploaded.seek(0)
    if files.sniff_mime(uploaded.read(files.SNIFF_BYTES)) not in PHOTO_TYPES:
        raise files.FileRejected(_("Choisissez une photo au format JPEG, PNG ou WebP."))
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise files.FileRejected(_("Cette image est trop grande : 40 mégapixels au plus."))
            image = ImageOps.exif_transpose(image).convert("RGB")
            square = ImageOps.fit(image, (PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise files.FileRejected(_("Cette image est illisible.")) from None
    out = io.BytesIO()
    # A new image from the pixels alone: no exif, icc_profile or comment is written.
    square.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


def has_photo(user) -> bool:
    """The photo step of a new member's first steps (community/apps.py `first_steps`)."""
    return bool(user.photo)
