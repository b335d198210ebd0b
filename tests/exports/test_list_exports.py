"""Every staff list downloads as the rows its page shows: streamed CSV (or XLSX), headers in the
reader's language, formulas neutralised, no reporter identity, sensitive texts kept in."""

import io

import pytest
from django.urls import reverse

from concerns.models import Concern
from tests.exports.conftest import read_csv
from tests.factories import ConcernFactory, UserFactory, officer_in
from tests.monitoring.conftest import concern, local

PERIOD = {"received_from": "2026-11-01", "received_to": "2026-11-30"}


def _export(client, user, name, params=None, fmt="csv", language="en"):
    client.force_login(user)
    return client.get(
        reverse(name), {**(params or {}), "export": fmt}, HTTP_ACCEPT_LANGUAGE=language
    )


def test_secretary_downloads_the_filtered_inbox_as_the_page_lists_it(client, world):
    params = {**PERIOD, "category": world.theft.pk, "council": world.council.pk}
    client.force_login(world.secretary)
    page = client.get(reverse("concerns:inbox"), params)
    response = _export(client, world.secretary, "concerns:inbox", params)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0][:3] == ["Reference", "Received", "Category"]
    assert [r[0] for r in rows[1:]] == [c.reference for c in page.context["concerns"]]
    assert {r[2] for r in rows[1:]} == {"Property crime"}
    assert len(rows) == 1 + 3  # c1, c3, c5 of November


def test_inbox_file_never_carries_the_reporter(client, world):
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", PERIOD))
    text = "\n".join(",".join(r) for r in rows)
    assert len(rows) > 1
    assert "Arben" not in text and "+383" not in text and "@example.org" not in text


def test_inbox_file_never_carries_the_safe_ways_to_contact(client, world):
    from concerns.models import SafeContact

    SafeContact.objects.create(
        concern=world.concerns.sensitive,
        by_sms=True,
        organisation="Women's shelter Istog",
        times="Weekdays 10-12 only",
    )
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", PERIOD))
    text = "\n".join(",".join(r) for r in rows)
    assert world.concerns.sensitive.reference in text
    assert "shelter" not in text and "Weekdays" not in text


def test_sensitive_concern_is_a_row_without_its_text_for_the_secretary(client, world):
    Concern.objects.filter(pk=world.concerns.sensitive.pk).update(description="He hits her daily.")
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", PERIOD))
    row = next(r for r in rows if r[0] == world.concerns.sensitive.reference)
    assert row[2] == "Domestic violence"
    assert row[-1] == "(sensitive category: not exported)"
    assert "hits" not in "".join(c for r in rows for c in r)


def test_member_file_has_no_sensitive_concern(client, world):
    rows = read_csv(_export(client, world.member, "concerns:inbox", PERIOD))
    assert world.concerns.sensitive.reference not in [r[0] for r in rows]
    assert "Domestic violence" not in {r[2] for r in rows}


def test_peja_secretary_file_has_nothing_of_istog(client, world):
    rows = read_csv(_export(client, world.pej_secretary, "concerns:inbox", PERIOD))
    assert len(rows) == 3
    assert all(r[0].startswith("PEJ-") for r in rows[1:])


def test_a_user_without_a_council_cannot_download_the_inbox(client, world):
    response = _export(client, UserFactory(), "concerns:inbox")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_a_description_that_looks_like_a_formula_stays_text(client, world, text):
    item = concern(world.council, world.lighting, local(2026, 11, 4, 9))
    Concern.objects.filter(pk=item.pk).update(description=text + " is the text")
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", PERIOD))
    row = next(r for r in rows if r[0] == item.reference)
    assert row[-1] == "'" + text + " is the text"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_headers_and_values_in_the_readers_language(client, world):
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", PERIOD, language="sq"))
    assert rows[0][0] == "Numri i referencës"
    assert rows[0][1] != "Received"


def test_inbox_as_xlsx(client, world):
    from openpyxl import load_workbook

    response = _export(client, world.secretary, "concerns:inbox", PERIOD, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Reference"
    assert len(values) == 1 + 6  # Istog's November concerns, the sensitive one included


def test_inbox_export_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.secretary)
    with CaptureQueriesContext(connection) as few:
        read_csv(client.get(reverse("concerns:inbox"), {"export": "csv"}))
    for _ in range(20):
        ConcernFactory(council=world.council, category=world.theft)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = read_csv(client.get(reverse("concerns:inbox"), {"export": "csv"}))
    assert len(rows) == 1 + 7 + 20


@pytest.mark.parametrize("sort", ["priority", "reference", "-created_at", "status"])
def test_a_file_read_in_chunks_keeps_the_pages_order(client, world, monkeypatch, sort):
    from exports import lists

    monkeypatch.setattr(lists, "STREAM_CHUNK", 2)
    for priority in ("urgent", "low", "high"):
        item = concern(world.council, world.theft, local(2026, 11, 14, 9))
        Concern.objects.filter(pk=item.pk).update(priority=priority)
    client.force_login(world.secretary)
    page = client.get(reverse("concerns:inbox"), {**PERIOD, "sort": sort})
    rows = read_csv(_export(client, world.secretary, "concerns:inbox", {**PERIOD, "sort": sort}))
    assert [r[0] for r in rows[1:]] == [c.reference for c in page.context["concerns"]]
    assert len(rows) == 1 + 9


def test_action_list_file_is_the_filtered_list(client, world):
    params = {"unit": world.unit.pk, "bucket": "open"}
    client.force_login(world.commander)
    page = client.get(reverse("policing:list"), params)
    rows = read_csv(_export(client, world.commander, "policing:list", params))
    assert rows[0] == [
        "Action",
        "Concern",
        "Council",
        "Responsible",
        "Officer",
        "Due",
        "Overdue",
        "Status",
        "Priority",
    ]
    assert [r[0] for r in rows[1:]] == [a.title for a in page.context["actions"]]
    assert len(rows) == 2  # the overdue action of Istog's unit; the body's is not the unit's
    assert rows[1][3] == "Istog police station" and rows[1][5] == "2026-11-10"
    assert rows[1][6] == "yes"


def test_workload_file_has_the_pages_counts(client, world):
    rows = read_csv(_export(client, world.commander, "policing:workload"))
    assert rows[0][:3] == ["Group", "Name", "Open"]
    unit_row = next(r for r in rows if r[1] == "Istog police station")
    assert unit_row[0] == "Police units"
    assert unit_row[2:5] == ["1", "0", "1"]


def test_queue_file_for_the_commander_only(client, world):
    rows = read_csv(_export(client, world.commander, "policing:queue"))
    assert rows[0][0] == "List"
    assert _export(client, world.secretary, "policing:queue").status_code == 403


def test_my_actions_file_of_the_focal_point(client, world):
    rows = read_csv(_export(client, world.focal_point, "policing:mine"))
    assert len(rows) == 2 and rows[1][3] == "Public services"
    officer = officer_in(world.unit)
    assert len(read_csv(_export(client, officer.user, "policing:mine"))) == 1


def test_meetings_file_of_the_staff_list(client, world):
    rows = read_csv(_export(client, world.secretary, "councils:meetings"))
    assert rows[0] == ["Date", "Council", "Type", "Status", "Overdue", "Items"]
    assert len(rows) == 1 + 4
    assert rows[1][0] == "2026-11-25 10:00"
    assert len(read_csv(_export(client, world.pej_secretary, "councils:meetings"))) == 1


def test_meeting_list_behind_a_figure_downloads_the_same_meetings(client, world):
    params = {
        "council": world.council.pk,
        "start": "2026-11-01",
        "end": "2026-11-30",
        "status": "held",
    }
    client.force_login(world.member)
    page = client.get(reverse("monitoring:meetings"), params)
    rows = read_csv(_export(client, world.member, "monitoring:meetings", params))
    assert len(rows) == 1 + len(page.context["meetings"]) == 3
    assert rows[1][:2] == ["2026-11-10 10:00", "MCSC Istog"]
    refused = _export(client, world.pej_secretary, "monitoring:meetings", params)
    assert refused.status_code == 403


def test_list_pages_offer_the_download_links(client, world):
    client.force_login(world.secretary)
    page = client.get(reverse("concerns:inbox"), {**PERIOD, "page": "1"})
    assert b'data-export="csv"' in page.content
    assert b"received_from=2026-11-01" in page.content
    assert b"page=1&amp;export" not in page.content


@pytest.mark.parametrize(
    ("name", "who", "params"),
    [
        ("policing:list", "commander", {}),
        ("policing:workload", "commander", {}),
        ("councils:meetings", "secretary", {}),
        ("monitoring:meetings", "secretary", {"start": "2026-12-01", "end": "2026-12-31"}),
    ],
)
def test_list_exports_queries_do_not_grow_with_rows(
    client, world, django_assert_max_num_queries, name, who, params
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import FollowUpActionFactory, MeetingFactory, OfficerFactory

    def more(day: int):
        FollowUpActionFactory(
            council=world.council,
            concern=world.concerns.c2,
            responsible_unit=world.unit,
            assignee=OfficerFactory(unit=world.unit),
        )
        MeetingFactory(council=world.council, planned_at=local(2026, 12, day, 18))

    user = getattr(world, who)
    if name == "monitoring:meetings":
        params = {**params, "council": world.council.pk}
    more(1)  # one row of each kind already: a list may skip a query when it has none
    client.force_login(user)
    with CaptureQueriesContext(connection) as few:
        before = len(read_csv(client.get(reverse(name), {**params, "export": "csv"})))
    for day in range(2, 8):
        more(day)
    with django_assert_max_num_queries(len(few.captured_queries)):
        after = len(read_csv(client.get(reverse(name), {**params, "export": "csv"})))
    assert after > before


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LISTS = ["concerns:inbox", "policing:list", "policing:mine", "policing:workload", "policing:queue"]
LISTS += ["councils:meetings"]


@pytest.mark.parametrize("name", LISTS)
def test_who_may_not_open_a_list_gets_no_file_of_it(client, world, name):
    assert client.get(reverse(name), {"export": "csv"}).status_code == 302  # to sign in
    response = _export(client, UserFactory(), name)
    assert response.status_code == 403
    assert response.get("Content-Type", "").split(";")[0] not in {"text/csv", XLSX}


@pytest.mark.parametrize("name", ["policing:list", "councils:meetings", "concerns:inbox"])
def test_the_other_councils_secretary_gets_none_of_istogs_rows(client, world, name):
    rows = read_csv(_export(client, world.pej_secretary, name))
    text = "\n".join(",".join(r) for r in rows[1:])
    assert "Istog" not in text and "IST-" not in text
