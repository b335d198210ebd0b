"""The confirmation page after a report needs no session write: a failing session store
(the database connection cut after the concern's commit) still shows the receipt."""

import pytest
from django.core import signing
from django.urls import reverse

from concerns.models import Concern
from concerns.references import tracking_token_for
from concerns.views.public import RECEIPT_COOKIE
from tests.concerns.test_public_views import report_data
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    return municipality, CategoryFactory(code="lighting")


def test_the_receipt_is_shown_when_the_session_cannot_be_saved(client, istok, settings):
    settings.SESSION_ENGINE = "tests.concerns.failing_sessions"

    response = client.post(reverse("public:report"), report_data(*istok))

    assert response.status_code == 302
    concern = Concern.objects.get()
    done = client.get(response["Location"])
    assert done.status_code == 200
    body = done.content.decode()
    assert concern.reference in body
    assert tracking_token_for(concern.submission_key) in body


def test_the_receipt_cookie_names_the_reference_but_never_holds_the_tracking_code(client, istok):
    client.post(reverse("public:report"), report_data(*istok))
    concern = Concern.objects.get()
    cookie = client.cookies[RECEIPT_COOKIE]

    assert cookie["httponly"]
    assert cookie["path"] == reverse("public:report_done")
    assert tracking_token_for(concern.submission_key) not in cookie.value
    assert concern.reference in cookie.value


def test_a_forged_receipt_cookie_shows_nothing(client, istok):
    client.post(reverse("public:report"), report_data(*istok))
    reference = Concern.objects.get().reference
    client.cookies[RECEIPT_COOKIE] = reference  # unsigned
    response = client.get(reverse("public:report_done"))
    assert response.status_code == 302

    client.cookies[RECEIPT_COOKIE] = signing.get_cookie_signer(salt="other").sign(reference)
    assert client.get(reverse("public:report_done")).status_code == 302
