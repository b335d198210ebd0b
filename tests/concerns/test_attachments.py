"""Uploads are judged by their bytes, pictures lose their metadata, and hostile pictures are
refused with a message instead of an error page or an exhausted server."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from concerns.attachments import check_upload
from concerns.models import Attachment

GPS_LATITUDE = (42.0, 46.0, 50.0)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CameraMaker"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (20.0, 29.0, 10.0)}
    return exif


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG header claiming a picture of any size, with no pixels behind it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b""))
        + png_chunk(b"IEND", b"")
    )


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    return refused.value


def test_jpeg_is_stored_without_exif_and_gps():
    photo = encoded(Image.new("RGB", (40, 30), "red"), "JPEG", exif=exif_with_gps())
    assert b"CameraMaker" in photo

    checked = check_upload(upload("IMG_0001.jpg", photo))

    assert checked.content_type == Attachment.Kind.JPEG
    assert b"Exif" not in checked.content and b"CameraMaker" not in checked.content
    with Image.open(io.BytesIO(checked.content)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (40, 30)
        assert not stored.getexif()
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_png_loses_its_text_chunks_and_exif():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at Drita's house")
    picture = encoded(
        Image.new("RGBA", (20, 10), (0, 128, 0, 255)), "PNG", pnginfo=info, exif=exif_with_gps()
    )
    assert b"tEXt" in picture and b"eXIf" in picture

    checked = check_upload(upload("map.png", picture))

    assert checked.content_type == Attachment.Kind.PNG
    for marker in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"Drita", b"CameraMaker"):
        assert marker not in checked.content, marker
    with Image.open(io.BytesIO(checked.content)) as stored:
        assert stored.size == (20, 10)
        assert stored.getpixel((0, 0)) == (0, 128, 0, 255)


def test_pdf_is_accepted_as_it_is():
    checked = check_upload(upload("letter.pdf", PDF))

    assert checked.content_type == Attachment.Kind.PDF
    assert checked.content == PDF


def test_pdf_without_its_end_marker_is_refused():
    error = refusal("letter.pdf", PDF.replace(b"%%EOF", b""))

    assert error.code == "bad_type"
    assert "“letter.pdf” is not a complete PDF document." in error.messages


def test_program_renamed_to_jpg_is_refused():
    error = refusal("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run")

    assert error.code == "bad_type"
    assert "“photo.jpg” is not a JPEG or PNG photo or a PDF document." in error.messages


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (20_000, 20_000),  # past twice Pillow's limit: Image.open raises DecompressionBombError
        (10_000, 10_000),  # past Pillow's limit: a DecompressionBombWarning
        (8_000, 6_000),  # past ours (40 MP), below Pillow's
    ],
)
def test_png_header_claiming_a_huge_picture_is_refused_before_decoding(width, height):
    error = refusal("bomb.png", png_header_only(width, height))

    assert error.code == "too_large"
    assert error.messages == ["The picture is too large."]


def test_real_48_megapixel_picture_is_refused_as_too_large():
    picture = encoded(Image.new("1", (8_000, 6_000)), "PNG")
    assert len(picture) < 1024 * 1024  # small on the wire, 48 MP once decoded

    error = refusal("panorama.png", picture)

    assert error.code == "too_large"
    assert error.messages == ["The picture is too large."]


def test_truncated_jpeg_is_refused_with_a_readable_message():
    photo = encoded(Image.effect_noise((200, 200), 64).convert("RGB"), "JPEG")

    error = refusal("IMG_0002.jpg", photo[: len(photo) // 2])

    assert error.code == "bad_image"
    assert error.messages == ["“IMG_0002.jpg” could not be read as a picture."]


def test_exif_orientation_is_applied_before_the_exif_is_dropped():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show rotated 90°
    photo = encoded(Image.new("RGB", (40, 20), "blue"), "JPEG", exif=exif)

    checked = check_upload(upload("IMG_0003.jpg", photo))

    with Image.open(io.BytesIO(checked.content)) as stored:
        assert stored.size == (20, 40)
        assert ExifTags.Base.Orientation not in stored.getexif()
