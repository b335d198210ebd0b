"""Two web processes with nothing local in common (each its own CSC_VAR_DIR) on one database,
one Redis and one S3-compatible bucket behave as one site: what is uploaded through one is served
by the other, and a login on one is valid on the other."""

import http.cookiejar
import io
import re
import urllib.parse
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from PIL import Image

from concerns.models import Attachment
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory, secretary_of
from tests.workers import gunicorn_server, s3_server, wait_for
from tests.workers import test_database_url as database_url_of_this_test

PASSWORD = "two-machines-password"


class Browser:
    """A cookie jar and a few requests: enough of a browser for forms over loopback."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str):
        return self.opener.open(url, timeout=30)

    def post(self, url: str, fields: dict, files: dict | None = None):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content_type, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            url,
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        return self.opener.open(request, timeout=30)

    def form_token(self, url: str) -> str:
        html = self.get(url).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(f"{url}/accounts/login/", timeout=2).status == 200
    except OSError:
        return False


@pytest.mark.services("postgres", "redis")
@pytest.mark.django_db(transaction=True)
def test_attachment_uploaded_through_one_web_process_is_served_by_the_other(tmp_path):
    municipality = MunicipalityFactory(code="IST")
    council = CouncilFactory(municipality=municipality)
    category = CategoryFactory()
    secretary = secretary_of(council)
    # The servers use the production password hasher, not the tests' fast one.
    secretary.password = PBKDF2PasswordHasher().encode(PASSWORD, "twomachinessalt")
    secretary.save(update_fields=["password"])

    with s3_server() as bucket:
        shared = {
            "DATABASE_URL": database_url_of_this_test(),
            "REDIS_URL": settings.REDIS_URL,
            "DEBUG": "0",
            "STATIC_MANIFEST": "0",
            "STATIC_ROOT": str(tmp_path),
            "ALLOWED_HOSTS": "127.0.0.1",
            **bucket.env,
        }
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        with (
            gunicorn_server(
                env={**shared, "CSC_VAR_DIR": str(tmp_path / "a")}, log=tmp_path / "a.log"
            ) as first,
            gunicorn_server(
                env={**shared, "CSC_VAR_DIR": str(tmp_path / "b")}, log=tmp_path / "b.log"
            ) as second,
        ):
            wait_for(lambda: answers(first.url), timeout=60, log=tmp_path / "a.log")
            wait_for(lambda: answers(second.url), timeout=60, log=tmp_path / "b.log")

            resident = Browser()
            photo = io.BytesIO()
            Image.new("RGB", (32, 24), "green").save(photo, format="PNG")
            response = resident.post(
                f"{first.url}/report/",
                {
                    "csrfmiddlewaretoken": resident.form_token(f"{first.url}/report/"),
                    "municipality": municipality.pk,
                    "category": category.pk,
                    "description": "The bridge railing is broken near the school.",
                    "is_anonymous": "on",
                    "submission_key": uuid.uuid4(),
                    "website": "",
                },
                {"attachments": ("bridge.png", "image/png", photo.getvalue())},
            )
            assert response.status == 200
            assert "/report/done/" in response.url
            attachment = Attachment.objects.get()
            stored = bucket.client.get_object(Bucket=bucket.bucket, Key=attachment.file.name)
            in_bucket = stored["Body"].read()

            secretary_browser = Browser()
            login = f"{first.url}/accounts/login/"
            secretary_browser.post(
                login,
                {
                    "csrfmiddlewaretoken": secretary_browser.form_token(login),
                    "username": secretary.username,
                    "password": PASSWORD,
                },
            )
            # Logged in on the first, served by the second: sessions are shared too.
            path = f"/staff/concerns/{attachment.concern_id}/attachments/{attachment.pk}/"
            response = secretary_browser.get(f"{second.url}{path}")
            assert response.status == 200
            assert response.headers["Content-Type"] == "image/png"
            assert response.read() == in_bucket

    for var_dir in (tmp_path / "a", tmp_path / "b"):
        assert not [p for p in var_dir.rglob("*") if p.is_file() and "media" in p.parts]
