"""Uploads are judged by their bytes, pictures lose their metadata, and hostile pictures are
refused with a message instead of an error page or an exhausted server."""

import io
import struct
import uuid
import zlib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image, PngImagePlugin

from concerns.attachments import (
    LONG_EDGE,
    MAX_DECODED_PIXELS_PER_REPORT,
    MAX_PIXELS,
    MAX_PNG_PIXELS,
    check_upload,
    check_uploads,
)
from concerns.models import Attachment, Concern
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory

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
    with mock.patch("concerns.attachments.clean_picture") as clean:
        error = refusal("bomb.png", png_header_only(width, height))

    assert error.code == "too_large"
    clean.assert_not_called()


def test_real_48_megapixel_picture_is_refused_with_its_size_and_the_limit():
    picture = encoded(Image.new("1", (8_000, 6_000)), "PNG")
    assert len(picture) < 1024 * 1024  # small on the wire, 48 MP once decoded

    error = refusal("panorama.png", picture)

    assert error.code == "too_large"
    assert error.messages == [
        "“panorama.png” is a picture of 48.0 megapixels; pictures may have at most "
        "16 megapixels. Please send a smaller copy of it."
    ]


def test_png_past_its_own_limit_is_refused_though_a_jpeg_that_large_is_accepted():
    width, height = 5_000, 4_000  # 20 MP: within the JPEG limit, past the PNG one
    assert MAX_PNG_PIXELS < width * height <= MAX_PIXELS
    screenshot = encoded(Image.new("L", (width, height), 255), "PNG")
    photo = encoded(Image.new("L", (width, height), 128).convert("RGB"), "JPEG")

    assert refusal("screen.png", screenshot).code == "too_large"
    assert check_upload(upload("IMG_0004.jpg", photo)).content_type == Attachment.Kind.JPEG


def test_refusal_of_a_huge_picture_is_in_the_residents_language():
    with translation.override("sq"):
        error = refusal("panorama.png", png_header_only(8_000, 6_000))

    assert "panorama.png" in error.messages[0]
    assert "megapixels" not in error.messages[0]
    assert "48,0" in error.messages[0]  # Albanian writes a decimal comma


def phone_photo(width: int, height: int, orientation: int = 1) -> bytes:
    exif = exif_with_gps()
    exif[ExifTags.Base.Orientation] = orientation
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    return encoded(picture, "JPEG", exif=exif, quality=70)


def test_large_photo_is_stored_at_most_long_edge_long_upright_and_without_exif():
    photo = phone_photo(6_000, 4_000, orientation=6)  # 24 MP, taken with the phone upright

    checked = check_upload(upload("IMG_0005.jpg", photo))

    with Image.open(io.BytesIO(checked.content)) as stored:
        assert stored.size == (1333, LONG_EDGE)
        assert not stored.getexif()
    assert b"CameraMaker" not in checked.content


def test_large_jpeg_is_decoded_at_a_reduced_scale():
    photo = phone_photo(8_000, 4_000)
    decoded = []
    real_convert = Image.Image.convert

    def convert(image, *args, **kwargs):
        decoded.append(image.size)
        return real_convert(image, *args, **kwargs)

    with mock.patch.object(Image.Image, "convert", convert):
        check_upload(upload("IMG_0006.jpg", photo))

    assert decoded == [(2_000, 1_000)]  # a quarter of each side: the stored size itself


def test_stored_picture_is_encoded_without_an_optimize_pass():
    saved = []
    real_save = Image.Image.save

    def save(image, fp, format=None, **options):  # noqa: A002 — Pillow's own name
        saved.append(options)
        return real_save(image, fp, format, **options)

    with mock.patch.object(Image.Image, "save", save):
        check_upload(upload("map.png", encoded(Image.new("RGB", (20, 10)), "PNG")))

    assert saved and not any(options.get("optimize") for options in saved)


def test_five_phone_photos_fit_in_one_report():
    photo = phone_photo(4_032, 3_024)

    checked = check_uploads([upload(f"IMG_{n}.jpg", photo) for n in range(5)])

    assert len(checked) == 5
    with Image.open(io.BytesIO(checked[0].content)) as stored:
        assert stored.size == (LONG_EDGE, 1500)


def test_pictures_too_large_together_are_refused_before_any_is_decoded():
    screenshot = png_header_only(4_000, 3_000)  # 12 MP each, all decoded: 60 MP for five
    files = [upload(f"screen{n}.png", screenshot) for n in range(5)]
    assert 5 * 12_000_000 > MAX_DECODED_PIXELS_PER_REPORT >= 4 * 12_000_000

    with (
        mock.patch("concerns.attachments.clean_picture") as clean,
        pytest.raises(ValidationError) as refused,
    ):
        check_uploads(files)

    clean.assert_not_called()
    assert refused.value.messages == [
        "“screen4.png” could not be added: the pictures of one report are too large together. "
        "Please send fewer pictures or smaller ones."
    ]


@pytest.mark.django_db
def test_report_with_pictures_too_large_together_shows_the_form_again(client):
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    category = CategoryFactory(code="lighting")
    screenshot = png_header_only(4_000, 3_000)
    data = {
        "municipality": municipality.pk,
        "category": category.pk,
        "description": "The street lights on the main road are out.",
        "submission_key": str(uuid.uuid4()),
        "is_anonymous": "on",
        "website": "",
        "attachments": [SimpleUploadedFile(f"s{n}.png", screenshot) for n in range(5)],
    }

    response = client.post(reverse("public:report"), data)

    assert response.status_code == 400
    assert "the pictures of one report are too large together" in response.text
    assert not Concern.objects.exists()


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
