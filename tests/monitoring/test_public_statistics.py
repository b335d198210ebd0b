"""Public statistics, with data built to break the suppression: a category with two concerns
in one quarter, a village with one, a sensitive category with one, and a grand total the other
tables would give away."""

from datetime import date

import pytest
from django.urls import reverse

from concerns.models import Concern
from monitoring.models import PublicStatisticsRule
from monitoring.monthly.build import rebuild as rebuild_monthly_figures
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
)
from tests.monitoring.conftest import local


@pytest.fixture
def town(db, today):
    istok = MunicipalityFactory(code="IST", name="Istog", time_zone="Europe/Belgrade")
    council = CouncilFactory(municipality=istok)
    theft = CategoryFactory(code="theft", name="Property crime")
    roads = CategoryFactory(code="roads", name="Traffic safety")
    violence = CategoryFactory(code="violence", name="Domestic violence", is_sensitive=True)
    village = SettlementFactory(municipality=istok, name="Banjë")
    town_centre = SettlementFactory(municipality=istok, name="Istog town")

    def add(category, when, settlement=town_centre, **kw):
        item = ConcernFactory(council=council, category=category, settlement=settlement, **kw)
        Concern.objects.filter(pk=item.pk).update(created_at=when)
        return item

    for day in range(1, 13):  # 12 thefts in the first quarter
        add(theft, local(2026, 2, day, 12))
    for day in range(1, 9):  # 8 in the third
        add(theft, local(2026, 8, day, 12))
    add(roads, local(2026, 3, 1, 12))  # 2 road concerns in the first quarter: small
    add(roads, local(2026, 3, 2, 12), settlement=village)  # Banjë's only concern
    for day in range(1, 7):
        add(roads, local(2026, 10, day, 12))
    order = CategoryFactory(code="order", name="Public order")
    for month, count in ((1, 7), (4, 6), (7, 6), (11, 6)):
        for day in range(1, count + 1):
            add(order, local(2026, month, day, 12))
    add(violence, local(2026, 5, 1, 12))  # one sensitive concern
    # 31 December 23:30 in Istog is 2026, though 22:30 UTC: counted in its quarter 4.
    add(roads, local(2026, 12, 31, 23, 30))
    # A duplicate is no new concern.
    original = add(theft, local(2026, 9, 1, 12))
    dup = add(theft, local(2026, 9, 2, 12))
    Concern.objects.filter(pk=dup.pk).update(status="duplicate", duplicate_of=original)
    rebuild_monthly_figures()  # the concerns were back-dated with QuerySet.update
    return istok


def _get(client, **params):
    return client.get(
        reverse("statistics:public_municipality", args=["IST"]), {"year": 2026, **params}
    )


def _table(response, key):
    return response.context["statistics"].table(key)


def test_public_page_needs_no_sign_in_and_hides_small_cells(client, town):
    response = _get(client)
    assert response.status_code == 200
    quarters = _table(response, "quarters")
    rows = {r[0].text: [c.text for c in r[1:]] for r in quarters.rows}
    # Property crime: 12, 0, 9 (8 + the original of the duplicate), 0: the zeros are hidden;
    # Traffic safety's 2 in the first quarter takes Public order's 7 with it, not the 12.
    assert rows["Property crime"][0] == "12"
    assert rows["Traffic safety"][0] == "< 5 or hidden"
    assert "&lt; 5 or hidden" in response.content.decode()
    # No line is left with exactly one hidden entry.
    for line in [r[1:] for r in quarters.rows] + [
        list(col) for col in zip(*[r[1:] for r in quarters.rows], strict=True)
    ]:
        assert sum(c.text == "< 5 or hidden" for c in line) != 1


def test_sensitive_categories_only_at_the_municipality_year_level(client, town):
    response = _get(client)
    for key in ("quarters", "settlements", "outcomes"):
        assert "Domestic violence" not in [r[0].text for r in _table(response, key).rows]
    sensitive = _table(response, "sensitive")
    assert [r[0].text for r in sensitive.rows] == ["Domestic violence", "Total"]
    # One concern: hidden, and so is the total that would equal it.
    assert all(r[1].text == "< 5 or hidden" for r in sensitive.rows)
    # The other tables' totals do not include it: they agree with each other.
    totals = {
        key: _table(response, key).rows[-1][-1].value
        for key in ("quarters", "settlements", "outcomes")
    }
    assert set(totals.values()) == {55}


def test_a_lone_village_concern_is_hidden_with_another(client, town):
    settlements = {r[0].text: r[1] for r in _table(_get(client), "settlements").rows}
    assert settlements["Banjë"].text == "< 5 or hidden"
    hidden = [name for name, cell in settlements.items() if cell.text == "< 5 or hidden"]
    assert len(hidden) >= 2


def test_the_threshold_is_data(client, town):
    PublicStatisticsRule.objects.create(municipality=town, threshold=2)
    rows = {r[0].text: [c.text for c in r[1:]] for r in _table(_get(client), "quarters").rows}
    assert rows["Traffic safety"][0] == "2"


def test_public_csv_keeps_cells_hidden(client, town):
    response = _get(client, export="csv", table="settlements")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Banjë,< 5 or hidden" in body


def test_query_count_does_not_grow_with_rows(client, town, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert _get(client).status_code == 200
    council = town.councils.first()
    category = CategoryFactory(code="more")
    for _ in range(10):
        ConcernFactory(council=council, category=category)
    with django_assert_max_num_queries(12):
        assert _get(client).status_code == 200


def test_unknown_municipality_or_year_is_not_found(client, town):
    assert client.get("/statistics/XYZ/").status_code == 404
    assert _get(client, year=1990).status_code == 404
    assert client.get(reverse("statistics:public_index")).status_code == 200


__all__ = ["date"]
