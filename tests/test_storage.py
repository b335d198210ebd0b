"""Uploads through Django's storage API: the filesystem by default, an S3-compatible bucket when
S3_BUCKET is set (several machines then share them). The bucket is moto's server mode on a
loopback port, started by the test."""

import io
import runpy
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concerns.models import Attachment
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory, secretary_of
from tests.workers import s3_server

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"


def settings_with(monkeypatch, **env) -> dict:
    """config/settings.py evaluated afresh with ``env``: what a process started so would get."""
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_without_a_bucket_uploads_stay_on_the_filesystem(monkeypatch):
    storages = settings_with(monkeypatch)["STORAGES"]
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_s3_bucket_switches_uploads_to_the_s3_compatible_storage(monkeypatch):
    default = settings_with(
        monkeypatch,
        S3_BUCKET="csc-uploads",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_PREFIX="istog",
    )["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "csc-uploads"
    assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert default["OPTIONS"]["location"] == "istog"


@pytest.fixture
def bucket(settings):
    with s3_server() as server:
        env = server.env
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": env["S3_BUCKET"],
                    "endpoint_url": env["S3_ENDPOINT_URL"],
                    "region_name": env["S3_REGION"],
                    "access_key": env["S3_ACCESS_KEY_ID"],
                    "secret_key": env["S3_SECRET_ACCESS_KEY"],
                    "addressing_style": "path",
                    "file_overwrite": True,
                },
            },
        }
        yield server


def photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, format="PNG")
    return SimpleUploadedFile("street.png", out.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_photo_is_stored_in_the_bucket_and_served_to_the_secretary_from_it(
    client, bucket, settings
):
    municipality = MunicipalityFactory(code="IST")
    council = CouncilFactory(municipality=municipality)
    category = CategoryFactory()
    response = client.post(
        reverse("public:report"),
        {
            "municipality": municipality.pk,
            "category": category.pk,
            "description": "The bridge railing is broken near the school.",
            "is_anonymous": "on",
            "submission_key": str(uuid.uuid4()),
            "website": "",
            "attachments": [photo()],
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = bucket.client.get_object(Bucket=bucket.bucket, Key=attachment.file.name)
    in_bucket = stored["Body"].read()
    assert Image.open(io.BytesIO(in_bucket)).size == (40, 30)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))

    client.force_login(secretary_of(council))
    response = client.get(
        reverse("concerns:attachment", args=[attachment.concern_id, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == in_bucket


@pytest.mark.django_db
def test_the_same_form_sent_twice_stores_its_photo_once(client, bucket):
    municipality = MunicipalityFactory(code="IST")
    CouncilFactory(municipality=municipality)
    category = CategoryFactory()
    key = str(uuid.uuid4())
    data = {
        "municipality": municipality.pk,
        "category": category.pk,
        "description": "The bridge railing is broken near the school.",
        "is_anonymous": "on",
        "submission_key": key,
        "website": "",
    }
    client.post(reverse("public:report"), {**data, "attachments": [photo()]})
    # The same form sent again is the same concern: its photo must not be stored twice.
    client.post(reverse("public:report"), {**data, "attachments": [photo()]})
    listed = bucket.client.list_objects_v2(Bucket=bucket.bucket).get("Contents", [])
    assert [item["Key"] for item in listed] == [Attachment.objects.get().file.name]
