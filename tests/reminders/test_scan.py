"""The scan with the clock moved (time-machine): each kind at its boundaries, in the council's
time zone, across midnight and DST, repeats, due-date changes, quiet states, recipients."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import ChannelPreference, Notification, OutgoingEmail
from policing.models import FollowUpAction
from reminders.models import Reminder
from reminders.recipients import escalation_recipients, responsible_people
from reminders.scan import run_scan
from tests.factories import CouncilFactory, FollowUpActionFactory, MunicipalityFactory
from tests.reminders.conftest import BAGHDAD, at, inbox_of, send_outbox

pytestmark = pytest.mark.django_db
DUE = date(2026, 11, 20)  # a Friday
Status = FollowUpAction.Status


def kinds(action) -> list[tuple[str, str]]:
    return sorted(action.reminders.values_list("kind", "period"))


def mailed_to(kind: str) -> list[str]:
    return sorted(OutgoingEmail.objects.filter(reminder__kind=kind).values_list("to", flat=True))


def test_due_soon_starts_two_days_before_at_local_midnight(client, istog, travel):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    travel(at(date(2026, 11, 17), 23, 59))
    run_scan()
    assert kinds(action) == []
    travel(at(date(2026, 11, 18), 0, 0))
    run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20")]
    assert mailed_to("due_soon") == ["officer.istog@example.org"]
    notification = Notification.objects.get(user=istog.officer.user)
    assert notification.url == f"/staff/actions/{action.pk}/"
    assert "Due in 2 days: Patrol the school road" in inbox_of(client, istog.officer.user)
    [sent] = send_outbox()
    assert sent.subject == "Due in 2 days: Patrol the school road"
    assert sent.to == ["officer.istog@example.org"]


def test_the_day_is_the_councils_not_utc(istog, travel):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    # 23:30 UTC on the 17th is 00:30 on the 18th in Belgrade: the window has opened there.
    travel(datetime(2026, 11, 17, 23, 30, tzinfo=UTC))
    run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20")]


def test_baghdad_council_judges_by_baghdad_time(istog, travel):
    istog.council.time_zone = "Asia/Baghdad"
    istog.council.save()
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    travel(datetime(2026, 11, 17, 20, 59, tzinfo=UTC))  # 23:59 in Baghdad
    run_scan()
    assert kinds(action) == []
    travel(datetime(2026, 11, 17, 21, 0, tzinfo=UTC))  # midnight in Baghdad
    run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20")]
    # Still the 17th in Belgrade: a Belgrade council's action due the same day waits.
    peja = CouncilFactory(municipality=MunicipalityFactory(code="PEJ", time_zone="Europe/Belgrade"))
    belgrade = FollowUpActionFactory(council=peja, due_date=DUE)
    run_scan()
    assert kinds(belgrade) == []


@pytest.mark.parametrize(
    ("last_minute_before", "first_minute_of"),
    [
        # Autumn: 25 October 2026, 03:00 CEST becomes 02:00 CET.
        (datetime(2026, 10, 24, 21, 59, tzinfo=UTC), date(2026, 10, 25)),
        # Spring: 29 March 2026, 02:00 CET becomes 03:00 CEST.
        (datetime(2026, 3, 28, 22, 59, tzinfo=UTC), date(2026, 3, 29)),
    ],
)
def test_dst_change_moves_no_reminder_by_a_day(istog, travel, last_minute_before, first_minute_of):
    due = first_minute_of + timedelta(days=2)
    action = istog.police_action(due_date=due, assignee=istog.officer, status=Status.ASSIGNED)
    travel(last_minute_before)
    run_scan()
    assert kinds(action) == []
    travel(last_minute_before + timedelta(minutes=1))
    run_scan()
    assert kinds(action) == [("due_soon", due.isoformat())]
    # And the day after the DST change, the overdue reminder is on time too.
    overdue = istog.police_action(due_date=first_minute_of, assignee=istog.officer)
    travel(at(first_minute_of, 23, 59))
    run_scan()
    assert kinds(overdue) == [("due_soon", first_minute_of.isoformat())]
    travel(at(first_minute_of + timedelta(days=1), 0, 0))
    run_scan()
    assert ("overdue", f"{first_minute_of.isoformat()}/1") in kinds(overdue)


def test_overdue_from_the_day_after_and_again_every_three_days(istog, travel):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    travel(at(DUE, 23, 59))
    run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20")]
    for day, expected in [
        (21, ["2026-11-20/1"]),
        (23, ["2026-11-20/1"]),
        (24, ["2026-11-20/1", "2026-11-20/2"]),
        (27, ["2026-11-20/1", "2026-11-20/2", "2026-11-20/3"]),
    ]:
        travel(at(date(2026, 11, day), 0, 5))
        run_scan()
        assert [p for k, p in kinds(action) if k == "overdue"] == expected
    assert mailed_to("overdue") == ["officer.istog@example.org"] * 3


def test_overdue_repeat_follows_the_councils_threshold(istog, travel):
    istog.council.overdue_repeat_days = 1
    istog.council.save()
    action = istog.police_action(due_date=DUE, assignee=istog.officer)
    for day in (21, 22):
        travel(at(date(2026, 11, day)))
        run_scan()
    assert [p for k, p in kinds(action) if k == "overdue"] == ["2026-11-20/1", "2026-11-20/2"]


def test_escalation_after_seven_days_to_commander_and_co_chairs(istog, travel):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    travel(at(date(2026, 11, 26)))
    run_scan()
    assert "escalation" not in dict(kinds(action))
    travel(at(date(2026, 11, 27), 0, 0))
    run_scan()
    assert ("escalation", "2026-11-20") in kinds(action)
    assert mailed_to("escalation") == [
        "commander.istog@example.org",
        "deputy.mayor@example.org",
        "police.chair@example.org",
    ]
    assert {u.username for u in escalation_recipients(action)} == {
        "commander.istog",
        "deputy.mayor",
        "police.chair",
    }


def test_partner_body_action_goes_to_focal_points_and_escalates_to_the_co_chairs(istog, travel):
    action = istog.body_action(due_date=DUE)
    travel(at(date(2026, 11, 28)))
    run_scan()
    assert mailed_to("overdue") == ["focal.istog@example.org"]
    assert mailed_to("escalation") == ["deputy.mayor@example.org", "police.chair@example.org"]
    assert [u.username for u in responsible_people(action)] == ["focal.istog"]


def test_unassigned_police_action_goes_to_the_commander_of_the_station_above(istog, travel):
    istog.police_action(due_date=DUE)
    travel(at(date(2026, 11, 19)))
    run_scan()
    assert mailed_to("due_soon") == ["commander.istog@example.org"]


def test_sensitive_action_escalates_to_safeguarding_not_to_co_chairs(istog, travel):
    istog.police_action(due_date=DUE, concern=istog.sensitive_concern())
    travel(at(date(2026, 11, 28)))
    run_scan()
    assert mailed_to("escalation") == [
        "commander.istog@example.org",
        "safeguarding.istog@example.org",
    ]


@pytest.mark.parametrize(
    ("status", "extra"),
    [
        (Status.CANCELLED, {"cancel_reason": "Duplicate"}),
        (Status.COMPLETED, {}),
        (Status.VERIFIED, {}),
    ],
)
def test_finished_and_cancelled_actions_are_quiet(istog, travel, status, extra):
    istog.police_action(due_date=DUE, status=status, **extra)
    travel(at(date(2026, 11, 30)))
    run_scan()
    assert not Reminder.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_due_date_moved_past_the_window_reminds_of_the_new_date_in_its_turn(istog, travel):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    travel(at(date(2026, 11, 18)))
    run_scan()
    FollowUpAction.objects.filter(pk=action.pk).update(due_date=date(2026, 12, 10))
    for day in (date(2026, 11, 21), date(2026, 12, 7)):
        travel(at(day))
        run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20")]  # no overdue for the old date
    travel(at(date(2026, 12, 8)))
    run_scan()
    assert kinds(action) == [("due_soon", "2026-11-20"), ("due_soon", "2026-12-10")]


def test_a_second_scan_decides_nothing_twice(istog, travel):
    istog.police_action(due_date=DUE, assignee=istog.officer, status=Status.ASSIGNED)
    istog.body_action(due_date=DUE)
    travel(at(date(2026, 11, 28)))  # a Saturday: no digest
    first = run_scan()
    second = run_scan()
    assert first.counts() == {"overdue": 2, "escalation": 2}
    assert second.counts() == {}
    assert Reminder.objects.count() == 4
    assert OutgoingEmail.objects.count() == 2 + 3 + 2


def test_reminder_rows_and_emails_are_in_the_outbox_until_commit(
    istog, travel, django_capture_on_commit_callbacks
):
    istog.police_action(due_date=DUE, assignee=istog.officer)
    travel(at(date(2026, 11, 19)))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run_scan()
    assert len(callbacks) == 1
    email = OutgoingEmail.objects.get()
    assert email.sent_at is not None  # the eager task ran on commit
    assert email.reminder.kind == "due_soon"


def test_email_off_leaves_the_in_app_notification(istog, travel):
    ChannelPreference.objects.create(user=istog.officer.user, channel="email", mode="off")
    istog.police_action(due_date=DUE, assignee=istog.officer)
    travel(at(date(2026, 11, 19)))
    run_scan()
    assert not OutgoingEmail.objects.exists()
    assert Notification.objects.filter(user=istog.officer.user).count() == 1
    assert Reminder.objects.get().recipients == [istog.officer.user.pk]


def test_digest_only_sends_no_single_reminder_by_that_channel(istog, travel):
    ChannelPreference.objects.create(user=istog.commander, channel="email", mode="digest")
    istog.police_action(due_date=DUE)
    travel(at(date(2026, 11, 22)))  # a Sunday: no digest yet
    run_scan()
    assert mailed_to("overdue") == []
    assert Notification.objects.filter(user=istog.commander, reminder__kind="overdue").exists()
    travel(at(date(2026, 11, 23)))  # Monday
    run_scan()
    assert "commander.istog@example.org" in mailed_to("digest")


def test_a_body_without_focal_point_falls_to_the_co_chairs_then_the_secretary(istog, travel):
    from policing.models import FocalPoint

    FocalPoint.objects.all().delete()
    istog.body_action(due_date=DUE)
    travel(at(date(2026, 11, 19)))
    run_scan()
    assert mailed_to("due_soon") == ["deputy.mayor@example.org", "police.chair@example.org"]
    from councils.models import Membership

    Membership.objects.filter(role="co_chair").delete()
    istog.body_action(due_date=DUE, title="Second")
    run_scan()
    assert mailed_to("due_soon")[-1:] == ["secretary.istog@example.org"]


def test_nobody_to_tell_is_recorded_as_such(istog, travel):
    from councils.models import Membership

    istog.station.commander = None
    istog.station.save()
    Membership.objects.filter(role__in=["co_chair", "secretary"]).delete()
    action = istog.police_action(due_date=DUE)
    travel(at(date(2026, 11, 19)))
    run_scan()
    assert Reminder.objects.get(action=action).recipients == []
    assert not OutgoingEmail.objects.exists()


def test_inactive_users_get_nothing(istog, travel):
    istog.officer.user.is_active = False
    istog.officer.user.save()
    istog.police_action(due_date=DUE, assignee=istog.officer)
    travel(at(date(2026, 11, 19)))
    run_scan()
    assert mailed_to("due_soon") == ["commander.istog@example.org"]


def test_dry_run_prints_what_and_why_and_changes_nothing(istog, travel, capsys):
    istog.police_action(due_date=DUE, assignee=istog.officer, title="Patrol the school road")
    travel(at(date(2026, 11, 28)))
    call_command("reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "overdue" in out and "8 days overdue" in out and "Patrol the school road" in out
    assert "escalation" in out and "commander.istog" in out
    assert "would send 2 reminders" in out
    assert not Reminder.objects.exists() and not OutgoingEmail.objects.exists()
    call_command("reminders")
    assert Reminder.objects.count() == 2


def test_scan_queries_are_the_same_for_10_and_200_due_actions(istog, travel):
    def queries_for(count: int) -> int:
        for n in range(count // 2):
            if n % 2:
                istog.police_action(due_date=DUE - timedelta(days=8), assignee=istog.officer)
            else:
                istog.police_action(due_date=DUE, concern=istog.sensitive_concern())
            istog.body_action(due_date=DUE + timedelta(days=n % 3))
        with CaptureQueriesContext(connection) as queries:
            result = run_scan()
        assert len(result.decided) > count  # due soon, overdue and escalations
        return len(queries)

    travel(at(date(2026, 11, 20)))
    few = queries_for(10)
    Reminder.objects.all().delete()
    many = queries_for(200)
    assert many == few


def test_baghdad_is_a_real_zone_for_the_clock():
    assert datetime(2026, 6, 1, tzinfo=BAGHDAD).utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("", "Afati pas 2 ditësh: Patrol the school road"),  # Istog's first official language
        ("sq", "Afati pas 2 ditësh: Patrol the school road"),
        ("sr-latn", "Rok za 2 dana: Patrol the school road"),
        ("ar", "مستحق خلال يومين (2): Patrol the school road"),
    ],
)
def test_each_recipient_reads_the_reminder_in_their_language(
    client, istog, travel, language, subject
):
    user = istog.officer.user
    user.preferred_language = language
    user.save()
    istog.police_action(due_date=DUE, assignee=istog.officer, title="Patrol the school road")
    travel(at(date(2026, 11, 18)))
    run_scan()
    # The email is composed by the worker that sends it, in the recipient's language, and
    # stored: the row shows what was sent.
    [sent] = send_outbox()
    assert sent.subject == subject
    assert OutgoingEmail.objects.get().subject == subject
    # The in-app list is composed when shown, in the language the reader has the app in.
    assert subject in inbox_of(client, user, language or "sq")
