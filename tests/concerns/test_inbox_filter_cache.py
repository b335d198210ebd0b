"""The inbox filters' lists (categories, settlements, councils) are read once per language and
scope, drawn anew after a save, and a filter outside the scope is still refused."""

import pytest
from django.urls import reverse

from tests.factories import (
    CategoryFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
    secretary_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok(client):
    municipality = MunicipalityFactory(code="IST", name="Istog")
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    SettlementFactory(municipality=municipality, name="Gurrakoc")
    CategoryFactory(code="lighting", name="Street lighting", name_translations={"sq": "Ndriçimi"})
    client.force_login(secretary_of(council))
    return municipality


def test_the_filter_lists_are_read_once(client, istok, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as first:
        fresh = client.get(reverse("concerns:inbox"))
    with django_assert_max_num_queries(len(first.captured_queries) - 3):
        cached = client.get(reverse("concerns:inbox"))

    assert fresh.status_code == cached.status_code == 200
    page = cached.content.decode()
    assert "Street lighting" in page and "Gurrakoc" in page and "MCSC Istog" in page


def test_each_language_gets_its_own_lists(client, istok):
    client.get(reverse("concerns:inbox"))
    albanian = client.get(reverse("concerns:inbox"), headers={"accept-language": "sq"})

    assert "Ndriçimi" in albanian.content.decode()


def test_a_new_settlement_shows_in_the_filters_on_the_next_page(
    client, istok, django_capture_on_commit_callbacks
):
    client.get(reverse("concerns:inbox"))
    with django_capture_on_commit_callbacks(execute=True):
        SettlementFactory(municipality=istok, name="Cerrcë")

    assert "Cerrcë" in client.get(reverse("concerns:inbox")).content.decode()


def test_a_renamed_council_shows_in_the_filters_on_the_next_page(
    client, istok, django_capture_on_commit_callbacks
):
    client.get(reverse("concerns:inbox"))
    council = istok.councils.get()
    with django_capture_on_commit_callbacks(execute=True):
        council.name = "Community Safety Council of Istog"
        council.save()

    assert (
        "Community Safety Council of Istog"
        in client.get(reverse("concerns:inbox")).content.decode()
    )


def test_a_settlement_of_another_scope_is_refused_as_a_filter(client, istok):
    elsewhere = SettlementFactory(municipality=MunicipalityFactory(code="PEJ"), name="Vitomirica")
    client.get(reverse("concerns:inbox"))

    response = client.get(reverse("concerns:inbox"), {"settlement": elsewhere.pk})

    assert "Vitomirica" not in response.content.decode()
    assert response.context["form"].errors["settlement"]


def test_the_other_councils_secretary_gets_their_own_lists(client, istok):
    client.get(reverse("concerns:inbox"))
    peja = CouncilFactory(municipality=MunicipalityFactory(code="PEJ"), name="MCSC Peja")
    SettlementFactory(municipality=peja.municipality, name="Vitomirica")
    client.force_login(secretary_of(peja))

    page = client.get(reverse("concerns:inbox")).content.decode()

    assert "Vitomirica" in page and "MCSC Peja" in page
    assert "Gurrakoc" not in page and "MCSC Istog" not in page


def test_the_filters_sent_come_back_selected_each_time(client, istok):
    open_ones = [client.get(reverse("concerns:inbox"), {"status": "open"}) for _ in range(2)]
    new_ones = client.get(reverse("concerns:inbox"), {"status": "new"}).content.decode()

    for response in open_ones:
        assert '<option value="open" selected>' in response.content.decode()
    assert '<option value="new" selected>' in new_ones
    assert '<option value="open" selected>' not in new_ones


def test_a_filter_error_is_shown_with_the_filter_each_time(client, istok):
    for _ in range(2):
        page = client.get(reverse("concerns:inbox"), {"received_from": "2026-13-45"})
        assert "Enter a real date for “Received from”" in page.content.decode()
