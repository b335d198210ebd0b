"""Statistics in a real browser: the national dashboard draws its charts from the vendored
Chart.js (no CDN), each above the table it draws, also right to left; the public page of a
municipality shows hidden small cells."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerns.models import Concern
from tests.browser.test_actions_journey import browser, signed_in  # noqa: F401 (fixtures)
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    national_coordinator,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def figures(db):
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    theft = CategoryFactory(code="theft", name="Property crime")
    roads = CategoryFactory(code="roads", name="Traffic safety")
    now = timezone.now()
    for municipality, count in ((istok, 14), (peja, 6)):
        council = CouncilFactory(municipality=municipality)
        for index in range(count):
            item = ConcernFactory(council=council, category=theft if index % 5 else roads)
            Concern.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=index * 3))
    return istok


def test_national_dashboard_draws_its_charts(live_server, browser, figures):  # noqa: F811
    page = signed_in(browser, live_server, national_coordinator("national"))
    external = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/staff/statistics/national/")
    page.wait_for_selector("figure[data-drawn=true]")
    drawn = page.locator("figure[data-drawn=true] canvas")
    assert drawn.count() >= 2
    # Something was painted: the canvas is not blank.
    painted = page.evaluate(
        """() => [...document.querySelectorAll('figure[data-drawn=true] canvas')].map(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) { if (d[i]) return true; }
            return false; })"""
    )
    assert all(painted)
    # The table under each chart is its text alternative.
    assert page.locator("#data-municipalities tbody tr").count() == 2
    assert not [url for url in external if not url.startswith("data:")]


def test_charts_read_right_to_left_in_arabic(live_server, browser, figures):  # noqa: F811
    page = signed_in(browser, live_server, national_coordinator("national"))
    page.goto(f"{live_server.url}/staff/statistics/national/")
    page.locator("select[name=language]").select_option("ar")
    page.wait_for_selector("html[dir=rtl] figure[data-drawn=true]")
    reverse = page.evaluate(
        "() => Chart.getChart(document.querySelector('figure[data-drawn=true] canvas')).options.scales.x.reverse"
    )
    assert reverse is True


def test_public_page_hides_small_cells(live_server, browser, figures):  # noqa: F811
    page = browser.new_context(locale="en").new_page()
    page.goto(f"{live_server.url}/statistics/IST/")
    quarters = page.locator("#data-quarters")
    assert "< 5 or hidden" in quarters.inner_text()
    # Traffic safety's 3 concerns never appear as a number.
    row = quarters.locator("tr", has_text="Traffic safety")
    assert "3" not in row.inner_text().replace("Traffic safety", "")
