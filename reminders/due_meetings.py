"""Meeting reminders: members the day before a published meeting, the secretary when the
minutes stay unapproved. A council has a meeting a month: a few rows, model instances."""

from datetime import timedelta

from django.utils import timezone

from councils.models import Meeting
from reminders import rules
from reminders.decisions import Clock, Decision
from reminders.models import Reminder
from reminders.recipients import Directory

Kind = Reminder.Kind


def meeting_decisions(clock: Clock) -> list[Decision]:
    planned = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        agenda_published_at__isnull=False,
        planned_at__gt=clock.now,
        planned_at__lte=clock.now + timedelta(days=2),
    )
    unapproved = Meeting.objects.filter(status__in=Meeting.EDITABLE_MINUTES, held_at__isnull=False)
    meetings = list(
        (planned | unapproved)
        .filter(council_id__in=clock.councils)
        .select_related("council__municipality")
    )
    found = []
    for meeting in meetings:
        council = meeting.council
        today = clock.today[council.pk]
        if meeting.status == Meeting.Status.PLANNED:
            due = rules.meeting_tomorrow(meeting.local_planned_at.date(), today)
        else:
            held_day = timezone.localtime(meeting.held_at, council.zone).date()
            due = rules.minutes_unapproved(held_day, today, council.minutes_reminder_days)
        if due:
            found.append((meeting, due))
    if not found:
        return []
    existing = set(
        Reminder.objects.filter(
            meeting__in=[m.pk for m, _ in found], kind__in=Reminder.MEETING_KINDS
        ).values_list("meeting_id", "kind", "period")
    )
    found = [(m, d) for m, d in found if (m.pk, d.kind, d.period) not in existing]
    if not found:
        return []
    directory = Directory(
        council_ids={m.council_id for m, _ in found}, body_ids=(), on=timezone.localdate(clock.now)
    )
    return [
        Decision(
            due.kind,
            due.period,
            due.days,
            meeting.council,
            meeting=meeting,
            recipients=directory.meeting_members(meeting.council_id)
            if due.kind == Kind.MEETING_TOMORROW
            else directory.secretaries(meeting.council_id),
        )
        for meeting, due in found
    ]
