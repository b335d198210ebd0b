"""The reminder log on the action page and in the admin."""

from datetime import date

import pytest
from django.urls import reverse

from reminders.scan import run_scan
from tests.reminders.conftest import at

pytestmark = pytest.mark.django_db


def test_action_page_shows_its_reminders_and_who_got_them(client, istog, travel):
    action = istog.police_action(due_date=date(2026, 11, 20), assignee=istog.officer)
    travel(at(date(2026, 11, 28)))
    run_scan()
    client.force_login(istog.commander)
    page = client.get(reverse("policing:detail", args=[action.pk])).content.decode()
    assert 'id="reminder-log"' in page
    assert 'data-reminder-kind="escalation"' in page and 'data-reminder-kind="overdue"' in page
    assert istog.deputy_mayor.get_full_name() in page
    assert "0 / 3" in page  # three escalation emails queued, not sent yet (no commit here)


def test_action_page_queries_do_not_grow_with_reminders(
    client, istog, travel, django_assert_max_num_queries
):
    action = istog.police_action(due_date=date(2026, 11, 20), assignee=istog.officer)
    client.force_login(istog.commander)
    url = reverse("policing:detail", args=[action.pk])
    travel(at(date(2026, 11, 21)))
    run_scan()
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for day in (24, 27, 30):
        travel(at(date(2026, 11, day)))
        run_scan()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("data-reminder-kind=") == 5


def test_admin_shows_the_log_on_the_action_and_the_reminder_list(admin_client, istog, travel):
    action = istog.police_action(due_date=date(2026, 11, 20), assignee=istog.officer)
    travel(at(date(2026, 11, 21)))
    run_scan()
    page = admin_client.get(
        reverse("admin:policing_followupaction_change", args=[action.pk])
    ).content.decode()
    assert "reminder log" in page.lower() and "2026-11-20/1" in page
    listing = admin_client.get(reverse("admin:reminders_reminder_changelist")).content.decode()
    assert "2026-11-20/1" in listing and "0/1" in listing
