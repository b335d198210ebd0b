"""Checking uploads by their content, and removing photo metadata before storage.

A file is accepted only if its bytes are a JPEG, PNG or PDF, whatever its name says. Photos
are decoded and re-encoded without EXIF (GPS position, camera serial, time) so a resident's
location is not published by accident.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from concerns.models import Attachment

MAX_PIXELS = 40_000_000

_SIGNATURES = {
    b"\xff\xd8\xff": Attachment.Kind.JPEG,
    b"\x89PNG\r\n\x1a\n": Attachment.Kind.PNG,
    b"%PDF-": Attachment.Kind.PDF,
}
_EXTENSIONS = {
    Attachment.Kind.JPEG: ".jpg",
    Attachment.Kind.PNG: ".png",
    Attachment.Kind.PDF: ".pdf",
}
_PILLOW_FORMATS = {Attachment.Kind.JPEG: "JPEG", Attachment.Kind.PNG: "PNG"}


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name="upload" + _EXTENSIONS[self.content_type])


def extension_for(content_type: str) -> str:
    return _EXTENSIONS[content_type]


def sniff_content_type(head: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def check_upload(uploaded) -> CheckedUpload:
    """Validate one uploaded file; raise ValidationError with a message the resident can act on."""
    limit = settings.CSC["MAX_ATTACHMENT_BYTES"]
    name = getattr(uploaded, "name", "") or ""
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    uploaded.seek(0)
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(_("The file is too large."), code="too_large")
    kind = sniff_content_type(content[:16])
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a JPEG or PNG photo or a PDF document.") % {"name": name},
            code="bad_type",
        )
    if kind == Attachment.Kind.PDF:
        if b"%%EOF" not in content[-2048:]:
            raise ValidationError(
                _("“%(name)s” is not a complete PDF document.") % {"name": name},
                code="bad_type",
            )
        return CheckedUpload(content, kind, name)
    return CheckedUpload(strip_image_metadata(content, kind, name), kind, name)


def strip_image_metadata(content: bytes, kind: str, name: str = "") -> bytes:
    """Decode and re-encode the picture, keeping its orientation and dropping all metadata.

    The size is checked from the header before any pixel is decoded: a few kilobytes can
    claim a picture that needs gigabytes of memory (a decompression bomb).
    """
    too_large = ValidationError(_("The picture is too large."), code="too_large")
    formats = [_PILLOW_FORMATS[kind]]
    try:
        # Pillow warns past its own limit (89 MP) and refuses past twice that, already in
        # Image.open: both mean "too large", and a warning must not let the decoding go on.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=formats) as probe:
                width, height = probe.size  # from the header: nothing is decoded yet
                if width * height > MAX_PIXELS:
                    raise too_large
                probe.verify()
            with Image.open(io.BytesIO(content), formats=formats) as image:
                image = ImageOps.exif_transpose(image)
                if kind == Attachment.Kind.JPEG:
                    image, fmt, options = image.convert("RGB"), "JPEG", {"quality": 88}
                else:
                    if image.mode not in ("RGB", "RGBA", "L", "LA"):
                        image = image.convert("RGBA")
                    fmt, options = "PNG", {"optimize": True}
                # A new image from the pixels alone carries no EXIF, XMP, ICC or text chunks.
                clean = Image.frombytes(image.mode, image.size, image.tobytes())
                out = io.BytesIO()
                clean.save(out, format=fmt, **options)
                return out.getvalue()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_large from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("“%(name)s” could not be read as a picture.") % {"name": name}, code="bad_image"
        ) from exc
