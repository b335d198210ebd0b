"""The dashboards from the reader's side: what each role sees, what is refused, the links
behind the figures, and that the number of queries does not grow with the data."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CategoryFactory, ConcernFactory, CouncilFactory, MunicipalityFactory

PERIOD = {"start": "2026-11-01", "end": "2026-11-30"}


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), {**PERIOD, **params})


def _figure(response, table: str, label: str):
    dashboard = response.context["dashboard"]
    for row in dashboard.table(table).rows:
        if row[0].text == label:
            return row
    raise AssertionError(f"{label} not in {table}")


def test_secretary_sees_the_council_figures_with_links_to_the_inbox(client, world):
    response = _get(client, world.secretary, "monitoring:council", world.council.pk)
    assert response.status_code == 200
    row = _figure(response, "concerns", "Concerns received")
    # The secretary also reads the sensitive concern: six received in November.
    assert row[1].value == 6 and row[2].value == 1
    link = urlparse(row[1].url)
    assert link.path == reverse("concerns:inbox")
    assert parse_qs(link.query) == {
        "council": [str(world.council.pk)],
        "received_from": ["2026-11-01"],
        "received_to": ["2026-11-30"],
    }
    # The inbox behind the figure lists the same six concerns.
    inbox = client.get(row[1].url)
    assert len(inbox.context["concerns"]) == 6
    assert b"Regular meetings due" in response.content


def test_member_sees_no_sensitive_category(client, world):
    response = _get(client, world.member, "monitoring:council", world.council.pk)
    assert _figure(response, "concerns", "Concerns received")[1].value == 5
    assert b"Domestic violence" not in response.content
    labels = [row[0].text for row in response.context["dashboard"].table("category").rows]
    assert labels == ["Property crime", "Lighting"]


def test_co_chair_sees_the_council_dashboard(client, world):
    response = _get(client, world.co_chair, "monitoring:council", world.council.pk)
    assert response.status_code == 200
    assert _figure(response, "actions", "Open actions")[1].value == 2


def test_peja_secretary_never_sees_istog_figures(client, world):
    assert (
        _get(client, world.pej_secretary, "monitoring:council", world.council.pk).status_code == 403
    )
    response = _get(client, world.pej_secretary, "monitoring:council", world.pej_council.pk)
    assert _figure(response, "concerns", "Concerns received")[1].value == 2
    assert b"MCSC Istog" not in response.content
    assert _get(client, world.pej_secretary, "monitoring:national").status_code == 403
    assert _get(client, world.pej_secretary, "monitoring:police").status_code == 403
    meetings = _get(client, world.pej_secretary, "monitoring:meetings", council=world.council.pk)
    assert meetings.status_code == 403


def test_index_sends_each_role_to_its_dashboard(client, world):
    for user, name in (
        (world.national, "monitoring:national"),
        (world.commander, "monitoring:police"),
        (world.focal_point, "monitoring:partners"),
    ):
        client.force_login(user)
        assert client.get(reverse("monitoring:dashboard"))["Location"] == reverse(name)
    client.force_login(world.member)
    assert client.get(reverse("monitoring:dashboard"))["Location"] == reverse(
        "monitoring:council", args=[world.council.pk]
    )


def test_commander_sees_the_actions_of_their_units(client, world):
    response = _get(client, world.commander, "monitoring:police")
    assert response.status_code == 200
    # a1, a2, a3 and a5 are the station's; a4 is the partner body's.
    assert _figure(response, "actions", "Actions created")[1].value == 3
    assert _figure(response, "actions", "Open actions")[1].value == 1
    unit = _figure(response, "unit", "Istog police station")
    assert parse_qs(urlparse(unit[1].url).query)["unit"] == [str(world.unit.pk)]
    assert _get(client, world.member, "monitoring:police").status_code == 403


def test_focal_point_sees_the_actions_of_their_body(client, world):
    response = _get(client, world.focal_point, "monitoring:partners")
    assert _figure(response, "actions", "Open actions")[1].value == 1
    assert b"Istog police station" not in response.content
    assert _get(client, world.commander, "monitoring:partners").status_code == 403


def test_national_dashboard_compares_municipalities_and_flags_councils(client, world):
    response = _get(client, world.national, "monitoring:national")
    assert response.status_code == 200
    municipalities = {
        r[0].text: r[1].value for r in response.context["dashboard"].table("municipalities").rows
    }
    # Sensitive concerns are not the national coordinator's to read.
    assert municipalities == {"Istog": 5, "Pejë": 2}
    scorecard = response.context["dashboard"].table("scorecard")
    istog = next(r for r in scorecard.rows if r[0].text == "MCSC Istog")
    columns = [c.key for c in scorecard.columns]
    assert istog[columns.index("quorum_reached")].value == 50.0
    assert "flag" in istog[columns.index("quorum_reached")].css
    assert istog[columns.index("support")].value == "yes"
    peja = next(r for r in scorecard.rows if r[0].text == "MCSC Peja")
    # Peja held no meeting in November: below cadence, and 100 % of its one action overdue.
    assert peja[columns.index("regular_meetings_held")].value == 0


def test_national_tables_sort_by_a_column(client, world):
    response = _get(
        client, world.national, "monitoring:national", sort="municipalities.label", dir="asc"
    )
    rows = response.context["dashboard"].table("municipalities").rows
    assert [r[0].text for r in rows] == ["Istog", "Pejë"]
    response = _get(
        client,
        world.national,
        "monitoring:national",
        sort="municipalities.concerns_received",
        dir="asc",
    )
    assert [r[0].text for r in response.context["dashboard"].table("municipalities").rows] == [
        "Pejë",
        "Istog",
    ]


def test_meeting_figures_link_to_the_meetings_they_count(client, world):
    response = _get(client, world.member, "monitoring:council", world.council.pk)
    held = _figure(response, "meetings", "Meetings held")
    assert held[1].value == 2
    listing = client.get(held[1].url)
    assert len(listing.context["meetings"]) == 2


def test_csv_export_has_headers_in_the_readers_language_and_no_formulas(client, world):
    CategoryFactory(code="tricky", name='=HYPERLINK("http://evil")')
    tricky = world.theft.__class__.objects.get(code="tricky")
    from tests.monitoring.conftest import concern, local

    concern(world.council, tricky, local(2026, 11, 3, 12))
    client.force_login(world.member)
    with translation.override("sq"):
        response = client.get(
            reverse("monitoring:council", args=[world.council.pk]),
            {**PERIOD, "export": "csv", "table": "category"},
            HTTP_ACCEPT_LANGUAGE="sq",
        )
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Kategoria"
    assert rows[-1][:2] == ['\'=HYPERLINK("http://evil")', "1"] or any(
        r[0] == '\'=HYPERLINK("http://evil")' for r in rows
    )
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_xlsx_export(client, world):
    client.force_login(world.national)
    response = client.get(
        reverse("monitoring:national"), {**PERIOD, "export": "xlsx", "table": "scorecard"}
    )
    assert response.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Council"


def test_unknown_table_is_not_found(client, world):
    response = _get(client, world.national, "monitoring:national", export="csv", table="nope")
    assert response.status_code == 404


def _more_data(world, councils: int, concerns: int):
    for index in range(councils):
        municipality = MunicipalityFactory(code=f"M{chr(65 + index)}", name=f"Town {index}")
        council = CouncilFactory(municipality=municipality)
        for _ in range(concerns):
            ConcernFactory(council=council, category=world.theft)


@pytest.mark.parametrize("name", ["monitoring:national", "monitoring:council", "monitoring:police"])
def test_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries, name):
    users = {
        "monitoring:national": world.national,
        "monitoring:council": world.secretary,
        "monitoring:police": world.commander,
    }
    args = [world.council.pk] if name == "monitoring:council" else []
    client.force_login(users[name])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse(name, args=args), PERIOD)
    _more_data(world, 3, 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(name, args=args), PERIOD)
    assert response.status_code == 200
    assert len(small.captured_queries) <= 30
