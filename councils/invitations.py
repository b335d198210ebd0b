"""The members' email when an agenda is published, moved or cancelled, with a calendar file.

Each member gets it in their language (their account's, else the municipality's first
official language); the .ics keeps one UID per meeting so calendars update the same event.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from councils import selectors
from councils.models import Meeting
from notifications.services import absolute_url, queue_email


def member_language(membership, default: str) -> str:
    user = membership.person.user
    language = (user.preferred_language if user else "") or default
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


def calendar_file(meeting: Meeting, *, cancelled: bool = False, sequence: int = 0) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//CSC Tracker//Council meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@csc-tracker")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.local_planned_at)
    event.add("dtend", meeting.local_planned_at + selectors.MEETING_LENGTH)
    event.add("summary", str(meeting.council.display_name))
    event.add("location", meeting.place)
    event.add("url", absolute_url(reverse("councils:meeting", args=[meeting.pk])))
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def queue_invitations(meeting: Meeting, *, update: bool = False, cancelled: bool = False) -> int:
    """One email per current member with an address; sent after commit by the outbox."""
    day = meeting.local_planned_at.date()
    members = selectors.members_on(meeting.council_id, day).select_related("person__user")
    municipality = meeting.council.municipality
    default = getattr(municipality, "default_language", None) or settings.LANGUAGE_CODE
    sequence = meeting.events.count()
    ics = calendar_file(meeting, cancelled=cancelled, sequence=sequence)
    items = list(meeting.agenda_items.order_by("position", "id"))
    sent = 0
    for membership in members:
        person = membership.person
        address = person.email or (person.user.email if person.user else "")
        if not address:
            continue
        with (
            translation.override(member_language(membership, default)),
            timezone.override(meeting.zone),
        ):
            context = {
                "meeting": meeting,
                "person": person,
                "items": items,
                "update": update,
                "cancelled": cancelled,
                "url": absolute_url(reverse("councils:meeting", args=[meeting.pk])),
            }
            subject = render_to_string("councils/email/invitation_subject.txt", context).strip()
            body = render_to_string("councils/email/invitation.txt", context)
        queue_email(
            to=address,
            subject=subject,
            body=body,
            attachments=[("meeting.ics", ics, "text/calendar")],
        )
        sent += 1
    return sent
