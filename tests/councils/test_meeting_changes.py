"""What members get when a published meeting is moved or cancelled (emails in their language
with a calendar update), and the correction of approved minutes item by item."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from councils import services
from councils.models import Meeting
from tests.councils.conftest import in_days
from tests.councils.test_services import drafted, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    world.secretary.preferred_language = "sq"
    world.secretary.save()
    world.co_chair.preferred_language = "en"  # the others read the municipality's first, sq
    world.co_chair.save()
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(meeting, by=world.secretary)
    invitations = list(mail.outbox)
    mail.outbox.clear()
    return meeting, invitations


def calendar_event(message):
    name, content, mimetype = message.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    return calendar, next(iter(calendar.walk("VEVENT")))


def sent_to(address):
    return next(m for m in mail.outbox if m.to == [address])


def test_moving_a_published_meeting_emails_every_member_the_new_date_and_place(
    world, published, django_capture_on_commit_callbacks
):
    meeting, invitations = published
    new_time = in_days(9, hour=18)
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule_meeting(
            meeting, by=world.secretary, planned_at=new_time, place="Youth centre"
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.to[0] for m in invitations)
    english = sent_to(world.co_chair.email)
    assert english.subject.startswith("Moved: ")
    assert "The meeting was moved. The new date and place:" in english.body
    assert "Youth centre" in english.body
    calendar, event = calendar_event(english)
    _, first = calendar_event(next(m for m in invitations if m.to == english.to))
    assert str(event["uid"]) == str(first["uid"]) == f"meeting-{meeting.pk}@csc-tracker"
    assert event["sequence"] > first["sequence"]
    assert str(calendar["method"]) == "PUBLISH" and str(event["status"]) == "CONFIRMED"
    assert event.decoded("dtstart") == timezone.localtime(new_time, meeting.zone)
    assert str(event["location"]) == "Youth centre"


def test_the_move_is_written_in_each_members_language(
    world, published, django_capture_on_commit_callbacks
):
    meeting, _ = published
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule_meeting(
            meeting, by=world.secretary, planned_at=in_days(9), place="Hall"
        )
    albanian = sent_to(world.secretary.email)
    with translation.override("sq"):
        moved = gettext("Moved: %(council)s meeting, now %(day)s").split("%(")[0]
        assert albanian.subject.startswith(moved)
        assert gettext("The meeting was moved. The new date and place:") in albanian.body
    assert not albanian.subject.startswith("Moved")


def test_cancelling_a_published_meeting_tells_every_member_why_and_cancels_the_event(
    world, published, django_capture_on_commit_callbacks
):
    meeting, invitations = published
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(meeting, by=world.secretary, reason="The hall is flooded.")
    assert len(mail.outbox) == len(invitations)
    english = sent_to(world.co_chair.email)
    assert english.subject.startswith("Cancelled: ")
    assert f"The meeting of {world.council.display_name} is cancelled." in english.body
    assert "Reason: The hall is flooded." in english.body
    calendar, event = calendar_event(english)
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@csc-tracker"
    albanian = sent_to(world.secretary.email)
    with translation.override("sq"):
        assert gettext("Cancelled: %(council)s meeting of %(day)s").split("%(")[0] in (
            albanian.subject
        )
    assert "The hall is flooded." in albanian.body


def test_moving_or_cancelling_before_the_agenda_is_published_emails_no_one(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule_meeting(meeting, by=world.secretary, planned_at=in_days(8), place="")
        services.cancel_meeting(meeting, by=world.secretary, reason="No items.")
    assert mail.outbox == []


def test_a_member_cannot_move_or_cancel_the_meeting_and_nobody_is_emailed(client, world, published):
    meeting, _ = published
    client.force_login(world.member)
    for name, data in (
        ("reschedule", {"reschedule-day": "2030-01-01", "reschedule-start": "17:00"}),
        ("cancel", {"cancel-reason": "I am busy"}),
    ):
        url = reverse("councils:meeting_transition", kwargs={"pk": meeting.pk, "name": name})
        assert client.post(url, data).status_code in {403, 404}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    assert mail.outbox == []


# --- Correcting approved minutes: everything the service takes


@pytest.fixture
def approved(world):
    meeting = drafted(world)
    item = meeting.agenda_items.get(title="Lighting")
    services.update_item(
        item,
        by=world.secretary,
        title=item.title,
        discussion="The lamps on the bridge are broken.",
        public_summary={"sq": "Llambat e urës janë prishur.", "sr-latn": "Lampe na mostu."},
    )
    services.approve_minutes(meeting, by=world.co_chair)
    meeting.refresh_from_db()
    return meeting, item


def test_the_correction_form_offers_each_items_discussion_and_public_summary(
    client, world, approved
):
    meeting, item = approved
    client.force_login(world.secretary)
    html = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    form = html[html.index(reverse("councils:correct", args=[meeting.pk])) :]
    form = form[: form.index("</form>")]
    assert f'name="item_{item.pk}_discussion"' in form
    assert "The lamps on the bridge are broken." in form
    assert f'name="item_{item.pk}_public_summary_sq"' in form
    assert "Llambat e urës janë prishur." in form
    assert 'name="reason"' in form and 'name="minutes_summary"' in form


def test_a_correction_of_an_item_is_saved_as_a_new_revision(client, world, approved):
    meeting, item = approved
    client.force_login(world.secretary)
    data = {
        "minutes_summary": meeting.minutes_summary,
        "public_summary_sq": "",
        "public_summary_sr-latn": "",
        "reason": "It was the lamps in the main street",
        f"item_{item.pk}_discussion": "The lamps in the main street are broken.",
        f"item_{item.pk}_public_summary_sq": "Llambat e rrugës kryesore janë prishur.",
        f"item_{item.pk}_public_summary_sr-latn": "Lampe u glavnoj ulici.",
    }
    for other in meeting.agenda_items.exclude(pk=item.pk):
        data[f"item_{other.pk}_discussion"] = other.discussion
    response = client.post(reverse("councils:correct", args=[meeting.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion == "The lamps in the main street are broken."
    assert item.public_summary == {
        "sq": "Llambat e rrugës kryesore janë prishur.",
        "sr-latn": "Lampe u glavnoj ulici.",
    }
    latest = meeting.revisions.order_by("-number").first()
    assert latest.number == 2 and latest.reason == "It was the lamps in the main street"
    corrected = next(i for i in latest.content["items"] if i["title"] == "Lighting")
    assert "main street" in str(corrected)


def test_a_correction_without_a_reason_changes_nothing_and_says_why(client, world, approved):
    meeting, item = approved
    client.force_login(world.secretary)
    response = client.post(
        reverse("councils:correct", args=[meeting.pk]),
        {"reason": "", f"item_{item.pk}_discussion": "Changed"},
        follow=True,
    )
    assert "Fill in “What the correction corrects”." in response.content.decode()
    item.refresh_from_db()
    assert item.discussion == "The lamps on the bridge are broken."
    assert meeting.revisions.count() == 1


def test_a_member_cannot_correct_the_minutes(client, world, approved):
    meeting, item = approved
    client.force_login(world.member)
    response = client.post(
        reverse("councils:correct", args=[meeting.pk]),
        {"reason": "Mine", f"item_{item.pk}_discussion": "Changed"},
    )
    assert response.status_code in {302, 403, 404}
    item.refresh_from_db()
    assert item.discussion == "The lamps on the bridge are broken."
    assert meeting.revisions.count() == 1
