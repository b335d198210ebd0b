"""The whole first journey in a real browser: a resident reports in Albanian with a photo,
the secretary triages and answers, the resident reads the answer on the tracking page."""

import os
import re

import pytest
from PIL import Image

from concerns.models import Attachment, Concern
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
    secretary_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser(require_chromium):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
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


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "rruga.jpg"
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (42.0, 46.0, 50.0), 3: "E", 4: (20.0, 29.0, 10.0)}
    Image.new("RGB", (64, 48), "orange").save(path, format="JPEG", exif=exif)
    return path


def test_citizen_reports_in_albanian_secretary_answers_citizen_reads_it(
    live_server, browser, photo, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    istok = MunicipalityFactory(code="IST", name="Istog", name_translations={"sq": "Istog"})
    SettlementFactory(municipality=istok, name="Banjë")
    council = CouncilFactory(municipality=istok, name="KKSB Istog")
    CategoryFactory(
        code="traffic-safety",
        name="Traffic safety",
        name_translations={"sq": "Siguria në trafik"},
        description_translations={"sq": "Shpejtësi e tepërt, kalime të rrezikshme"},
    )
    secretary = secretary_of(council, "secretary.istok")

    # --- The resident, on a phone-sized screen, in Albanian.
    citizen = browser.new_context(locale="sq", viewport={"width": 390, "height": 844})
    page = citizen.new_page()
    page.goto(f"{live_server.url}/report/IST/")
    assert page.locator("html").get_attribute("lang") == "sq"
    page.get_by_label("Siguria në trafik").check()
    page.locator("#id_description").fill("Makinat kalojnë me shpejtësi pranë shkollës çdo mëngjes.")
    page.locator("#id_settlement").select_option(label="Banjë")
    page.locator("#id_address").fill("Rruga e Shkollës")
    page.locator("#id_attachments").set_input_files(str(photo))
    page.locator("#id_reporter_name").fill("Drita")
    page.locator("#id_reporter_email").fill("drita@example.org")
    page.locator("#id_consent_to_contact").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/report/done/$"))
    reference = page.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"IST-\d{4}-\d{5}", reference)
    tracking_url = page.locator("#tracking-anchor").get_attribute("href")

    concern = Concern.objects.get(reference=reference)
    assert concern.language == "sq"
    attachment = Attachment.objects.get(concern=concern)
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()

    # --- The secretary triages and answers.
    staff = browser.new_context(locale="en")
    desk = staff.new_page()
    desk.goto(f"{live_server.url}/accounts/login/")
    desk.locator("#id_username").fill(secretary.username)
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("main form button[type=submit]").click()
    desk.goto(f"{live_server.url}/staff/concerns/")
    desk.get_by_role("link", name=reference).click()
    desk.locator("form[action$='/triage/'] select[name=priority]").select_option("high")
    desk.locator("form[action$='/triage/'] button[type=submit]").click()
    assert "The concern was triaged." in desk.content()
    desk.locator("details:has(form[action$='/resolve/']) summary").click()
    desk.locator("#id_resolve-public_response_sq").fill(
        "Policia vendosi patrullime në mëngjes dhe komuna shenja të reja."
    )
    desk.locator("form[action$='/resolve/'] button[type=submit]").click()
    assert "The concern was resolved" in desk.content()

    # --- The resident follows the bookmarked link and reads the answer.
    page.goto(
        tracking_url if tracking_url.startswith("http") else f"{live_server.url}{tracking_url}"
    )
    body = page.locator("main").inner_text()
    assert reference in body
    assert "Policia vendosi patrullime" in body
    assert page.locator("#public-response").is_visible()
    page.screenshot(path=str(photo.parent / "tracking.png"), full_page=True)
