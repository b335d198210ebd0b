"""Each dashboard and the public page make a fixed number of queries, whatever the number of
concerns, actions, councils, categories and settlements: one or two per table, none per row."""

import pytest
from django.urls import reverse

from concerns.models import Concern
from monitoring.monthly.build import rebuild
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
)
from tests.monitoring.conftest import action, local

PERIOD = {"start": "2026-11-01", "end": "2026-11-30"}
# The queries of each page: the session and the reader's scope, then the tables.
QUERIES = {
    "council-secretary": 29,
    "council-member": 29,
    "police": 14,
    "partners": 13,
    "national": 29,
    "public": 7,
}


def _page(world, name):
    return {
        "council-secretary": (
            world.secretary,
            reverse("monitoring:council", args=[world.council.pk]),
        ),
        "council-member": (world.member, reverse("monitoring:council", args=[world.council.pk])),
        "police": (world.commander, reverse("monitoring:police")),
        "partners": (world.focal_point, reverse("monitoring:partners")),
        "national": (world.national, reverse("monitoring:national")),
        "public": (None, reverse("statistics:public_municipality", args=["IST"])),
    }[name]


def _more_rows(world):
    """Rows of every kind a page lists or counts: categories, settlements, councils,
    concerns and actions in both months compared."""
    for index in range(3):
        municipality = MunicipalityFactory(
            code=f"M{chr(65 + index)}", name=f"Town {index}", time_zone="Europe/Belgrade"
        )
        CouncilFactory(municipality=municipality)
    for index in range(4):
        category = CategoryFactory(code=f"more-{index}", name=f"More {index}")
        settlement = SettlementFactory(municipality=world.istok, name=f"Village {index}")
        for day in (3, 4, 5):
            for month in (10, 11):
                item = ConcernFactory(
                    council=world.council, category=category, settlement=settlement
                )
                Concern.objects.filter(pk=item.pk).update(created_at=local(2026, month, day, 9))
                action(
                    world.council,
                    item,
                    created=local(2026, month, day, 10),
                    responsible_unit=world.unit if day % 2 else None,
                    responsible_body=None if day % 2 else world.body,
                    due_date=local(2026, 11, 20 + day).date(),
                )
    rebuild()


@pytest.mark.parametrize("name", list(QUERIES))
def test_each_page_makes_the_same_queries_with_more_rows(
    client, world, django_assert_num_queries, name
):
    user, url = _page(world, name)
    params = {"year": 2026} if name == "public" else PERIOD
    if user is not None:
        client.force_login(user)
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url, params).status_code == 200
    _more_rows(world)
    with django_assert_num_queries(QUERIES[name]):
        assert client.get(url, params).status_code == 200
