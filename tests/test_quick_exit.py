"""Every page a resident may be reading carries a quick-exit button to a neutral site; staff
pages do not (staff are not the ones who may be watched over their shoulder)."""

from pathlib import Path

import pytest
from django.urls import reverse

from concerns.references import tracking_token_for
from tests.factories import CategoryFactory, ConcernFactory, CouncilFactory, secretary_of

pytestmark = pytest.mark.django_db

BUTTON = 'class="quick-exit"'


@pytest.fixture
def concern():
    council = CouncilFactory(municipality__code="IST")
    CategoryFactory()
    return ConcernFactory(council=council)


def public_urls(concern):
    return [
        reverse("public:home"),
        reverse("public:report"),
        reverse("public:report_municipality", kwargs={"code": "IST"}),
        reverse("public:track"),
        reverse(
            "public:track_concern",
            kwargs={
                "reference": concern.reference,
                "token": tracking_token_for(concern.submission_key),
            },
        ),
        reverse("councils:public_councils"),
        reverse("councils:public_council", kwargs={"pk": concern.council.pk}),
        "/no-such-page/",
    ]


def test_every_public_page_has_the_quick_exit_button(client, concern):
    for url in public_urls(concern):
        response = client.get(url)
        body = response.content.decode()
        assert BUTTON in body, url
        assert 'href="https://www.google.com/"' in body, url
        assert "data-quick-exit" in body and 'aria-describedby="quick-exit-hint"' in body, url


def test_the_quick_exit_button_is_there_for_a_signed_in_secretary_on_public_pages(client, concern):
    client.force_login(secretary_of(concern.council))
    assert BUTTON in client.get(reverse("public:report")).content.decode()


def test_staff_pages_have_no_quick_exit_button(client, concern):
    client.force_login(secretary_of(concern.council))
    for url in (
        reverse("workspace:home"),
        reverse("concerns:inbox"),
        reverse("concerns:detail", kwargs={"pk": concern.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert BUTTON not in response.content.decode(), url
    client.logout()
    assert BUTTON not in client.get(reverse("accounts:login")).content.decode()


def test_the_neutral_site_is_configurable(client, settings):
    settings.CSC = {**settings.CSC, "QUICK_EXIT_URL": "https://weather.example/"}
    assert 'href="https://weather.example/"' in client.get(reverse("public:home")).content.decode()


def test_the_quick_exit_script_replaces_the_history_entry_and_listens_for_escape(settings):
    script = (Path(settings.BASE_DIR) / "static" / "js" / "app.js").read_text()
    assert "location.replace(quickExit.href)" in script
    assert '"Escape"' in script


@pytest.mark.parametrize("language", ["ar", "ckb"])
def test_the_quick_exit_button_is_labelled_in_right_to_left_languages(client, language):
    client.cookies["django_language"] = language
    body = client.get(reverse("public:home")).content.decode()
    assert 'dir="rtl"' in body and BUTTON in body
    assert ">Quick exit</a>" not in body
