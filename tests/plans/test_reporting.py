"""The "Safety action plan" section of a council report: built from the adopted plan's progress
for the report's period, frozen at sign-off, on the report's page and in its PDF, and never
showing who raised what (an action of a sensitive concern is linked to one activity).

A hand-made 2026 plan, "today" 15 December 2026 in Istog. Four activities:
1.1 patrols, Feb–May, indicator 2 → 10: 6 measured in May, 10 in September;
1.2 crossings, Mar–Oct, two actions: one verified in April, one in August;
2.1 lighting, Jan–April, nothing recorded (late);
2.2 a follow-up of a sensitive concern, Sep–Dec, its one action open.
"""

import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from concerns.models import Concern
from councils import services as council_services
from councils.models import AgendaItem, Meeting
from monitoring import reports
from monitoring.models import CouncilReport
from monitoring.periods import half_year
from plans import services
from policing.models import FollowUpAction
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    FollowUpActionFactory,
    MeetingFactory,
    PartnerBodyFactory,
    national_coordinator,
)
from tests.plans.conftest import text, visible_text

TODAY = datetime(2026, 12, 15, 10, 0)


@pytest.fixture
def today(world):
    moment = TODAY.replace(tzinfo=world.council.zone)
    with time_machine.travel(moment, tick=False):
        yield moment


def at(world, *args) -> datetime:
    return datetime(*args, tzinfo=world.council.zone)


@pytest.fixture
def plan(world, today):
    body = PartnerBodyFactory(municipality=world.municipality, name="Drejtoria e urbanizmit")
    plan = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Plani i sigurisë 2026"),
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    roads = services.add_objective(plan, by=world.secretary, title=text("Rrugë më të sigurta"))
    light = services.add_objective(plan, by=world.secretary, title=text("Ndriçim publik"))

    def activity(objective, title, starts, ends, indicator, baseline, target, **who):
        return services.add_activity(
            objective,
            by=world.secretary,
            title=text(title),
            starts_on=starts,
            ends_on=ends,
            indicator=text(indicator),
            baseline=Decimal(baseline),
            target=Decimal(target),
            **(who or {"responsible_unit": world.unit}),
        )

    patrols = activity(
        roads, "Patrulla te shkollat", date(2026, 2, 1), date(2026, 5, 31), "Shkolla", 2, 10
    )
    crossings = activity(
        roads,
        "Sinjalizimi i kalimeve",
        date(2026, 3, 1),
        date(2026, 10, 31),
        "Kalime",
        4,
        16,
        responsible_body=body,
    )
    lamps = activity(
        light,
        "Riparimi i ndriçimit",
        date(2026, 1, 15),
        date(2026, 4, 30),
        "Llamba funksionale",
        61,
        95,
        responsible_body=body,
    )
    follow_up = activity(
        light, "Ndjekja e rasteve", date(2026, 9, 1), date(2026, 12, 31), "Raste", 0, 5
    )
    meeting = MeetingFactory(
        council=world.council,
        planned_at=at(world, 2026, 1, 20, 10),
        status=Meeting.Status.HELD,
        held_at=at(world, 2026, 1, 20, 10),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, kind="free", title="Plan")
    council_services.record_decision(
        item, by=world.secretary, kind="plan_adoption", text="The plan is adopted.", plan=plan
    )
    services.adopt_plan(plan, by=world.co_chair)

    for value, day in ((6, date(2026, 5, 15)), (10, date(2026, 9, 1))):
        services.record_indicator_value(
            patrols, by=world.secretary, value=Decimal(value), measured_on=day
        )
    for verified in (at(world, 2026, 4, 10, 12), at(world, 2026, 8, 20, 12)):
        action = FollowUpActionFactory(
            council=world.council,
            responsible_unit=world.unit,
            status=FollowUpAction.Status.VERIFIED,
            title="Vendosja e shenjave",
        )
        FollowUpAction.objects.filter(pk=action.pk).update(
            created_at=at(world, 2026, 3, 15, 9), completed_at=verified, verified_at=verified
        )
        services.link_action(crossings, by=world.secretary, action=action)
    sensitive = ConcernFactory(
        council=world.council,
        category=CategoryFactory(code="trafficking", name="Human trafficking", is_sensitive=True),
        status=Concern.Status.IN_ACTION,
        reporter_name="Drita Gashi",
        reporter_email="drita.gashi@example.org",
        description="My neighbour's daughter was taken abroad",
    )
    secret_action = FollowUpActionFactory(
        council=world.council,
        concern=sensitive,
        responsible_unit=world.unit,
        title="Interview the family in Banjë",
        description="Drita Gashi says the daughter left in August.",
    )
    services.link_action(follow_up, by=world.secretary, action=secret_action)
    plan.refresh_from_db()
    plan.activities = {"patrols": patrols, "crossings": crossings, "lamps": lamps}
    plan.secrets = (
        "Drita Gashi",
        "drita.gashi@example.org",
        "Human trafficking",
        "taken abroad",
        "Interview the family",
        "left in August",
        sensitive.reference,
    )
    return plan


def new_report(world, half: int) -> CouncilReport:
    return reports.create_report(
        world.council,
        by=world.secretary,
        kind=CouncilReport.Kind.HALF_YEAR,
        period=half_year(2026, half, world.council.zone),
    )


def rows_of(section) -> dict[str, dict]:
    return {a["number"]: a for o in section["objectives"] for a in o["activities"]}


def test_a_report_of_an_ongoing_period_carries_the_plan_as_it_stands(world, plan):
    section = new_report(world, 2).plan_section
    assert section["plan_id"] == plan.pk and section["title"] == text("Plani i sigurisë 2026")
    assert [o["title"]["sq"] for o in section["objectives"]] == [
        "Rrugë më të sigurta",
        "Ndriçim publik",
    ]
    rows = rows_of(section)
    assert {n: (r["percent"], r["state"]) for n, r in rows.items()} == {
        "1.1": (100, "done"),  # 10 of 2 → 10
        "1.2": (100, "done"),  # both actions verified
        "2.1": (None, "late"),  # nothing recorded, due in April
        "2.2": (0, "due"),  # its one action open, due this month
    }
    assert (rows["1.1"]["baseline"], rows["1.1"]["target"], rows["1.1"]["latest_value"]) == (
        "2",
        "10",
        "10",
    )
    assert rows["1.1"]["latest_on"] == "2026-09-01"
    assert rows["1.2"]["responsible"]["name"] == "Drejtoria e urbanizmit"
    assert [o["percent"] for o in section["objectives"]] == [100, 0]
    assert section["percent"] == 50
    assert [a["number"] for a in section["late"]] == ["2.1"]
    assert {s["state"]: s["count"] for s in section["states"]}["done"] == 2


def test_a_report_of_a_past_period_reads_the_plan_as_it_stood_at_its_end(world, plan):
    section = new_report(world, 1).plan_section  # January–June 2026
    rows = rows_of(section)
    assert (rows["1.1"]["latest_value"], rows["1.1"]["percent"], rows["1.1"]["state"]) == (
        "6",
        50,
        "late",  # due in May and half way on 30 June
    )
    assert (rows["1.2"]["actions_verified"], rows["1.2"]["actions_total"]) == (1, 2)
    assert (rows["1.2"]["percent"], rows["1.2"]["state"]) == (50, "under_way")
    assert rows["2.2"]["state"] == "not_started" and rows["2.2"]["actions_total"] == 0
    assert [a["number"] for a in section["late"]] == ["1.1", "2.1"]


def test_the_plan_section_is_frozen_when_the_secretary_signs(world, plan):
    report = new_report(world, 2)
    lamps = plan.activities["lamps"]
    report = reports.sign_report(report, by=world.secretary)
    frozen = report.plan_section
    services.record_indicator_value(
        lamps, by=world.secretary, value=Decimal(95), measured_on=date(2026, 12, 10)
    )
    report = reports.attest_report(report, by=world.co_chair)
    report.refresh_from_db()
    assert report.plan_section == frozen and rows_of(frozen)["2.1"]["state"] == "late"
    report = reports.return_report(report, by=world.co_chair, reason="Add December's lighting.")
    report = reports.save_sections(report, by=world.secretary, texts={})
    assert rows_of(report.plan_section)["2.1"]["state"] == "done"


def test_a_revision_in_draft_does_not_reach_the_report(world, plan):
    services.start_revision(plan, by=world.secretary, reason="A new objective")
    services.add_objective(plan, by=world.secretary, title=text("Objektiv i ri i papërfunduar"))
    section = new_report(world, 2).plan_section
    assert len(section["objectives"]) == 2 and section["under_revision"] is True
    assert section["approved_on"] is None


def test_no_adopted_plan_no_section(world, today):
    assert new_report(world, 2).plan_section is None


def test_the_report_page_shows_the_section_to_members_and_national_readers(client, world, plan):
    report = new_report(world, 2)
    services.submit_plan(plan, by=world.secretary, submitted_on=date(2026, 2, 1))
    services.record_assembly_approval(
        plan, by=world.secretary, approved_on=date(2026, 2, 20), reference="01-016/26-0427"
    )
    report = reports.save_sections(report, by=world.secretary, texts={})
    for reader in (world.member, national_coordinator("national")):
        client.force_login(reader)
        response = client.get(reverse("monitoring:report", args=[report.pk]))
        page = visible_text(response)
        assert response.status_code == 200
        assert "Safety action plan" in page and "Plani i sigurisë 2026" in page
        assert "Patrulla te shkollat" in page and "Drejtoria e urbanizmit" in page
        assert "01-016/26-0427" in page
        assert "2 of 2 actions verified" in page
        late = page.split("Late activities", 1)[1]
        assert "2.1" in late and "Riparimi i ndriçimit" in late and "Patrulla" not in late
        section = page.split("Safety action plan", 1)[1].split("Narrative", 1)[0]
        for secret in plan.secrets:
            assert secret not in section, secret


def test_without_a_plan_the_page_says_so(client, world, today):
    report = new_report(world, 2)
    client.force_login(world.secretary)
    page = visible_text(client.get(reverse("monitoring:report", args=[report.pk])))
    assert "no adopted safety action plan for this period" in page


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_the_pdf_carries_the_plan_section_in_its_language(client, world, plan, tmp_path):
    report = new_report(world, 2)
    client.force_login(world.member)
    response = client.get(reverse("monitoring:report_pdf", args=[report.pk]), {"language": "sq"})
    if response.status_code == 503:
        pytest.skip("WeasyPrint's system libraries are missing (make system-packages)")
    assert response.status_code == 200
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    result = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    words = re.sub(r"\s+", " ", result.stdout)
    assert "Plani i veprimit për siguri" in words  # "Safety action plan" in Albanian
    assert "Plani i sigurisë 2026" in words
    assert "1. Rrugë më të sigurta – 100%" in words and "2. Ndriçim publik – 0%" in words
    # Table cells wrap: a title may come out over two lines.
    squeezed = words.replace(" ", "")
    for title in ("Patrulla te shkollat", "Sinjalizimi i kalimeve", "Drejtoria e urbanizmit"):
        assert title.replace(" ", "") in squeezed, title
    assert "vlerafillestare2→synimi10" in squeezed  # 1.1's baseline and target
    assert "Vlerae fundit:10(01.09.2026)".replace(" ", "") in squeezed  # its latest value
    late = words.split("Aktivitete me vonesë", 1)[1]  # "Late activities"
    assert "2.1 Riparimi i ndriçimit" in late and "Patrulla" not in late
    section = words.split("Plani i veprimit për siguri", 1)[1]
    for secret in plan.secrets:
        assert secret not in section, secret


def test_an_action_cancelled_after_a_past_period_still_counts_in_that_periods_report(world, plan):
    """Live in the first half-year, cancelled in August: the January–June section counts it
    whenever it is generated; the July–December one does not."""
    action = FollowUpActionFactory(
        council=world.council, responsible_unit=world.unit, title="Shenja të reja"
    )
    services.link_action(plan.activities["crossings"], by=world.secretary, action=action)
    FollowUpAction.objects.filter(pk=action.pk).update(
        created_at=at(world, 2026, 3, 20, 9),
        status=FollowUpAction.Status.CANCELLED,
        cancel_reason="Done by the ministry",
        updated_at=at(world, 2026, 8, 3, 9),
    )
    first = rows_of(new_report(world, 1).plan_section)
    assert (first["1.2"]["actions_verified"], first["1.2"]["actions_total"]) == (1, 3)
    second = rows_of(new_report(world, 2).plan_section)
    assert second["1.2"]["actions_total"] == 2
