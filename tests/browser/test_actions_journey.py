"""Follow-up actions in a real browser: a commander assigns an action the council decided, the
officer completes it with a public summary, the commander verifies, the resident reads the
summary; and a lighting concern given to the municipal department is completed by its focal
point, on a phone-sized screen."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from concerns.models import Concern
from concerns.references import tracking_token_for
from policing import services
from policing.models import FollowUpAction
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    DecisionFactory,
    MeetingFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PoliceUnitFactory,
    co_chair_of,
    commander_of,
    focal_point_in,
    officer_in,
    secretary_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}


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


def signed_in(browser, live_server, user, **context):
    page = browser.new_context(locale="en", **context).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    return page


def tracking_url(live_server, concern: Concern) -> str:
    token = tracking_token_for(concern.submission_key)
    return f"{live_server.url}/track/{concern.reference}/{token}/"


@pytest.fixture
def istok(db):
    municipality = MunicipalityFactory(
        code="IST", name="Istog", official_languages=["sq", "sr-latn"]
    )
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    return municipality, council


def test_commander_assigns_a_decision_officer_completes_commander_verifies_resident_reads(
    live_server, browser, istok, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    municipality, council = istok
    station = PoliceUnitFactory(municipality=municipality, name="Istog police station")
    commander = commander_of(station, "commander.istok")
    officer = officer_in(station, "officer.istok")
    secretary = secretary_of(council, "secretary.istok")
    concern = ConcernFactory(council=council, status=Concern.Status.ON_AGENDA, language="sq")
    decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(council=council), concern=concern),
        text="The police patrol the school road every morning.",
    )
    action = services.create_action(
        by=secretary,
        council=council,
        title="Morning patrols on the school road",
        responsible_unit=station,
        due_date=timezone.localdate() + timedelta(days=14),
        decision=decision,
        concern=concern,
    )

    desk = signed_in(browser, live_server, commander)
    desk.goto(f"{live_server.url}/staff/actions/queue/")
    requests = desk.locator("section[aria-labelledby=requested-heading]")
    assert "Morning patrols on the school road" in requests.inner_text()
    requests.locator(f"input[value='{action.pk}']").check()
    desk.locator("#id_bulk_assignee").select_option(str(officer.pk))
    desk.locator("#bulk-assign button[type=submit]").click()
    assert "assigned to" in desk.locator(".messages").inner_text()

    phone = signed_in(browser, live_server, officer.user, viewport=PHONE)
    phone.goto(f"{live_server.url}/staff/actions/mine/")
    phone.get_by_role("link", name="Morning patrols on the school road").click()
    phone.locator("details[data-transition=complete] summary").click()
    phone.locator("#id_complete-outcome").fill("Patrols every school morning for two weeks.")
    phone.locator("#id_complete-visible_to_reporter").check()
    phone.locator("#id_complete-public_summary_sq").fill("Policia patrullon rrugën e shkollës.")
    phone.locator("#id_complete-public_summary_sr-latn").fill("Policija patrolira put do škole.")
    phone.locator("details[data-transition=complete] button[type=submit]").click()
    assert "The action was completed" in phone.content()

    desk.goto(f"{live_server.url}/staff/actions/queue/")
    desk.locator("section[aria-labelledby=verify-heading]").get_by_role(
        "link", name="Morning patrols on the school road"
    ).click()
    desk.locator(
        "form[data-transition=verify] button[type=submit], details[data-transition=verify] button[type=submit]"
    ).first.click()
    assert "The action was verified." in desk.content()
    assert FollowUpAction.objects.get(pk=action.pk).status == FollowUpAction.Status.VERIFIED

    resident = browser.new_context(locale="sq", viewport=PHONE).new_page()
    resident.goto(tracking_url(live_server, concern))
    assert (
        "Policia patrullon rrugën e shkollës." in resident.locator("#public-progress").inner_text()
    )


def test_a_lighting_concern_given_to_the_municipal_department_is_completed_by_its_focal_point(
    live_server, browser, istok
):
    municipality, council = istok
    department = PartnerBodyFactory(
        municipality=municipality,
        name="Municipal Directorate of Public Services",
        name_translations={"sq": "Drejtoria Komunale e Shërbimeve Publike"},
    )
    focal = focal_point_in(department, "focal.istok")
    deputy_mayor = co_chair_of(council, "cochair.istok")
    lighting = CategoryFactory(code="lighting-and-infrastructure", name="Lighting")
    concern = ConcernFactory(
        council=council, category=lighting, status=Concern.Status.TRIAGED, language="sq"
    )

    desk = signed_in(browser, live_server, deputy_mayor)
    desk.goto(f"{live_server.url}/staff/actions/new/?concern={concern.pk}")
    desk.locator("#id_title").fill("Repair the street lights")
    desk.locator("#id_responsible").select_option(f"body:{department.pk}")
    desk.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    desk.locator("main form button[type=submit]").click()
    assert "The action was created." in desk.content()
    assert Concern.objects.get(pk=concern.pk).status == Concern.Status.IN_ACTION

    phone = signed_in(browser, live_server, focal, viewport=PHONE)
    phone.goto(f"{live_server.url}/staff/actions/")
    phone.get_by_role("link", name="Repair the street lights").click()
    phone.locator("details[data-transition=complete] summary").click()
    phone.locator("#id_complete-outcome").fill("Four lamps replaced, the cabinet repaired.")
    phone.locator("#id_complete-visible_to_reporter").check()
    phone.locator("#id_complete-public_summary_sq").fill("Dritat e rrugës u riparuan.")
    phone.locator("details[data-transition=complete] button[type=submit]").click()
    assert "The action was completed" in phone.content()
    action = FollowUpAction.objects.get()
    assert (action.status, action.completed_by) == (FollowUpAction.Status.COMPLETED, focal)
