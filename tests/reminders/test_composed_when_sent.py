"""An action reminder's words are composed when the email is sent or the list is shown, not by
the scan; the rows the scan writes in bulk are the same on either insert path."""

import email.utils
from datetime import date

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import bulk, services
from notifications.models import Notification, OutgoingEmail
from policing.models import FollowUpAction
from reminders.models import Reminder
from reminders.scan import run_scan
from tests.reminders.conftest import at, inbox_of, send_outbox

pytestmark = pytest.mark.django_db
DUE = date(2026, 11, 20)


def overdue_for_the_officer(istog, travel, **kwargs):
    action = istog.police_action(due_date=DUE, assignee=istog.officer, **kwargs)
    travel(at(date(2026, 11, 22)))
    run_scan()
    return action


def test_the_scan_writes_the_email_empty_with_the_recipients_language(istog, travel):
    istog.officer.user.preferred_language = "sr-latn"
    istog.officer.user.save()
    overdue_for_the_officer(istog, travel)
    row = OutgoingEmail.objects.get()
    assert (row.to, row.subject, row.body, row.language) == (
        "officer.istog@example.org",
        "",
        "",
        "sr-latn",
    )
    assert row.message_id.startswith("<outbox.")
    [sent] = send_outbox()
    assert sent.subject == "Kasni 2 dana: Patrol the school road"


def test_the_words_are_stored_and_a_repeat_sends_them_again_with_the_same_message_id(istog, travel):
    action = overdue_for_the_officer(istog, travel)
    [first] = send_outbox()
    row = OutgoingEmail.objects.get()
    assert row.subject == first.subject and row.body == first.body
    assert row.subject == "Overdue by 2 days: Patrol the school road"
    assert f"/staff/actions/{action.pk}/" in row.body
    # The worker died between the server's acceptance and "sent"; the title changes meanwhile.
    FollowUpAction.objects.filter(pk=action.pk).update(title="Renamed")
    OutgoingEmail.objects.filter(pk=row.pk).update(sent_at=None, next_attempt_at=None)
    assert services.deliver(row.pk)
    repeat = mail.outbox[-1]
    assert (repeat.subject, repeat.body) == (first.subject, first.body)
    assert repeat.extra_headers["Message-ID"] == first.extra_headers["Message-ID"]
    assert email.utils.parseaddr(repeat.extra_headers["Message-ID"])[1]


def test_one_email_sent_on_its_own_is_composed_too(istog, travel):
    """The sweep and the single-email task deliver one at a time, without the batch step."""
    overdue_for_the_officer(istog, travel)
    assert services.deliver(OutgoingEmail.objects.get().pk)
    assert mail.outbox[0].subject == "Overdue by 2 days: Patrol the school road"
    assert "Due date: " in mail.outbox[0].body and "Choose what you receive" in mail.outbox[0].body


def test_the_words_are_the_reminders_even_when_the_due_date_moved_since(istog, travel):
    action = overdue_for_the_officer(istog, travel)
    FollowUpAction.objects.filter(pk=action.pk).update(due_date=date(2026, 12, 20))
    [sent] = send_outbox()
    assert sent.subject.startswith("Overdue by 2 days")
    assert "due on 20/11/2026" in sent.body and "20/12/2026" not in sent.body


def test_a_batch_is_composed_with_a_few_queries_whatever_its_size(istog, travel):
    for n in range(12):
        istog.police_action(due_date=DUE, assignee=istog.officer, title=f"Action {n}")
    travel(at(date(2026, 11, 22)))
    run_scan()
    ids = list(OutgoingEmail.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        services.compose_pending(ids)
    assert len(queries) <= 3  # the rows, their reminders with the actions, one UPDATE
    assert not OutgoingEmail.objects.filter(subject="").exists()


def test_in_app_list_composes_in_the_readers_language_with_the_same_queries(
    client, istog, travel, django_assert_max_num_queries
):
    officer = istog.officer.user
    istog.police_action(due_date=DUE, assignee=istog.officer, title="First")
    travel(at(date(2026, 11, 22)))
    run_scan()
    page = inbox_of(client, officer)
    assert "Overdue by 2 days: First" in page
    assert "Kasni 2 dana: First" in inbox_of(client, officer, "sr-latn")
    with django_assert_max_num_queries(40) as few:
        inbox_of(client, officer)
    for n in range(20):
        istog.police_action(due_date=DUE, assignee=istog.officer, title=f"More {n}")
    Reminder.objects.filter(kind="overdue").delete()
    run_scan()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = inbox_of(client, officer)
    assert "Overdue by 2 days: More 19" in page
    # Nothing is stored: the row keeps its link and read state.
    assert set(Notification.objects.values_list("title", flat=True)) == {""}


def test_api_gives_the_composed_words(client, istog, travel):
    action = overdue_for_the_officer(istog, travel)
    client.force_login(istog.officer.user)
    [item] = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert item["title"] == "Overdue by 2 days: Patrol the school road"
    assert f"/staff/actions/{action.pk}/" in item["body"]
    assert item["url"] == reverse("policing:detail", args=[action.pk])


def test_both_insert_paths_write_the_same_rows(istog, travel, monkeypatch):
    """PostgreSQL's arrays and the ``bulk_create`` path (SQLite: ``make run``'s demo)."""
    istog.police_action(due_date=DUE, assignee=istog.officer)
    istog.body_action(due_date=date(2026, 11, 10))

    def rows():
        return (
            sorted(Reminder.objects.values_list("action_id", "kind", "period", "days")),
            sorted(
                OutgoingEmail.objects.values_list(
                    "to", "subject", "language", "reminder__kind", "sent_at", "attempts"
                )
            ),
            sorted(Notification.objects.values_list("user_id", "title", "url", "reminder__kind")),
        )

    travel(at(date(2026, 11, 22)))
    run_scan()
    in_arrays = rows()
    assert len(in_arrays[1]) == 1 + 1 + 2  # officer, focal point, two co-chairs (escalation)
    Reminder.objects.all().delete()
    monkeypatch.setattr(bulk, "in_one_statement", lambda: False)
    run_scan()
    assert rows() == in_arrays
    assert OutgoingEmail.objects.values("message_id").distinct().count() == 4


def test_message_ids_stay_unique(istog, travel):
    overdue_for_the_officer(istog, travel)
    row = OutgoingEmail.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingEmail.objects.create(to="x@example.org", subject="x", message_id=row.message_id)


@pytest.mark.django_db(transaction=True)
def test_the_scans_asynchronous_commit_ends_with_its_transaction(istog, travel):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's synchronous_commit")
    overdue_for_the_officer(istog, travel)
    assert Reminder.objects.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


def test_the_collector_runs_again_after_a_scan_even_a_failed_one(istog, travel, monkeypatch):
    import gc

    from reminders import scan

    overdue_for_the_officer(istog, travel)
    assert gc.isenabled()
    monkeypatch.setattr(scan, "decide", lambda now: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_scan()
    assert gc.isenabled()


def test_an_action_the_reader_may_no_longer_open_is_not_named_in_their_list(client, istog, travel):
    """Escalated to the co-chairs, then its concern is put in a sensitive category: the
    deputy mayor's list, composed from the action as it is now, no longer gives its title."""
    from tests.factories import ConcernFactory

    concern = ConcernFactory(council=istog.council)
    istog.police_action(
        due_date=DUE,
        assignee=istog.officer,
        status="assigned",
        concern=concern,
        title="Visit the family in Banjë",
    )
    travel(at(date(2026, 11, 27), 0, 0))
    run_scan()
    assert "Visit the family in Banjë" in inbox_of(client, istog.deputy_mayor)
    concern.category = istog.sensitive_concern().category
    concern.save()
    page = inbox_of(client, istog.deputy_mayor)
    assert "Visit the family" not in page
    assert "A reminder about an action you can no longer open" in page
    # The officer it is assigned to still reads it.
    assert "Visit the family in Banjë" in inbox_of(client, istog.officer.user)
