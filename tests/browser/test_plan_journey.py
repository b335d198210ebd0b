"""The action plan and priorities in a real browser: a secretary drafts a plan, a meeting adopts
it and a co-chair signs, an action linked to an activity is verified and the public plan page
shows the progress; a priority is set at a meeting, updated, linked to a concern and closed,
and the concern's tracking page shows it throughout."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerns.models import Concern
from concerns.references import tracking_token_for
from councils.models import AgendaItem, Meeting
from plans.models import Priority, SafetyPlan
from policing.models import FollowUpAction
from tests.browser.test_meeting_journey import browser, sign_in  # noqa: F401 — the fixture
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    SettlementFactory,
    co_chair_of,
    commander_of,
    secretary_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_and_priority_journey(live_server, browser, settings):  # noqa: F811
    settings.CELERY_TASK_ALWAYS_EAGER = True
    istog = MunicipalityFactory(code="IST", name="Istog", official_languages=["sq", "sr-latn"])
    village = SettlementFactory(municipality=istog, name="Banjë")
    council = CouncilFactory(municipality=istog, name="KKSB Istog")
    unit = PoliceUnitFactory(municipality=istog, name="Istog police station")
    secretary = secretary_of(council, "secretary.istok")
    co_chair = co_chair_of(council, "cochair.istok")
    commander = commander_of(unit, "commander.istok")
    category = CategoryFactory(code="lighting", name="Lighting")
    concern = ConcernFactory(
        council=council,
        category=category,
        settlement=village,
        status=Concern.Status.TRIAGED,
        reporter_name="Arta Berisha",
    )
    action = FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        title="Repair the lamps on the school road",
        status=FollowUpAction.Status.COMPLETED,
    )
    today = timezone.localdate()

    # The secretary drafts the plan.
    desk = sign_in(browser, live_server, secretary)
    desk.goto(f"{live_server.url}/staff/plans/")
    desk.get_by_role("link", name="Draft an action plan of KKSB Istog").click()
    desk.locator("#id_title_sq").fill("Plani i sigurisë 2026")
    desk.locator("#id_title_sr-latn").fill("Plan bezbednosti 2026")
    desk.locator("#id_starts_on").fill(today.replace(month=1, day=1).isoformat())
    desk.locator("#id_ends_on").fill(today.replace(month=12, day=31).isoformat())
    desk.locator("main form button[type=submit]").click()
    assert "The draft plan is created" in desk.content()
    plan = SafetyPlan.objects.get()
    desk.locator("#objective-form #id_title_sq").fill("Rrugë të ndriçuara")
    desk.locator("#objective-form button[type=submit]").click()
    desk.get_by_role("link", name="Add an activity").click()
    desk.locator("#id_title_sq").fill("Riparimi i llambave në rrugën e shkollës")
    desk.locator("#id_responsible_unit").select_option(label="Istog police station")
    desk.locator("#id_starts_on").fill((today - timedelta(days=30)).isoformat())
    desk.locator("#id_ends_on").fill((today + timedelta(days=60)).isoformat())
    desk.locator("main form button[type=submit]").click()
    assert "The activity is added." in desk.content()

    # A meeting adopts it; a co-chair signs.
    meeting = MeetingFactory(
        council=council,
        planned_at=timezone.now() - timedelta(hours=3),
        status=Meeting.Status.HELD,
        held_at=timezone.now() - timedelta(hours=2),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, kind="free", title="Plan 2026")
    desk.goto(f"{live_server.url}/staff/meetings/items/{item.pk}/")
    desk.locator("#id_kind").select_option("plan_adoption")
    desk.locator("#id_text").fill("The council adopts the safety plan 2026.")
    desk.locator("#id_plan").select_option(index=1)
    desk.locator("#decision-form button[type=submit]").click()
    assert "The decision is recorded." in desk.content()
    chair = sign_in(browser, live_server, co_chair)
    chair.goto(f"{live_server.url}/staff/plans/{plan.pk}/")
    chair.get_by_role("button", name="Sign the adoption").click()
    assert "The plan is adopted" in chair.content()
    plan.refresh_from_db()
    assert plan.status == SafetyPlan.Status.ADOPTED

    # The secretary links an action to the activity; the commander verifies it.
    activity = plan.objectives.get().activities.get()
    desk.goto(f"{live_server.url}/staff/plans/activities/{activity.pk}/")
    desk.locator("#id_action").select_option(label="Repair the lamps on the school road")
    desk.locator("#link-action-form button[type=submit]").click()
    assert "The action is linked to the activity." in desk.content()
    police = sign_in(browser, live_server, commander)
    police.goto(f"{live_server.url}/staff/actions/{action.pk}/")
    police.locator(
        "form[data-transition=verify] button[type=submit], "
        "details[data-transition=verify] button[type=submit]"
    ).first.click()
    assert "The action was verified." in police.content()

    resident = browser.new_context(locale="sq").new_page()
    resident.goto(f"{live_server.url}/councils/plans/{plan.pk}/")
    public_plan = resident.locator("main").inner_text()
    assert "Riparimi i llambave në rrugën e shkollës" in public_plan
    assert "100%" in public_plan
    assert "Repair the lamps" not in public_plan and "Arta Berisha" not in public_plan

    # A priority is set at the meeting, published, updated, linked to a concern, closed.
    other_item = AgendaItem.objects.create(
        meeting=meeting, position=2, kind="free", title="Lighting"
    )
    desk.goto(f"{live_server.url}/staff/meetings/items/{other_item.pk}/")
    desk.locator("#id_kind").select_option("priority")
    desk.locator("#id_text").fill("Street lighting in Banjë is a priority.")
    desk.locator("#id_priority_title_sq").fill("Ndriçimi në Banjë")
    desk.locator("#id_public_text_sq").fill("Llamba të reja në çdo rrugë të fshatit.")
    desk.get_by_label("Banjë").check()
    desk.locator("#decision-form button[type=submit]").click()
    assert "The decision is recorded." in desk.content()
    priority = Priority.objects.get()
    desk.goto(f"{live_server.url}/staff/priorities/{priority.pk}/")
    desk.get_by_role("button", name="Publish the priority").click()
    assert "on the council's public page" in desk.content()
    desk.locator("#update-form #id_text_sq").fill("U vunë 8 llamba të reja.")
    desk.locator("#update-form button[type=submit]").click()
    assert "The update is recorded." in desk.content()
    desk.locator("#link-concern-form #id_reference").fill(concern.reference)
    desk.locator("#link-concern-form button[type=submit]").click()
    assert "The concern is linked" in desk.content()

    token = tracking_token_for(concern.submission_key)
    resident.goto(f"{live_server.url}/track/{concern.reference}/{token}/")
    tracking = resident.locator("main").inner_text()
    assert "Ndriçimi në Banjë" in tracking and "U vunë 8 llamba të reja." in tracking
    resident.goto(f"{live_server.url}/councils/{council.pk}/")
    assert "U vunë 8 llamba të reja." in resident.locator("#priorities").inner_text()

    desk.goto(f"{live_server.url}/staff/priorities/{priority.pk}/")
    desk.locator("details:has(form[action$='/do/close/']) summary").click()
    desk.locator("#id_close-outcome_sq").fill("Të gjitha rrugët janë të ndriçuara.")
    desk.locator("form[action$='/do/close/'] button[type=submit]").click()
    assert "The priority is closed" in desk.content()
    resident.goto(f"{live_server.url}/track/{concern.reference}/{token}/")
    assert "Të gjitha rrugët janë të ndriçuara." in resident.locator("main").inner_text()
    resident.goto(f"{live_server.url}/councils/{council.pk}/")
    council_page = resident.locator("#priorities").inner_text()
    assert "Të gjitha rrugët janë të ndriçuara." in council_page
    assert "Arta Berisha" not in council_page
