"""The inbox as a secretary uses it: partial references, readable filter errors, page numbers."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from concerns.models import Concern
from tests.factories import ConcernFactory, CouncilFactory, MunicipalityFactory, secretary_of
from workspace.templatetags.pagination import page_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return CouncilFactory(municipality=MunicipalityFactory(code="IST", name="Istog"))


@pytest.fixture
def secretary_client(client, council):
    client.force_login(secretary_of(council, "secretary.istok"))
    return client


def test_part_of_a_reference_finds_the_concern(secretary_client, council):
    concerns = [ConcernFactory(council=council) for _ in range(3)]
    wanted = concerns[1]
    digits = wanted.reference.rsplit("-", 1)[1]  # "00002"
    response = secretary_client.get(reverse("concerns:inbox"), {"q": digits})
    assert [c.pk for c in response.context["concerns"]] == [wanted.pk]
    year_and_number = wanted.reference.split("-", 1)[1]  # "2026-00002"
    response = secretary_client.get(reverse("concerns:inbox"), {"q": year_and_number})
    assert [c.pk for c in response.context["concerns"]] == [wanted.pk]


def test_a_bad_date_filter_is_shown_as_an_error_and_the_other_filters_still_apply(
    secretary_client, council
):
    ConcernFactory(council=council, status=Concern.Status.NEW)
    triaged = ConcernFactory(council=council, status=Concern.Status.TRIAGED)
    response = secretary_client.get(
        reverse("concerns:inbox"), {"received_from": "2026-13-45", "status": "triaged"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Concerns" in page
    assert "Enter a real date for “Received from”, for example 2026-04-23." in page
    assert '<a href="#id_received_from">' in page
    assert [c.pk for c in response.context["concerns"]] == [triaged.pk]


def test_an_end_date_before_the_start_date_is_an_error(secretary_client, council):
    response = secretary_client.get(
        reverse("concerns:inbox"), {"received_from": "2026-05-01", "received_to": "2026-04-01"}
    )
    assert "“Received until” is before “Received from”" in response.content.decode()


def test_the_inbox_shows_page_numbers_that_keep_the_filters(secretary_client, council):
    for _ in range(60):
        ConcernFactory(council=council, status=Concern.Status.NEW)
    page = secretary_client.get(
        reverse("concerns:inbox"), {"status": "new", "page": 2}
    ).content.decode()
    assert "Page 2 of 3" in page
    assert '<a href="?status=new&amp;page=3">' in page
    assert 'href="?status=new&amp;page=2" aria-current="page"' in page


def test_filters_fold_away_on_a_phone_and_say_how_many_are_set(secretary_client, council):
    page = secretary_client.get(
        reverse("concerns:inbox"), {"status": "new", "q": "park", "sort": "priority"}
    ).content.decode()
    assert '<details class="filters-fold" open data-fold-narrow>' in page
    assert "2 active" in page


def test_dates_in_english_are_written_day_first(secretary_client, council):
    concern = ConcernFactory(council=council)
    Concern.objects.filter(pk=concern.pk).update(created_at="2026-04-03T10:00:00+00:00")
    page = secretary_client.get(reverse("concerns:inbox")).content.decode()
    assert "03/04/2026" in page


def test_page_links_elide_the_middle_and_keep_first_and_last():
    paginator = Paginator(range(500), 10)
    assert page_links(paginator.page(10)) == [1, None, 8, 9, 10, 11, 12, None, 50]
    assert page_links(paginator.page(1)) == [1, 2, 3, None, 50]


class BoundedPaginator(Paginator):
    count_is_exact = False


def test_a_bounded_count_says_more_than_and_offers_no_last_page():
    paginator = BoundedPaginator(range(4000), 10)
    page = paginator.page(3)
    assert page_links(page) == [1, 2, 3, 4, 5, None]
    request = RequestFactory().get("/", {"page": 3})
    with translation.override("en"):
        html = render_to_string("partials/pagination.html", {"page_obj": page}, request=request)
    assert "Page 3 of more than 400" in html
    assert "page=400" not in html
