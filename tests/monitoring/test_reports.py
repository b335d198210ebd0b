"""Council reports: generated, written, signed by the secretary, attested by a co-chair,
submitted to the national level (who is told), printed in each official language; and the
national coordinator's list of missing and late reports."""

from django.urls import reverse

from monitoring.models import CouncilReport
from monitoring.transitions import report_transitions
from notifications.models import OutgoingEmail
from tests.monitoring.conftest import concern, local
from transitions.forms import VERSION_FIELD

PERIOD = {"start": "2026-07-01", "end": "2026-12-31"}


def _new(client, world, user=None, **data):
    client.force_login(user or world.secretary)
    return client.post(
        reverse("monitoring:council_reports", args=[world.council.pk]),
        {"kind": "half_year", "year": 2026, "half": "2", **data},
    )


def _do(client, user, report, name, **data):
    client.force_login(user)
    page = client.get(report_transitions.url_for(report, name))
    if page.status_code != 200:
        return page
    field = page.context["form"][VERSION_FIELD]
    return client.post(
        report_transitions.url_for(report, name), {field.html_name: field.value(), **data}
    )


def test_secretary_generates_a_report_from_the_data(client, world):
    response = _new(client, world)
    report = CouncilReport.objects.get()
    assert response["Location"] == reverse("monitoring:report", args=[report.pk])
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == (
        "2026-07-01",
        "2026-12-31",
    )
    tables = {t["key"]: t for t in report.figures}
    received = next(r for r in tables["concerns"]["rows"] if r[0] == "Concerns received")
    # As every member counts: October's one and November's five (not the sensitive one)
    assert received[1] == "6"
    assert [s.key for s in report.sections.all()] == [
        "summary",
        "concerns",
        "meetings",
        "outreach",
        "challenges",
    ]
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 200


def test_members_and_other_councils_cannot_write_reports(client, world):
    assert _new(client, world, world.member).status_code == 403
    assert not CouncilReport.objects.exists()
    _new(client, world)
    report = CouncilReport.objects.get()
    client.force_login(world.pej_secretary)
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 403
    assert (
        client.get(reverse("monitoring:council_reports", args=[world.council.pk])).status_code
        == 403
    )
    client.force_login(world.member)
    assert client.get(reverse("monitoring:report", args=[report.pk])).status_code == 200
    assert client.post(reverse("monitoring:report", args=[report.pk]), {}).status_code == 403


def test_sign_attest_submit_and_the_national_level_is_told(
    client, world, django_capture_on_commit_callbacks
):
    world.national.email = "national@example.org"
    world.national.save()
    _new(client, world)
    report = CouncilReport.objects.get()
    section = report.sections.get(key="summary")
    client.post(
        reverse("monitoring:report", args=[report.pk]),
        {
            f"section_{section.pk}_sq": "Këshilli u mblodh rregullisht.",
            f"section_{section.pk}_sr-latn": "Savet se redovno sastajao.",
        },
    )
    section.refresh_from_db()
    assert section.text == {
        "sq": "Këshilli u mblodh rregullisht.",
        "sr-latn": "Savet se redovno sastajao.",
    }

    # A member may not attest, the co-chair may not sign.
    assert _do(client, world.co_chair, report, "sign").status_code == 403
    assert _do(client, world.secretary, report, "sign").status_code == 302
    report.refresh_from_db()
    assert report.status == "signed" and report.signed_by == world.secretary
    frozen = report.figures
    concern(world.council, world.theft, local(2026, 11, 20, 12))  # after signing
    assert _do(client, world.member, report, "attest").status_code == 403
    assert _do(client, world.co_chair, report, "attest").status_code == 302
    with django_capture_on_commit_callbacks(execute=False):
        assert _do(client, world.co_chair, report, "submit").status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.attested_by == world.co_chair
    assert report.figures == frozen
    email = OutgoingEmail.objects.get(to="national@example.org")
    assert str(report.council) in email.body


def test_a_co_chair_returns_a_signed_report_with_a_reason(client, world):
    _new(client, world)
    report = CouncilReport.objects.get()
    _do(client, world.secretary, report, "sign")
    assert _do(client, world.co_chair, report, "return", **{"return-reason": ""}).status_code == 400
    assert (
        _do(
            client, world.co_chair, report, "return", **{"return-reason": "Add the outreach."}
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == "draft" and report.signed_at is None
    assert report.events.last().note == "Add the outreach."


def test_pdf_in_each_official_language(client, world):
    _new(client, world)
    report = CouncilReport.objects.get()
    response = client.get(reverse("monitoring:report_pdf", args=[report.pk]), {"language": "sq"})
    assert response.status_code in (200, 503)
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF")
    assert (
        client.get(
            reverse("monitoring:report_pdf", args=[report.pk]), {"language": "ar"}
        ).status_code
        == 404
    )


def test_national_coordinator_sees_missing_and_late_reports(client, world):
    _new(client, world)
    client.force_login(world.national)
    response = client.get(reverse("monitoring:national_reports"))
    rows = response.context["rows"]
    istog_h1 = [
        r
        for r in rows
        if r[0] == world.council and r[2].start.isoformat() == "2026-01-01" and r[1] == "half_year"
    ]
    assert istog_h1 and istog_h1[0][3] is None and istog_h1[0][4] is True  # missing and late
    # The second half of 2026 is not over (15 December): not expected yet.
    assert not [r for r in rows if r[2].start.isoformat() == "2026-07-01"]
    client.force_login(world.secretary)
    assert client.get(reverse("monitoring:national_reports")).status_code == 403


def test_standard_section_titles_follow_the_language_the_report_is_read_in(client, world):
    """Generated by a secretary working in English, the report read (or printed) in Albanian
    has Albanian section titles, not the English ones stored when it was generated."""
    from django.utils import translation

    with translation.override("en"):
        _new(client, world)
    report = CouncilReport.objects.get()
    assert report.sections.get(key="summary").title == "Summary"
    client.force_login(world.member)
    page = client.get(reverse("monitoring:report", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="sq")
    headings = [s.display_title for s in page.context["sections"]]
    assert "Përmbledhje" in page.content.decode() and "Përmbledhje" in headings
    assert "<h3>Summary</h3>" not in page.content.decode()


def test_a_report_counts_as_every_member_does_without_sensitive_categories(client, world):
    """The secretary's own dashboard counts the domestic violence concern and names its
    category; the report, read by every member and the national level, counts as a member does:
    neither the category nor a total one bigger than the members' own dashboard."""
    client.force_login(world.secretary)
    mine = client.get(reverse("monitoring:council", args=[world.council.pk]), PERIOD)
    assert "Domestic violence" in mine.content.decode()
    _new(client, world)
    report = CouncilReport.objects.get()
    tables = {t["key"]: t for t in report.figures}
    assert "Domestic violence" not in str(report.figures)
    client.force_login(world.member)
    theirs = client.get(reverse("monitoring:council", args=[world.council.pk]), PERIOD)
    received = next(r for r in tables["concerns"]["rows"] if r[0] == "Concerns received")
    members = next(
        row
        for row in theirs.context["dashboard"].table("concerns").rows
        if row[0].value == "Concerns received"
    )
    assert received[1] == members[1].text == "6"
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert "Domestic violence" not in page


def test_reports_generated_before_lose_their_rows_naming_sensitive_categories(client, world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("monitoring.migrations.0004_reports_without_sensitive_rows")
    _new(client, world)
    report = CouncilReport.objects.get()
    category = {"key": "category", "title": "Sipas kategorisë", "columns": ["", "n"]}
    category["rows"] = [["Dhunë në familje", "1"], ["Traffic safety", "3"]]
    report.figures = [*report.figures, category]
    report.save(update_fields=["figures"])
    world.violence.name_translations = {"sq": "Dhunë në familje"}
    world.violence.save(update_fields=["name_translations"])

    migration.drop_sensitive_rows(apps, None)

    report.refresh_from_db()
    rows = next(t for t in report.figures if t["title"] == "Sipas kategorisë")["rows"]
    assert rows == [["Traffic safety", "3"]]
