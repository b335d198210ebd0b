"""The secretary's meeting in a real browser: an agenda from three concerns and an action to
report on, attendance, decisions (an action for the police, a deferral), a co-chair's approval,
the public minutes in Albanian and Serbian, and the deferred item on the next draft agenda."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from concerns.models import Concern
from councils.models import AgendaItem, Meeting
from policing.models import FollowUpAction, ProgressUpdate
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    PoliceUnitFactory,
    SettlementFactory,
    co_chair_of,
    secretary_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser(require_chromium):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def sign_in(browser, live_server, user):
    page = browser.new_context(locale="en").new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    return page


def test_secretary_runs_a_meeting_and_the_public_reads_the_minutes(live_server, browser, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    istog = MunicipalityFactory(
        code="IST", name="Istog", official_languages=["sq", "sr-latn"], communities=["Albanian"]
    )
    village = SettlementFactory(municipality=istog, name="Banjë")
    council = CouncilFactory(municipality=istog, name="KKSB Istog")
    unit = PoliceUnitFactory(municipality=istog, name="Istog police station")
    secretary = secretary_of(council, "secretary.istok")
    co_chair = co_chair_of(council, "cochair.istok")
    for name in ("Arta Berisha", "Milan Jović", "Fatime Krasniqi"):
        MembershipFactory(council=council, person=PersonFactory(full_name=name), represents="NGO")
    category = CategoryFactory(code="drugs", name="Drugs", name_translations={"sq": "Droga"})
    concerns = [
        ConcernFactory(council=council, category=category, settlement=village, status=status)
        for status in (Concern.Status.ON_AGENDA, Concern.Status.TRIAGED, Concern.Status.TRIAGED)
    ]
    action = FollowUpActionFactory(council=council, responsible_unit=unit, title="Fix the lights")
    ProgressUpdate.objects.create(action=action, author=secretary, text="Lamps ordered.")

    desk = sign_in(browser, live_server, secretary)
    desk.goto(f"{live_server.url}/staff/meetings/")
    desk.get_by_role("link", name="Plan a meeting of KKSB Istog").click()
    desk.locator("#id_day").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    desk.locator("#id_start").fill("17:00")
    desk.locator("#id_place").fill("Municipal assembly hall")
    desk.locator("main form button[type=submit]").click()
    assert "its draft agenda is ready" in desk.content()
    meeting = Meeting.objects.get()

    for _ in concerns:
        desk.locator("#concern-pool li button").first.click()
    desk.locator("details:has(#action-pool) summary").click()
    desk.locator("#action-pool li button").first.click()
    assert "Lamps ordered." in desk.locator("#agenda-items").inner_text()
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.kind for i in items] == [
        "police_report",
        "concern",
        "concern",
        "concern",
        "action_report",
    ]

    desk.locator("details:has(form[action$='/do/hold/']) summary").click()
    desk.locator("form[action$='/do/hold/'] button[type=submit]").click()
    assert "recorded as held" in desk.content()
    desk.get_by_role("link", name="Record attendance").click()
    desk.locator("#id_guest_0_name").fill("Besnik Osmani")
    desk.locator("#id_guest_0_organisation").fill("OSCE")
    desk.locator("main form button[type=submit]").click()
    assert "The attendance is recorded." in desk.content()
    assert "quorum reached" in desk.locator("#quorum").inner_text()

    first, second = items[1], items[2]
    desk.goto(f"{live_server.url}/staff/meetings/items/{first.pk}/")
    desk.locator("#id_discussion").fill("Internal: dealing continues near the sports hall.")
    desk.locator("#id_public_summary_sq").fill("Këshilli diskutoi shitjen e drogës në park.")
    desk.locator("#id_public_summary_sr-latn").fill("Savet je razgovarao o prodaji droge u parku.")
    desk.locator("main form:not(#decision-form) button[type=submit]").first.click()
    assert "The item is saved." in desk.content()
    desk.locator("#id_kind").select_option("action")
    desk.locator("#id_text").fill("The police patrol the park every evening.")
    desk.locator("#id_public_text_sq").fill("Policia patrullon parkun çdo mbrëmje.")
    desk.locator("#id_public_text_sr-latn").fill("Policija patrolira parkom svake večeri.")
    desk.locator("#id_action_title").fill("Evening patrols in the park")
    desk.locator("#id_responsible_unit").select_option(label="Istog police station")
    desk.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    desk.locator("#decision-form button[type=submit]").click()
    assert "The decision is recorded." in desk.content()
    patrol = FollowUpAction.objects.get(title="Evening patrols in the park")
    assert patrol.decision is not None and patrol.concern == first.concern

    desk.goto(f"{live_server.url}/staff/meetings/items/{second.pk}/")
    desk.locator("#id_kind").select_option("deferral")
    desk.locator("#id_text").fill("Deferred until the directorate reports.")
    desk.locator("#decision-form button[type=submit]").click()
    assert "The decision is recorded." in desk.content()

    desk.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
    desk.get_by_role("button", name="Minutes draft complete").click()
    assert "wait for a co-chair's approval" in desk.content()

    chair = sign_in(browser, live_server, co_chair)
    chair.goto(f"{live_server.url}/staff/meetings/{meeting.pk}/")
    chair.get_by_role("button", name="Approve the minutes").click()
    assert "The minutes are approved." in chair.content()

    desk.reload()
    desk.get_by_role("button", name="Publish the minutes").click()
    assert "The minutes are published" in desk.content()

    for language, summary, decision in (
        ("sq", "Këshilli diskutoi shitjen e drogës në park.", "Policia patrullon parkun"),
        ("sr-latn", "Savet je razgovarao o prodaji droge u parku.", "Policija patrolira parkom"),
    ):
        reader = browser.new_context(locale=language).new_page()
        reader.goto(f"{live_server.url}/councils/meetings/{meeting.pk}/")
        assert reader.locator("html").get_attribute("lang") == language
        text = reader.locator("main").inner_text()
        assert summary in text and decision in text
        assert "Internal: dealing continues" not in text
        assert concerns[0].reporter_name not in text

    desk.goto(f"{live_server.url}/staff/meetings/schedule/{council.pk}/")
    desk.locator("#id_day").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    desk.locator("#id_start").fill("17:00")
    desk.locator("main form button[type=submit]").click()
    agenda = desk.locator("#agenda-items").inner_text()
    assert "deferred 1 time" in agenda
    following = Meeting.objects.exclude(pk=meeting.pk).get()
    carried = following.agenda_items.get(carried_from=second)
    assert carried.deferrals == 1 and carried.kind == AgendaItem.Kind.CONCERN
