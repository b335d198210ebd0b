import pytest
from django.urls import reverse
from django.utils import translation

from councils.models import emergency_number_for
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_report_page_of_a_municipality_shows_its_own_emergency_number(client):
    MunicipalityFactory(code="IST", emergency_number="112")
    page = client.get(reverse("public:report_municipality", args=["IST"]))
    text = page.content.decode()
    assert "In an emergency call the police at 112." in text
    assert "192" not in text


def test_report_page_of_a_municipality_without_one_shows_the_default(client, settings):
    settings.CSC = {**settings.CSC, "DEFAULT_EMERGENCY_NUMBER": "911"}
    MunicipalityFactory(code="PEJ", emergency_number="")
    page = client.get(reverse("public:report_municipality", args=["PEJ"]))
    assert "In an emergency call the police at 911." in page.content.decode()


def test_home_page_shows_the_default_number(client):
    MunicipalityFactory(code="IST", emergency_number="112")
    text = client.get(reverse("public:home")).content.decode()
    assert "In an emergency call the police at 192." in text


def test_emergency_number_sentence_is_translated(client):
    MunicipalityFactory(code="IST", emergency_number="112")
    with translation.override("sq"):
        text = client.get(
            reverse("public:report_municipality", args=["IST"]), HTTP_ACCEPT_LANGUAGE="sq"
        ).content.decode()
    assert "112" in text and "In an emergency call" not in text


def test_emergency_number_for_no_municipality_is_the_default():
    assert emergency_number_for(None) == "192"
