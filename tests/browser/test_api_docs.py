"""The API's documentation renders in a browser that can reach nothing but this server."""

import pytest

from tests.browser.test_actions_journey import browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _offline_page(browser, live_server):  # noqa: F811
    """A page whose requests to any other host are refused, and listed."""
    page = browser.new_context(locale="en").new_page()
    elsewhere = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            request_route.continue_()
        else:
            elsewhere.append(url)
            request_route.abort()

    page.route("**/*", route)
    return page, elsewhere


def test_redoc_renders_every_operation_offline(live_server, browser):  # noqa: F811
    page, elsewhere = _offline_page(browser, live_server)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector("h1:has-text('CSC Tracker API')", timeout=30_000)
    page.wait_for_selector("text=statistics/public", timeout=30_000)
    # Redoc's own sidebar logo is the one request elsewhere; it hides itself when refused.
    assert [url for url in elsewhere if "cdn.redoc.ly/redoc/logo" not in url] == []


def test_swagger_ui_renders_every_operation_offline(live_server, browser):  # noqa: F811
    page, elsewhere = _offline_page(browser, live_server)
    page.goto(f"{live_server.url}/api/v1/swagger/")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() > 60
    assert page.locator(".opblock-summary-path[data-path='/api/v1/concerns/{id}/triage/']").count()
    assert elsewhere == []
