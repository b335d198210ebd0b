"""Checking uploads by their content, and removing photo metadata before storage.

A file is accepted only if its bytes are a JPEG, PNG or PDF, whatever its name says. Photos
are decoded and re-encoded without EXIF (GPS position, camera serial, time) so a resident's
location is not published by accident.

Decoding is what costs (a 40 MP picture is 120 MB of pixels per copy), so the work per photo
and per report is bounded: a picture's size is read from its header before anything is
decoded; a JPEG is decoded directly at the smallest DCT scale (1/2, 1/4, 1/8) that still
covers ``LONG_EDGE``, so a large photo costs about what a small one does; PNGs, which cannot
be decoded at a smaller scale, have a lower limit; every picture is stored at most
``LONG_EDGE`` pixels long; and the pixels decoded for one report are counted against
``MAX_DECODED_PIXELS_PER_REPORT`` from the headers of all its files before any of them is
decoded. ``bench/bench_attachments.py`` measures the result.
"""

import hashlib
import io
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, UnidentifiedImageError

from concerns.models import Attachment

# Phone photos are 12 to 24 MP (48 MP modes give files past the upload size limit). A JPEG
# this large is decoded at half or quarter scale, so the limit bounds little work.
MAX_PIXELS = 40_000_000
# A PNG is decoded whole: screenshots and maps are a few megapixels.
MAX_PNG_PIXELS = 16_000_000
# Stored pictures are at most this long (either side): plenty to read on a screen or print.
LONG_EDGE = 2000
# Pixels decoded for one report. A JPEG decodes to less than 2 x LONG_EDGE on its long side
# (12 MP at most; a 12 MP phone photo of 4032 x 3024 decodes at half scale, 3 MP), a PNG whole.
MAX_DECODED_PIXELS_PER_REPORT = 48_000_000
JPEG_QUALITY = 85

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


@dataclass(frozen=True)
class _Received:
    """An upload whose size, type and picture header passed: what decoding it will cost."""

    content: bytes
    kind: str
    name: str
    decoded_pixels: int = 0


def check_uploads(files: Iterable) -> list[CheckedUpload]:
    """Validate the files of one report; one ValidationError lists every file refused.

    Every header is read before any picture is decoded, so a report over the decoding budget
    is refused at the cost of reading headers.
    """
    received, errors = [], []
    for uploaded in files:
        try:
            received.append(_receive(uploaded))
        except ValidationError as exc:
            errors.extend(exc.messages)
    budget = MAX_DECODED_PIXELS_PER_REPORT
    for upload in received:
        budget -= upload.decoded_pixels
        if budget < 0:
            errors.append(
                _(
                    "“%(name)s” could not be added: the pictures of one report are too large "
                    "together. Please send fewer pictures or smaller ones."
                )
                % {"name": upload.name}
            )
    if errors:
        raise ValidationError(errors)
    checked = []
    for upload in received:
        try:
            checked.append(_clean(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def check_upload(uploaded) -> CheckedUpload:
    """Validate one uploaded file; raise ValidationError with a message the resident can act on."""
    return _clean(_receive(uploaded))


def _receive(uploaded) -> _Received:
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
        return _Received(content, kind, name)
    with _reading_picture(name), _open_picture(content, kind) as probe:
        width, height = probe.size  # from the header: nothing is decoded yet
        limit = MAX_PIXELS if kind == Attachment.Kind.JPEG else MAX_PNG_PIXELS
        if width * height > limit:
            raise _too_many_pixels(name, width * height, limit)
        _draft(probe, kind)
        decoded_pixels = probe.size[0] * probe.size[1]
        probe.verify()
    return _Received(content, kind, name, decoded_pixels)


def _clean(upload: _Received) -> CheckedUpload:
    content = upload.content
    if upload.kind != Attachment.Kind.PDF:
        content = clean_picture(content, upload.kind, upload.name)
    return CheckedUpload(content, upload.kind, upload.name)


def _too_many_pixels(name: str, pixels: int, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is a picture of %(pixels)s megapixels; pictures may have at most "
            "%(limit)s megapixels. Please send a smaller copy of it."
        )
        % {
            "name": name,
            "pixels": number_format(pixels / 1_000_000, 1),
            "limit": number_format(limit / 1_000_000, 0),
        },
        code="too_large",
    )


def stored_size(width: int, height: int) -> tuple[int, int]:
    """The picture's size once stored: at most LONG_EDGE on either side, proportions kept."""
    scale = min(1.0, LONG_EDGE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _open_picture(content: bytes, kind: str) -> Image.Image:
    return Image.open(io.BytesIO(content), formats=[_PILLOW_FORMATS[kind]])


def _draft(image: Image.Image, kind: str) -> None:
    """Have a JPEG decoded at 1/2, 1/4 or 1/8 scale when that still covers the stored size."""
    if kind == Attachment.Kind.JPEG:
        image.draft("RGB", stored_size(*image.size))


@contextmanager
def _reading_picture(name: str):
    """Pillow's refusals as messages: too large, or not a picture after all."""
    try:
        # Pillow warns past its own limit (89 MP) and refuses past twice that, already in
        # Image.open: both mean "too large", and a warning must not let the decoding go on.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("The picture is too large."), code="too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("“%(name)s” could not be read as a picture.") % {"name": name}, code="bad_image"
        ) from exc


def clean_picture(content: bytes, kind: str, name: str = "") -> bytes:
    """Decode the picture, turn it upright, make it at most LONG_EDGE long and re-encode it
    without any metadata.

    The EXIF orientation is applied before the EXIF is dropped, or turned photos would lie
    sideways. Call it on pictures whose header ``_receive`` checked.
    """
    with _reading_picture(name), _open_picture(content, kind) as image:
        target = stored_size(*image.size)
        _draft(image, kind)
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        if kind == Attachment.Kind.JPEG:
            picture, fmt, options = image.convert("RGB"), "JPEG", {"quality": JPEG_QUALITY}
        else:
            keep = image.mode in ("RGB", "RGBA", "L", "LA")
            picture = image if keep else image.convert("RGBA")
            fmt, options = "PNG", {}  # no optimize pass: it encodes the picture again
        if picture.size != target:
            picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if orientation in _TRANSPOSE:
            picture = picture.transpose(_TRANSPOSE[orientation])
        # A new image from the pixels alone carries no EXIF, XMP, ICC or text chunks.
        clean = Image.new(picture.mode, picture.size)
        clean.paste(picture)
        out = io.BytesIO()
        clean.save(out, format=fmt, **options)
        return out.getvalue()


# EXIF orientation -> the transposition that shows the picture upright (ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
