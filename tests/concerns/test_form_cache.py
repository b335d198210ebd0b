"""The public form's blank fields are rendered once per language and municipality, and drawn
anew as soon as a category, municipality or settlement changes."""

import re

import pytest
from django.urls import reverse

from concerns import form_cache
from tests.concerns.test_public_views import report_data
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory, SettlementFactory
from tests.workers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    SettlementFactory(municipality=municipality, name="Gurrakoc")
    category = CategoryFactory(
        code="lighting", name="Street lighting", name_translations={"sq": "Ndriçimi"}
    )
    return municipality, category


def form_fields(response) -> str:
    """The page without what differs on every request: the CSRF token and the one-time key."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="submission_key" value="[^"]+"', "", html)


def test_second_blank_form_is_served_from_memory_with_fewer_queries(
    client, istok, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as first:
        fresh = client.get(reverse("public:report"))
    with django_assert_max_num_queries(len(first.captured_queries) - 2):
        cached = client.get(reverse("public:report"))

    assert form_fields(cached) == form_fields(fresh)
    assert "Street lighting" in cached.content.decode()
    assert "Gurrakoc" in cached.content.decode()


def test_each_language_gets_its_own_fields(client, istok):
    client.get(reverse("public:report"))
    albanian = client.get(reverse("public:report"), headers={"accept-language": "sq"})

    assert "Ndriçimi" in albanian.content.decode()


def test_a_renamed_category_shows_on_the_next_form(
    client, istok, django_capture_on_commit_callbacks
):
    _, category = istok
    client.get(reverse("public:report"))
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "Broken street lights"
        category.save()

    assert "Broken street lights" in client.get(reverse("public:report")).content.decode()


def test_a_new_settlement_shows_on_the_next_form(client, istok, django_capture_on_commit_callbacks):
    municipality, _ = istok
    client.get(reverse("public:report"))
    with django_capture_on_commit_callbacks(execute=True):
        SettlementFactory(municipality=municipality, name="Cerrcë")

    assert "Cerrcë" in client.get(reverse("public:report")).content.decode()


def test_a_form_sent_back_with_errors_keeps_what_was_typed(client, istok):
    client.get(reverse("public:report"))
    response = client.post(
        reverse("public:report"),
        report_data(*istok, description="short", address="Rruga e Shkollës 12"),
    )

    assert response.status_code == 400
    assert 'value="Rruga e Shkollës 12"' in response.content.decode()


def test_the_form_is_drawn_when_the_cache_is_down(client, istok, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    form_cache.invalidate()

    response = client.get(reverse("public:report"))

    assert response.status_code == 200
    assert "Street lighting" in response.content.decode()
    assert "Public form rendered uncached" in caplog.text
