"""The reminder scan at scale, and emails per second through one real worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_reminders.py \
        [--open 100000] [--due 10000] [--worker-seconds 30]

Creates (once) a database ``$BENCH_DATABASE`` (default ``csc_bench_reminders``) beside the one
in DATABASE_URL and fills it (``bench/fill.py``) with ``--open`` active actions by INSERT …
SELECT over generate_series (two councils, a station with a unit under it, eight officers,
two partner bodies with a focal point each), of which ``--due`` are inside a reminder window: a fifth due
within two days, the rest overdue by 1 to 30 days (so many also escalate). The others are due
in 3 to 400 days. Every run starts from no reminder rows.

Printed:
1. the first scan (everything due is new): seconds, and the CPU seconds of this process and
   of its PostgreSQL backend (wall time stretches on a shared machine; CPU time much less),
   SQL queries, reminders decided, emails and in-app notifications written — all in one
   transaction. The process is warmed first as a running worker is (URLs loaded, broker
   connection open);
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fill  # noqa: E402 — bench/ is not a package: found beside this file

# g <= due: inside a window (g % 5 = 0: due within 0-2 days, else overdue by 1-30 days);
# others due in 3-400 days. Police for 5 in 7, a partner body otherwise.
FILL = """
-- the columns: fill.ACTION_COLUMNS
SELECT 'Bench action ' || g, '',
       CASE WHEN g %% 2 = 0 THEN %(ist_council)s ELSE %(pej_council)s END,
       NULL, NULL,
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
       false, '', '', %(commander)s, now(), now(), NULL, NULL, NULL, NULL
  FROM generate_series(%(first)s, %(last)s) AS g
"""


def _backend_cpu(connection):
    """The CPU seconds the PostgreSQL backend serving ``connection`` has used, when it runs on
    this machine (read from /proc); else None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    stat = Path(f"/proc/{pid}/stat")
    tick = os.sysconf("SC_CLK_TCK")

    def seconds():
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / tick

    return seconds if seconds() is not None else (lambda: None)


class Timer:
    """Wall seconds, and the CPU seconds of this process and of its database backend: on a
    machine shared with other work, wall time stretches; CPU time much less."""

    def __init__(self, backend):
        self.backend = backend

    def __enter__(self):
        self.wall, self.cpu, self.db = time.perf_counter(), time.process_time(), self.backend()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        db = self.backend()
        self.db = None if db is None else db - self.db

    def __str__(self):
        db = f" + PostgreSQL {self.db:.2f}s" if self.db is not None else ""
        return f"{self.wall:.2f}s (CPU: Python {self.cpu:.2f}s{db})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--worker-seconds", type=float, default=30)
    args, _unknown = parser.parse_known_args()

    fill.setup_django("bench/bench_reminders.py", "csc_bench_reminders")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from notifications.models import Notification, OutgoingEmail
    from notifications.tasks import send_outgoing_emails
    from policing.models import FollowUpAction
    from reminders.scan import run_scan
    from tests.resilience import use_broker
    from tests.workers import celery_worker, redis_server

    world = fill.World.create(pej_station_commanded=True)
    bodies = {
        code: fill.partner_body(
            world.municipalities[code], "Public services", f"bench.focal.{code}"
        )
        for code in ("IST", "PEJ")
    }
    params = {
        **world.params(),
        "ist_body": bodies["IST"].pk,
        "pej_body": bodies["PEJ"].pk,
        "ist_officers": [o.pk for o in fill.officers(world.ist_station, 4, "ist")],
        "pej_officers": [o.pk for o in fill.officers(world.pej_station, 4, "pej")],
        "due": args.due,
    }
    with connection.cursor() as cursor:
        # A fresh start each run: the same actions, dated from today, and no reminder yet.
        cursor.execute(
            "TRUNCATE reminders_reminder, notifications_outgoingemail, "
            "notifications_notification, policing_followupaction CASCADE"
        )
    seconds = fill.insert_actions(FILL, params, first=1, last=args.open)
    print(
        f"filled {FollowUpAction.objects.count()} active actions "
        f"({args.due} inside a reminder window) in {seconds:.1f}s"
    )
    backend = _backend_cpu(connection)

    with tempfile.TemporaryDirectory() as scratch, redis_server() as redis:
        mail = Path(scratch) / "mail"
        mail.mkdir()
        use_broker(redis.url)

        # The scan runs in a long-lived worker: its URLs are loaded and its broker connection
        # is open by the time beat asks. A fresh process pays about a second for both once.
        reverse("policing:detail", args=[1])
        send_outgoing_emails.delay([])
        with CaptureQueriesContext(connection) as queries, Timer(backend) as first:
            result = run_scan()
        emails = OutgoingEmail.objects.count()
        print(
            f"first scan: {first}, {len(queries)} queries "
            "(incl. handing the emails to Redis after commit); "
            f"{len(result.decided)} reminders {result.counts()}, {emails} emails, "
            f"{Notification.objects.count()} in-app notifications"
        )
        with CaptureQueriesContext(connection) as queries, Timer(backend) as second:
            again = run_scan()
        print(
            f"second scan (nothing new): {second}, {len(queries)} queries, "
            f"{len(again.decided)} reminders"
        )
        print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")

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
