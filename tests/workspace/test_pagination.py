"""Staff lists count a bounded number of rows, so they cost the same at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerns.models import Concern
from tests.factories import ConcernFactory, CouncilFactory, MunicipalityFactory, secretary_of
from workspace.pagination import BoundedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return CouncilFactory(municipality=MunicipalityFactory(code="IST"))


def test_a_list_under_the_bound_shows_its_exact_count(council):
    ConcernFactory.create_batch(3, council=council)
    paginator = BoundedPaginator(Concern.objects.order_by("id"), 2)

    assert (paginator.count, paginator.num_pages, paginator.is_capped) == (3, 2, False)


def test_a_list_over_the_bound_counts_no_further_than_the_bound(council, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "count_limit", 4)
    ConcernFactory.create_batch(6, council=council)
    paginator = BoundedPaginator(Concern.objects.order_by("id"), 2)

    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.num_pages, paginator.is_capped) == (4, 2, True)

    assert len(queries) == 1
    assert "LIMIT 5" in queries[0]["sql"]


def test_the_bounded_count_neither_sorts_nor_joins_what_the_page_shows(client, council):
    """Sorting every match before counting the first 10 001 was most of the inbox's time at
    100 000 concerns (and grew with them)."""
    ConcernFactory.create_batch(3, council=council)
    client.force_login(secretary_of(council))

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("concerns:inbox"), {"status": "open"})

    (count,) = [
        q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "concerns_concern" in q["sql"]
    ]
    assert "ORDER BY" not in count.upper()
    assert "councils_settlement" not in count  # select_related's joins are left out
    assert "policing_followupaction" not in count  # and the "ready to resolve" annotation


def test_inbox_over_the_bound_says_more_than_and_keeps_paginating(client, council, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "count_limit", 30)
    ConcernFactory.create_batch(31, council=council)
    client.force_login(secretary_of(council))

    response = client.get(reverse("concerns:inbox"))
    second = client.get(reverse("concerns:inbox"), {"page": 2})

    assert "More than 30 concerns" in response.content.decode()
    assert "Page 1 of more than 2" in response.content.decode()
    assert len(second.context["concerns"]) == 5
