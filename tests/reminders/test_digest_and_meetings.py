"""Weekly digests and meeting reminders, with the clock moved."""

from datetime import date, timedelta

import pytest

from councils.models import Meeting
from notifications.models import OutgoingEmail
from reminders.models import Reminder
from reminders.scan import run_scan
from tests.factories import MeetingFactory
from tests.reminders.conftest import at

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 23)


def digest_of(username: str) -> OutgoingEmail:
    return OutgoingEmail.objects.get(
        reminder__kind="digest", reminder__digest_for__username=username
    )


def test_weekly_digest_lists_what_is_overdue_in_each_scope(istog, travel):
    late = istog.police_action(due_date=date(2026, 11, 13), title="Patrol the school road")
    istog.body_action(due_date=date(2026, 11, 20), title="Repair the street lights")
    istog.police_action(due_date=MONDAY + timedelta(days=5), title="Not late yet")
    istog.police_action(
        due_date=date(2026, 11, 1), title="Safety plan for Z.", concern=istog.sensitive_concern()
    )
    travel(at(MONDAY, 7))
    run_scan()

    commander = digest_of("commander.istog")
    assert commander.subject == "Weekly digest: 2 overdue actions"
    assert "Patrol the school road" in commander.body and "10 days overdue" in commander.body
    assert "Safety plan for Z." in commander.body  # their unit's: they may see it
    assert "Repair the street lights" not in commander.body  # a partner body's
    assert f"/staff/actions/{late.pk}/" in commander.body

    deputy = digest_of("deputy.mayor")
    assert deputy.subject == "Weekly digest: 2 overdue actions"
    assert "Repair the street lights" in deputy.body and "Patrol the school road" in deputy.body
    assert "Safety plan for Z." not in deputy.body  # sensitive: not for co-chairs
    assert "Not late yet" not in deputy.body
    assert not OutgoingEmail.objects.filter(
        reminder__kind="digest", to__in=["officer.istog@example.org", "member.istog@example.org"]
    ).exists()


def test_one_digest_a_week_sent_on_monday_or_caught_up_on_tuesday(istog, travel):
    istog.police_action(due_date=date(2026, 11, 13))
    travel(at(MONDAY - timedelta(days=1)))  # Sunday
    run_scan()
    assert not Reminder.objects.filter(kind="digest").exists()
    travel(at(MONDAY + timedelta(days=1)))  # Tuesday: Monday's scan was missed
    run_scan()
    run_scan()
    travel(at(MONDAY + timedelta(days=2)))
    run_scan()
    assert sorted(
        Reminder.objects.filter(kind="digest", digest_for=istog.commander).values_list(
            "period", flat=True
        )
    ) == ["2026-W48"]
    travel(at(MONDAY + timedelta(days=7)))
    run_scan()
    assert Reminder.objects.filter(kind="digest", digest_for=istog.commander).count() == 2


def test_no_digest_when_nothing_is_overdue(istog, travel):
    istog.police_action(due_date=MONDAY)
    travel(at(MONDAY))
    run_scan()
    assert not Reminder.objects.filter(kind="digest").exists()


def published_meeting(istog, when, **kwargs):
    return MeetingFactory(
        council=istog.council,
        planned_at=when,
        agenda_published_at=when - timedelta(days=7),
        **kwargs,
    )


def test_members_are_reminded_the_day_before_a_published_meeting(istog, travel):
    meeting = published_meeting(istog, at(date(2026, 11, 26), 10), place="Town hall")
    MeetingFactory(council=istog.council, planned_at=at(date(2026, 11, 26), 14))  # no agenda yet
    travel(at(date(2026, 11, 24), 23, 59))
    run_scan()
    assert not Reminder.objects.exists()
    travel(at(date(2026, 11, 25), 0, 0))
    run_scan()
    run_scan()
    reminder = Reminder.objects.get()
    assert (reminder.meeting, reminder.kind, reminder.period) == (
        meeting,
        "meeting_tomorrow",
        "2026-11-26",
    )
    recipients = set(OutgoingEmail.objects.values_list("to", flat=True))
    assert {"member.istog@example.org", "secretary.istog@example.org"} <= recipients
    assert "deputy.mayor@example.org" in recipients
    assert "officer.istog@example.org" not in recipients
    email = OutgoingEmail.objects.filter(to="member.istog@example.org").get()
    assert email.subject.startswith("Council meeting tomorrow: MCSC Istog")
    assert "Town hall" in email.body


def test_cancelled_meeting_reminds_nobody(istog, travel):
    published_meeting(
        istog, at(date(2026, 11, 26), 10), status=Meeting.Status.CANCELLED, cancel_reason="Storm"
    )
    travel(at(date(2026, 11, 25)))
    run_scan()
    assert not Reminder.objects.exists()


def test_secretary_is_told_when_minutes_stay_unapproved(istog, travel):
    held = at(date(2026, 11, 2), 10)
    meeting = MeetingFactory(
        council=istog.council, planned_at=held, held_at=held, status=Meeting.Status.MINUTES_DRAFT
    )
    travel(at(date(2026, 11, 15), 23, 59))
    run_scan()
    assert not Reminder.objects.filter(kind="minutes_unapproved").exists()
    travel(at(date(2026, 11, 16), 0, 0))  # 14 days after: the council's default
    run_scan()
    run_scan()
    emails = OutgoingEmail.objects.filter(reminder__meeting=meeting)
    assert list(emails.values_list("to", flat=True)) == ["secretary.istog@example.org"]
    assert "not approved 14 days after" in emails.get().body


def test_approved_minutes_need_no_reminder(istog, travel):
    held = at(date(2026, 11, 2), 10)
    MeetingFactory(
        council=istog.council,
        planned_at=held,
        held_at=held,
        status=Meeting.Status.MINUTES_APPROVED,
        minutes_approved_at=held + timedelta(days=3),
    )
    travel(at(date(2026, 11, 30)))
    run_scan()
    assert not Reminder.objects.exists()
