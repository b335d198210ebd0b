"""Every staff URL, the sign-in and admin pages, /report/ and /track/ answer
``Cache-Control: no-store, private``: no browser or proxy cache keeps them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from concerns.models import Attachment
from config.middleware import NoStoreMiddleware
from tests.factories import ConcernFactory, CouncilFactory, secretary_of

pytestmark = pytest.mark.django_db

STAFF_NAMESPACES = {"accounts", "workspace", "concerns", "councils", "policing", "monitoring"}


def _named_patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace or ""
            yield from _named_patterns(entry, inner if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def staff_url_names():
    return sorted(
        {
            (name, entry)
            for name, entry in _named_patterns(get_resolver())
            if name.split(":")[0] in STAFF_NAMESPACES
        },
        key=lambda pair: pair[0],
    )


def assert_no_store(response):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, cache_control


def test_the_staff_url_list_is_not_empty():
    names = [name for name, _ in staff_url_names()]
    assert "concerns:inbox" in names and "accounts:login" in names


@pytest.mark.parametrize("signed_in", [True, False], ids=["secretary", "anonymous"])
def test_every_staff_url_answers_no_store(client, signed_in):
    """Signed in, every page of these apps (their public pages too); signed out, those under
    the staff prefixes (a public council page may be cached for anonymous readers)."""
    council = CouncilFactory()
    concern = ConcernFactory(council=council)
    attachment = Attachment.objects.create(
        concern=concern,
        file=ContentFile(b"%PDF-1.4\n", name="upload.pdf"),
        content_type=Attachment.Kind.PDF,
        size=9,
        original_name="notes.pdf",
        sha256="0" * 64,
    )
    secretary = secretary_of(council)
    checked = []
    for name, entry in staff_url_names():
        kwargs = {}
        for key, converter in entry.pattern.converters.items():
            if isinstance(converter, IntConverter):
                kwargs[key] = attachment.pk if key == "attachment_id" else concern.pk
            else:
                # A password reset link's parts, else a transition's name.
                kwargs[key] = {"uidb64": "MQ", "token": "set-password"}.get(key, "triage")
        url = reverse(name, kwargs=kwargs)
        if not signed_in and not url.startswith(NoStoreMiddleware.PREFIXES):
            continue
        for method in (client.get, client.post):
            if signed_in:
                client.force_login(secretary)  # the logout URL signs out
            response = method(url)
            assert_no_store(response)
        checked.append(name)
    assert len(checked) >= 12


def test_the_admin_answers_no_store(admin_client, client):
    assert_no_store(admin_client.get("/admin/"))
    assert_no_store(client.get("/admin/login/"))


@pytest.mark.parametrize("path", ["/report/", "/track/", "/track/IST-2026-00001/abcdef/"])
def test_report_and_track_pages_answer_no_store(client, path):
    assert_no_store(client.get(path))


def test_a_public_page_for_anonymous_readers_may_be_cached(client):
    assert "no-store" not in client.get("/categories/").get("Cache-Control", "")
