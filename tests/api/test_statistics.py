"""Statistics over the API: the public statistics with the page's suppressed cells, the council
and national dashboards for who may see them, refused to everyone else."""

from datetime import date, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from concerns.models import Concern
from monitoring.monthly.build import rebuild as rebuild_monthly_figures
from tests.api.conftest import client_for
from tests.factories import CategoryFactory, ConcernFactory, SettlementFactory, focal_point_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(60))


@pytest.fixture
def figures(world):
    """Istog in 2026: 12 thefts, 2 road concerns (a small cell), 1 sensitive concern."""
    with time_machine.travel(NOW, tick=False):
        theft = CategoryFactory(code="theft", name="Property crime")
        roads = CategoryFactory(code="roads", name="Traffic safety")
        village = SettlementFactory(municipality=world.istok, name="Banjë")
        for day in range(1, 13):
            _concern(world, theft, datetime(2026, 2, day, 12, tzinfo=NOW.tzinfo))
        _concern(world, roads, datetime(2026, 3, 1, 12, tzinfo=NOW.tzinfo))
        _concern(world, roads, datetime(2026, 3, 2, 12, tzinfo=NOW.tzinfo), settlement=village)
        # Back-dated with QuerySet.update, which no service does: refresh monitoring's monthly
        # figures as its nightly check would.
        rebuild_monthly_figures()
        yield world


def _concern(world, category, when, **fields):
    item = ConcernFactory(council=world.council, category=category, **fields)
    Concern.objects.filter(pk=item.pk).update(created_at=when)


def _texts(table) -> list[list[str]]:
    """A table of the page (monitoring.tables.Table) or of the API (JSON) as its cells' texts."""
    if isinstance(table, dict):
        return [[cell["text"] for cell in row] for row in table["rows"]]
    return [[cell.text for cell in row] for row in table.rows]


def test_public_statistics_need_no_sign_in_and_are_the_pages_suppressed_cells(figures):
    anonymous = Client()
    response = anonymous.get("/api/v1/statistics/public/ist/", {"year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert body["municipality"]["code"] == "IST"
    assert body["year"] == 2026 and 2026 in body["years"]
    page = anonymous.get("/statistics/IST/", {"year": 2026}).context["statistics"]
    assert [t["key"] for t in body["tables"]] == [t.key for t in page.tables]
    for table in body["tables"]:
        assert _texts(table) == _texts(page.table(table["key"])), table["key"]
    quarters = {row[0]["text"]: row[1:] for row in next(t for t in body["tables"])["rows"]}
    assert quarters["Property crime"][0] == {
        "value": 12,
        "text": "12",
        "url": "",
        "suppressed": False,
    }
    roads = quarters["Traffic safety"][0]
    assert roads["suppressed"] and roads["value"] is None and roads["text"] == "< 5 or hidden"
    # No cell of the API carries a value the page hides.
    for table in body["tables"]:
        for row in table["rows"]:
            for cell in row:
                assert cell["value"] is None or not cell["suppressed"]


def test_public_statistics_refuse_an_unknown_year_or_municipality(figures):
    client = Client()
    response = client.get("/api/v1/statistics/public/IST/", {"year": 1999})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "year" in response.json()["fields"]
    assert client.get("/api/v1/statistics/public/IST/", {"year": "x"}).status_code == 400
    missing = client.get("/api/v1/statistics/public/NOPE/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_the_council_dashboard_is_the_pages_for_its_secretary(figures):
    path = f"/api/v1/statistics/councils/{figures.council.pk}/"
    period = {"start": "2026-01-01", "end": "2026-06-30"}
    with time_machine.travel(NOW, tick=False):
        client = client_for(figures.secretary)
        response = client.get(path, period)
        page = client.get(f"/staff/statistics/councils/{figures.council.pk}/", period)
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {
        "start": "2026-01-01",
        "end": "2026-06-30",
        "time_zone": "Europe/Belgrade",
    }
    assert body["previous_period"]["end"] == "2025-12-31"
    dashboard = page.context["dashboard"]
    assert [t["key"] for t in body["tables"]] == [t.key for t in dashboard.tables]
    for table in body["tables"]:
        assert _texts(table) == _texts(dashboard.table(table["key"])), table["key"]
    concerns = {row[0]["text"]: row[1] for row in body["tables"][0]["rows"]}
    assert concerns["Concerns received"]["value"] == 14
    assert concerns["Concerns received"]["url"].startswith("/staff/concerns/")


@pytest.mark.parametrize("reader", ["pej_secretary", "officer", "commander"])
def test_another_councils_secretary_and_the_police_cannot_read_a_council_dashboard(figures, reader):
    response = client_for(getattr(figures, reader)).get(
        f"/api/v1/statistics/councils/{figures.council.pk}/"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "tables" not in response.json()


def test_anonymous_cannot_read_a_dashboard(figures):
    for path in (
        f"/api/v1/statistics/councils/{figures.council.pk}/",
        "/api/v1/statistics/national/",
    ):
        response = Client().get(path)
        assert response.status_code in (401, 403)
        assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("reader", ["secretary", "member", "officer", "commander"])
def test_only_the_national_coordinator_reads_the_national_dashboard(figures, reader):
    response = client_for(getattr(figures, reader)).get("/api/v1/statistics/national/")
    assert response.status_code == 403


def test_the_national_coordinator_compares_municipalities(figures):
    with time_machine.travel(NOW, tick=False):
        response = client_for(figures.national).get(
            "/api/v1/statistics/national/", {"start": "2026-01-01", "end": "2026-12-31"}
        )
    assert response.status_code == 200
    table = next(t for t in response.json()["tables"] if t["key"] == "municipalities")
    rows = {row[0]["text"]: row[1]["value"] for row in table["rows"]}
    # This year's 14 and the world's drugs concern; never the sensitive one.
    assert rows["Istog"] == 15


def test_a_council_dashboard_of_another_reader_is_also_open_to_the_national_coordinator(figures):
    response = client_for(figures.national).get(
        f"/api/v1/statistics/councils/{figures.pej_council.pk}/"
    )
    assert response.status_code == 200


def test_a_bad_period_is_a_400_with_the_field(figures):
    client = client_for(figures.national)
    path = "/api/v1/statistics/national/"
    swapped = client.get(path, {"start": "2026-06-01", "end": "2026-01-01"})
    assert swapped.status_code == 400 and "end" in swapped.json()["fields"]
    assert client.get(path, {"start": "2026-06-01"}).json()["fields"]["end"]
    assert client.get(path, {"start": "2026-13-01", "end": "2026-12-01"}).status_code == 400
    edge = client.get(path, {"start": "9999-12-30", "end": "9999-12-31"})
    assert edge.status_code == 400
    assert client.get("/api/v1/statistics/councils/999999/").status_code == 404


def test_dates_in_the_default_period(figures):
    with time_machine.travel(NOW, tick=False):
        body = client_for(figures.national).get("/api/v1/statistics/national/").json()
    assert body["period"]["start"] == date(2026, 6, 1).isoformat()
    assert body["period"]["end"] == "2026-11-30"


def test_a_commander_reads_the_actions_of_their_units(figures):
    response = client_for(figures.commander).get("/api/v1/statistics/police/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Istog police station"
    headline = {row[0]["text"]: row[1]["value"] for row in body["tables"][0]["rows"]}
    assert headline["Open actions"] == 1  # the world's action


@pytest.mark.parametrize("reader", ["secretary", "officer", "national"])
def test_who_commands_no_unit_cannot_read_the_police_dashboard(figures, reader):
    response = client_for(getattr(figures, reader)).get("/api/v1/statistics/police/")
    assert response.status_code == 403


def test_only_a_focal_point_reads_their_partner_bodys_actions(figures):
    focal = focal_point_in(figures.body, "focal.istok")
    response = client_for(focal).get("/api/v1/statistics/partners/")
    assert response.status_code == 200
    assert response.json()["title"] == "Public services"
    for reader in (figures.commander, figures.secretary):
        assert client_for(reader).get("/api/v1/statistics/partners/").status_code == 403
    assert Client().get("/api/v1/statistics/partners/").status_code in (401, 403)


def test_a_year_in_other_digits_is_a_400_not_a_500(figures):
    client = Client()
    for year in ("²", "٢٠٢٦", "2026.0"):
        response = client.get("/api/v1/statistics/public/IST/", {"year": year})
        assert response.status_code == 400, year
