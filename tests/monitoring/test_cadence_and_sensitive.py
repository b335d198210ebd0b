"""Meetings due count only the parts of a period that are over; sensitive categories appear
only per municipality and year, on the public page, its CSV and the national dashboard."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from concerns.models import Concern
from monitoring.indicators import meetings_due
from monitoring.monthly.build import rebuild
from monitoring.periods import Period
from tests.factories import ConcernFactory
from tests.monitoring.conftest import BELGRADE, local
from tests.monitoring.test_public_statistics import town  # noqa: F401 (a fixture)

SECOND_HALF = Period(date(2026, 7, 1), date(2026, 12, 31), BELGRADE)


@pytest.mark.parametrize(
    "as_of, monthly, quarterly, weekly",
    [
        (date(2026, 7, 1), 0, 0, 0),  # the half-year's first day: nothing is over yet
        (date(2026, 8, 1), 1, 0, 4),  # July is over
        (date(2026, 10, 1), 3, 1, 13),  # the third quarter is over
        (date(2026, 12, 31), 5, 1, 26),  # December is not
        (date(2027, 1, 1), 6, 2, 26),  # the whole half-year is
        (date(2028, 1, 1), 6, 2, 26),
        (date(2026, 1, 1), 0, 0, 0),  # before the period
    ],
)
def test_meetings_due_count_the_cadence_periods_that_are_over(as_of, monthly, quarterly, weekly):
    assert meetings_due("monthly", SECOND_HALF, as_of=as_of) == monthly
    assert meetings_due("quarterly", SECOND_HALF, as_of=as_of) == quarterly
    assert meetings_due("weekly", SECOND_HALF, as_of=as_of) == weekly
    assert meetings_due("as_needed", SECOND_HALF, as_of=as_of) is None


def test_a_span_of_days_is_pro_rated_by_the_days_gone_by():
    span = Period(date(2026, 11, 3), date(2027, 2, 2), BELGRADE)  # 92 days
    assert meetings_due("monthly", span) == 3
    assert meetings_due("monthly", span, as_of=date(2026, 12, 20)) == round(47 / (365.25 / 12))


def _due_on_the_page(client, user, council, today):
    with time_machine.travel(today, tick=False):
        client.force_login(user)
        response = client.get(
            reverse("monitoring:council", args=[council.pk]),
            {"start": "2026-07-01", "end": "2026-12-31"},
        )
    row = next(
        r
        for r in response.context["dashboard"].table("meetings").rows
        if r[0].text.startswith("Regular meetings due")
    )
    return row[1].value


def test_the_council_dashboard_asks_for_the_months_that_are_over(client, world):
    assert world.council.meeting_cadence == "monthly"
    at_year_end = local(2026, 12, 31, 23, 0)
    new_year = local(2027, 1, 1, 0, 30)
    assert _due_on_the_page(client, world.secretary, world.council, at_year_end) == 5
    assert _due_on_the_page(client, world.secretary, world.council, new_year) == 6


# --- Sensitive categories ----------------------------------------------------------------


def _sensitive(town_, count, when):
    council = town_.councils.first()
    category = Concern.objects.filter(category__is_sensitive=True).first().category
    village = town_.settlements.get(name="Banjë")
    for _ in range(count):
        item = ConcernFactory(council=council, category=category, settlement=village)
        Concern.objects.filter(pk=item.pk).update(created_at=when)
    rebuild()


def _csv(client, table):
    response = client.get(
        reverse("statistics:public_municipality", args=["IST"]),
        {"year": 2026, "export": "csv", "table": table},
    )
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_no_finer_cell_of_a_sensitive_category_on_the_public_page_or_its_csv(
    client,
    town,  # noqa: F811
):
    # Eight more in one village and one quarter: large enough to show, were they broken down.
    _sensitive(town, 8, local(2026, 5, 3, 12))
    response = client.get(reverse("statistics:public_municipality", args=["IST"]), {"year": 2026})
    statistics = response.context["statistics"]
    for key in ("quarters", "settlements", "outcomes"):
        table = statistics.table(key)
        assert "Domestic violence" not in [r[0].text for r in table.rows]
        assert "Domestic violence" not in _csv(client, key)
        # The totals are the 55 concerns of the other categories, with none of the nine.
        assert table.rows[-1][-1].value == 55
    settlements = {r[0].text: r[1].text for r in statistics.table("settlements").rows}
    assert settlements["Banjë"] == "< 5 or hidden"  # its one road concern, not ten
    sensitive = statistics.table("sensitive")
    assert [(r[0].text, r[1].text) for r in sensitive.rows] == [
        ("Domestic violence", "9"),
        ("Total", "9"),
    ]
    assert "Domestic violence,9" in _csv(client, "sensitive")
    assert [c.label for c in sensitive.columns] == ["Category", "Concerns"]  # no quarter


def test_the_national_dashboard_shows_sensitive_categories_per_municipality_and_year(client, world):
    client.force_login(world.national)
    url = reverse("monitoring:national")
    table = (
        client.get(url, {"start": "2026-11-01", "end": "2026-11-30"})
        .context["dashboard"]
        .table("sensitive")
    )
    assert table.title == "Sensitive categories, 2026, by municipality"
    rows = {r[0].text: [c.text for c in r[1:]] for r in table.rows}
    # Istog's one sensitive concern of 2026 is under 5: hidden, and its total with it.
    assert rows["Istog"] == ["< 5 or hidden", "< 5 or hidden"]
    assert rows["Pejë"] == ["< 5 or hidden", "< 5 or hidden"]  # none: 0 is under 5 too
    for _ in range(5):
        item = ConcernFactory(council=world.council, category=world.violence)
        Concern.objects.filter(pk=item.pk).update(created_at=local(2026, 3, 1, 12))
    rebuild()
    table = (
        client.get(url, {"start": "2026-11-01", "end": "2026-11-30"})
        .context["dashboard"]
        .table("sensitive")
    )
    rows = {r[0].text: [c.text for c in r[1:]] for r in table.rows}
    assert rows["Istog"] == ["6", "6"]  # the whole year, whatever month the period is
    # Never by month, category of another table, or council: one row per municipality.
    assert [c.key for c in table.columns] == ["municipality", f"c{world.violence.pk}", "total"]
    body = b"".join(
        client.get(
            url, {"start": "2026-11-01", "end": "2026-11-30", "export": "csv", "table": "sensitive"}
        ).streaming_content
    ).decode("utf-8-sig")
    assert "Istog,6,6" in body
