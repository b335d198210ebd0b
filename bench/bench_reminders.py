"""The reminder scan at scale, and emails per second through one real worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_reminders.py \
        [--open 100000] [--due 10000] [--worker-seconds 30]

Creates (once) a database ``$BENCH_DATABASE`` (default ``csc_bench_reminders``) beside the one
in DATABASE_URL and fills it with ``--open`` active actions by one INSERT … SELECT over
generate_series (two councils, a station with a unit under it, eight officers, two partner
bodies with a focal point each), of which ``--due`` are inside a reminder window: a fifth due
within two days, the rest overdue by 1 to 30 days (so many also escalate). The others are due
in 3 to 400 days. Every run starts from no reminder rows.

Printed:
1. the first scan (everything due is new): seconds and SQL queries, reminders decided, emails
   and in-app notifications written — all in one transaction;
2. the same scan again (nothing new: the steady state beat runs every 30 s);
3. one real ``celery worker`` (solo pool, file email backend) on a private redis-server:
   emails sent per second over at most ``--worker-seconds``.

Needs PostgreSQL and the redis-server program; it never touches a shared Redis.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/bench_reminders.py needs DATABASE_URL pointing at PostgreSQL")
    name = os.environ.get("BENCH_DATABASE", "csc_bench_reminders")
    parsed = urlparse(url)
    import psycopg2

    connection = psycopg2.connect(urlunparse(parsed._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return urlunparse(parsed._replace(path=f"/{name}"))


# g <= due: inside a window (g % 5 = 0: due within 0-2 days, else overdue by 1-30 days);
# others due in 3-400 days. Police for 5 in 7, a partner body otherwise.
FILL = """
INSERT INTO policing_followupaction (
    title, description, council_id, responsible_unit_id, responsible_body_id, assignee_id,
    due_date, priority, status, is_public, public_summary, cancel_reason, created_by_id,
    created_at, updated_at
)
SELECT 'Bench action ' || g, '',
       CASE WHEN g %% 2 = 0 THEN %(ist_council)s ELSE %(pej_council)s END,
       CASE WHEN g %% 7 >= 5 THEN NULL
            WHEN g %% 2 = 0 THEN (ARRAY[%(ist_station)s, %(ist_unit)s])[1 + g %% 2]
            ELSE %(pej_station)s END,
       CASE WHEN g %% 7 < 5 THEN NULL
            WHEN g %% 2 = 0 THEN %(ist_body)s ELSE %(pej_body)s END,
       CASE WHEN g %% 7 >= 5 OR g %% 3 = 0 THEN NULL
            WHEN g %% 2 = 0 THEN (%(ist_officers)s::bigint[])[1 + g %% 4]
            ELSE (%(pej_officers)s::bigint[])[1 + g %% 4] END,
       CASE WHEN g > %(due)s THEN current_date + (3 + g %% 398)
            WHEN g %% 5 = 0 THEN current_date + (g %% 3)
            ELSE current_date - (1 + g %% 30) END,
       'normal',
       CASE WHEN g %% 7 >= 5 OR g %% 3 = 0 THEN 'open' ELSE 'assigned' END,
       false, '', '', %(commander)s, now(), now()
  FROM generate_series(%(first)s, %(last)s) AS g
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--worker-seconds", type=float, default=30)
    args, _unknown = parser.parse_known_args()

    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from councils.models import Council, Municipality
    from notifications.models import Notification, OutgoingEmail
    from policing.models import FocalPoint, FollowUpAction, Officer, PartnerBody, PoliceUnit
    from django.urls import reverse

    from notifications.tasks import send_outgoing_emails
    from reminders.scan import run_scan
    from tests.resilience import use_broker
    from tests.workers import celery_worker, redis_server

    call_command("migrate", verbosity=0)
    places = {}
    for code, name in (("IST", "Istog"), ("PEJ", "Pejë")):
        municipality, _ = Municipality.objects.get_or_create(code=code, defaults={"name": name})
        council, _ = Council.objects.get_or_create(
            level="municipal", municipality=municipality, defaults={"name": f"MCSC {name}"}
        )
        places[code] = (municipality, council)
    commander, _ = User.objects.get_or_create(
        username="bench.commander", defaults={"email": "bench.commander@example.org"}
    )
    ist_station, _ = PoliceUnit.objects.get_or_create(
        municipality=places["IST"][0], name="Istog station", defaults={"commander": commander}
    )
    ist_unit, _ = PoliceUnit.objects.get_or_create(
        municipality=places["IST"][0], name="Istog CPU", defaults={"parent": ist_station}
    )
    pej_station, _ = PoliceUnit.objects.get_or_create(
        municipality=places["PEJ"][0], name="Peja station", defaults={"commander": commander}
    )

    def officers(unit, prefix):
        found = []
        for n in range(4):
            user, _ = User.objects.get_or_create(
                username=f"bench.{prefix}{n}", defaults={"email": f"{prefix}{n}@example.org"}
            )
            found.append(Officer.objects.get_or_create(user=user, defaults={"unit": unit})[0])
        return found

    bodies = {}
    for code in ("IST", "PEJ"):
        body, _ = PartnerBody.objects.get_or_create(
            municipality=places[code][0], name="Public services"
        )
        focal, _ = User.objects.get_or_create(
            username=f"bench.focal.{code}", defaults={"email": f"focal.{code}@example.org"}
        )
        FocalPoint.objects.get_or_create(body=body, user=focal)
        bodies[code] = body
    params = {
        "ist_council": places["IST"][1].pk,
        "pej_council": places["PEJ"][1].pk,
        "ist_station": ist_station.pk,
        "ist_unit": ist_unit.pk,
        "pej_station": pej_station.pk,
        "ist_body": bodies["IST"].pk,
        "pej_body": bodies["PEJ"].pk,
        "ist_officers": [o.pk for o in officers(ist_station, "ist")],
        "pej_officers": [o.pk for o in officers(pej_station, "pej")],
        "commander": commander.pk,
        "due": args.due,
    }
    with connection.cursor() as cursor:
        # A fresh start each run: the same actions, dated from today, and no reminder yet.
        cursor.execute(
            "TRUNCATE reminders_reminder, notifications_outgoingemail, "
            "notifications_notification, policing_followupaction CASCADE"
        )
        started = time.perf_counter()
        step = 50_000
        for first in range(1, args.open + 1, step):
            cursor.execute(
                FILL, {**params, "first": first, "last": min(first + step - 1, args.open)}
            )
        cursor.execute("ANALYZE policing_followupaction")
    print(
        f"filled {FollowUpAction.objects.count()} active actions "
        f"({args.due} inside a reminder window) in {time.perf_counter() - started:.1f}s"
    )

    with tempfile.TemporaryDirectory() as scratch, redis_server() as redis:
        mail = Path(scratch) / "mail"
        mail.mkdir()
        use_broker(redis.url)

        # The scan runs in a long-lived worker: its URLs are loaded and its broker connection
        # is open by the time beat asks. A fresh process pays about a second for both once.
        reverse("policing:detail", args=[1])
        send_outgoing_emails.delay([])
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = run_scan()
            first_seconds = time.perf_counter() - started
        emails = OutgoingEmail.objects.count()
        print(
            f"first scan: {first_seconds:.2f}s, {len(queries)} queries "
            "(incl. handing the emails to Redis after commit); "
            f"{len(result.decided)} reminders {result.counts()}, {emails} emails, "
            f"{Notification.objects.count()} in-app notifications"
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            again = run_scan()
            second_seconds = time.perf_counter() - started
        print(
            f"second scan (nothing new): {second_seconds:.2f}s, {len(queries)} queries, "
            f"{len(again.decided)} reminders"
        )

        with celery_worker(redis_url=redis.url, email_dir=mail, extra_env={"LOG_LEVEL": "WARNING"}):
            started = time.perf_counter()
            deadline = started + args.worker_seconds
            sent = 0
            while time.perf_counter() < deadline:
                sent = OutgoingEmail.objects.filter(sent_at__isnull=False).count()
                if sent == emails:
                    break
                time.sleep(0.5)
            seconds = time.perf_counter() - started
        print(
            f"one worker (solo pool, file backend): {sent} of {emails} emails in {seconds:.1f}s "
            f"= {sent / seconds:.0f} emails/s (includes the worker's start-up)"
        )


if __name__ == "__main__":
    main()
