"""A reporter's safe ways to be contacted never leave the concern page: not in meeting pages,
agendas, minutes (page and PDF) or any email the council's work sends."""

import io

import pytest
from django.core import mail
from django.urls import reverse

from concerns import services as concern_services
from concerns.models import SafeContact
from councils.models import Meeting
from tests.councils.test_views import login, published_minutes

pytestmark = pytest.mark.django_db

TIMES = "Only mornings SAFE-TIMES"
ORGANISATION = "SAFE-ORGANISATION centre"


@pytest.fixture
def concern(world, triaged):
    concern = triaged(description="Drug dealing near the school")
    SafeContact.objects.create(
        concern=concern, in_person=True, organisation=ORGANISATION, times=TIMES, no_messages=True
    )
    return concern


def assert_absent(text: str) -> None:
    for secret in (TIMES, ORGANISATION, "Do not leave messages"):
        assert secret not in text


def test_meeting_pages_agenda_and_minutes_never_show_the_safe_ways(
    client, world, concern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = published_minutes(world, concern=concern)
    meeting = Meeting.objects.get(pk=meeting.pk)
    for user in (world.member, world.secretary):
        login(client, user)
        assert_absent(client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode())
        printed = client.get(reverse("councils:staff_print", args=[meeting.pk]))
        assert printed.status_code == 200
        assert_absent(printed.content.decode())
    client.logout()
    assert_absent(
        client.get(reverse("councils:public_meeting", args=[meeting.pk])).content.decode()
    )
    pdf = client.get(reverse("councils:public_meeting_pdf", args=[meeting.pk]))
    from pypdf import PdfReader

    assert_absent(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert mail.outbox, "the meeting's emails were sent"
    for message in mail.outbox:
        assert_absent(message.subject + message.body)


def test_emails_about_the_concern_never_carry_them(
    world, concern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern_services.put_on_agenda(concern, by=world.secretary)
        concern_services.resolve_concern(
            concern, by=world.secretary, public_response="The municipality repaired the lamps."
        )
    assert mail.outbox
    for message in mail.outbox:
        assert_absent(message.subject + message.body)
