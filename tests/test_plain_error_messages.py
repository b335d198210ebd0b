"""Staff forms speak plainly too: each app's forms name the field in the reader's language
instead of Django's "This field is required." (config.forms.PlainErrorMessages)."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from concerns.models import Concern
from tests.factories import (
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    PoliceUnitFactory,
    commander_of,
    secretary_of,
)

pytestmark = pytest.mark.django_db


def speaking(client, user, language: str):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def plain(language: str, message: str, label: str, **extra) -> str:
    with translation.override(language):
        text = gettext(message).replace("{label}", gettext(label))
        for key, value in extra.items():
            text = text.replace("{" + key + "}", value)
    return text


def django_default(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


@pytest.fixture
def council():
    return CouncilFactory(municipality=MunicipalityFactory(code="IST", name="Istog"))


def test_a_duplicate_without_the_original_names_the_field_in_albanian(client, council):
    concern = ConcernFactory(council=council, status=Concern.Status.NEW)
    speaking(client, secretary_of(council), "sq")
    url = reverse("concerns:transition", kwargs={"pk": concern.pk, "name": "duplicate"})
    response = client.post(url, {"duplicate-original": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert plain("sq", "Fill in “{label}”.", "Reference of the original concern") in html
    assert django_default("sq", "This field is required.") not in html


def test_a_due_date_that_is_no_date_says_so_in_serbian(client, council):
    unit = PoliceUnitFactory(municipality=council.municipality)
    action = FollowUpActionFactory(council=council, responsible_unit=unit)
    speaking(client, commander_of(unit), "sr-latn")
    url = reverse("policing:transition", kwargs={"pk": action.pk, "name": "due-date"})
    response = client.post(url, {"due-due_date": "soon", "due-reason": "Waiting for the lamps"})
    html = response.content.decode()
    assert response.status_code == 400
    with translation.override("sr-latn"):
        example = date(2026, 4, 23).strftime(formats.get_format("DATE_INPUT_FORMATS")[0])
    expected = plain(
        "sr-latn",
        "Enter a real date for “{label}”, for example {example}.",
        "New due date",
        example=example,
    )
    assert expected in html
    assert django_default("sr-latn", "Enter a valid date.") not in html


def test_moving_a_meeting_to_no_date_says_so_in_albanian(client, council):
    meeting = MeetingFactory(council=council)
    speaking(client, secretary_of(council), "sq")
    url = reverse("councils:meeting_transition", kwargs={"pk": meeting.pk, "name": "reschedule"})
    response = client.post(url, {"reschedule-day": "", "reschedule-start": "17:00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert plain("sq", "Fill in “{label}”.", "Date") in html
    assert django_default("sq", "This field is required.") not in html


def test_attendance_rows_added_by_the_form_get_plain_messages_too(client, council):
    meeting = MeetingFactory(council=council, status="held", held_at=timezone.now())
    membership = MembershipFactory(council=council, person=PersonFactory(full_name="Arta Berisha"))
    speaking(client, secretary_of(council), "sq")
    response = client.post(
        reverse("councils:attendance", args=[meeting.pk]), {f"member_{membership.pk}": "maybe"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    expected = plain(
        "sq",
        "The answer for “{label}” is not one of the choices. Please choose again.",
        str(membership.person),
    )
    assert expected in html
