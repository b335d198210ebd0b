"""NUL bytes in query strings, form fields, upload names and cookies are a 400 (the page in
the reader's language), never a 500 from PostgreSQL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CouncilFactory, secretary_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return secretary_of(CouncilFactory())


@pytest.mark.parametrize(
    "query",
    [{"q": "lights\x00"}, {"status": "\x00"}, {"received_from": "2026-01-01\x00"}, {"\x00": "1"}],
)
def test_a_nul_byte_in_an_inbox_filter_is_a_bad_request(client, secretary, query):
    client.force_login(secretary)
    assert client.get(reverse("concerns:inbox"), query).status_code == 400


def test_a_nul_byte_in_the_admin_search_is_a_bad_request(admin_client):
    # The admin passes ?q= straight to the database: on PostgreSQL this was a 500.
    assert admin_client.get("/admin/concerns/concern/", {"q": "IST\x00"}).status_code == 400


def test_a_nul_byte_in_a_posted_field_is_a_bad_request(client):
    response = client.post(reverse("public:report"), {"description": "lights\x00 out"})
    assert response.status_code == 400


def test_a_nul_byte_in_an_upload_name_is_a_bad_request(client):
    upload = SimpleUploadedFile("photo\x00.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    response = client.post(reverse("public:report"), {"attachments": upload})
    assert response.status_code == 400


def test_a_nul_byte_in_the_session_cookie_is_a_bad_request(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get(reverse("public:home")).status_code == 400


def test_the_bad_request_page_is_in_the_readers_language(client):
    response = client.get(reverse("public:track"), {"reference": "\x00"}, HTTP_ACCEPT_LANGUAGE="sq")
    assert response.status_code == 400
    assert '<html lang="sq"' in response.content.decode()


def test_ordinary_requests_pass(client):
    assert client.get(reverse("public:track"), {"reference": "IST-2026-00001"}).status_code == 200
