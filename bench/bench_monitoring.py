"""Each statistics page at 1 000 000 concerns and 300 000 follow-up actions on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_monitoring.py \\
        [--concerns 1000000] [--actions 300000] [--rounds 10] [--rebuild] [--slowest N] [--only NAME]

Creates (once, then kept) a database ``$BENCH_DATABASE`` (default ``csc_bench_monitoring``)
beside the one in DATABASE_URL, loads the demo and adds concerns with bench_pages.fill (one
INSERT … SELECT over generate_series; half of them Istog's), gives a third of them triage and
resolution dates (one UPDATE, triggers off), and adds actions the same way (a third linked to a concern, statuses and due dates as a
real history has them), then builds the monthly figures the pages read with the rebuild the
nightly check and ``manage.py rebuild_monitoring_figures`` use (again with ``--rebuild``; once
otherwise). Then each page is requested in-process with Django's test client,
``--rounds`` times after one warm-up, and the query count, median and p95 are printed with the
goal (p95 under 500 ms); ``--slowest N`` prints each page's N slowest queries. The pages show
their default period: the last six months.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GOAL_MS = 500

DATES_SQL = """
UPDATE concerns_concern SET
    triaged_at = CASE WHEN status <> 'new'
                      THEN created_at + ((id %% 97) * interval '1 hour') END,
    resolved_at = CASE WHEN status IN ('resolved', 'closed')
                       THEN created_at + ((5 + id %% 60) * interval '1 day') END,
    public_response = CASE WHEN status IN ('resolved', 'closed') AND id %% 3 > 0
                           THEN '{"sq": "Done."}'::jsonb ELSE '{}'::jsonb END
WHERE reference LIKE '%%-B-%%' AND triaged_at IS NULL AND status <> 'new' AND id %% 3 = 0
"""

ACTIONS_SQL = """
INSERT INTO policing_followupaction (
    title, description, council_id, concern_id, decision_id, responsible_unit_id,
    responsible_body_id, assignee_id, due_date, priority, status, is_public, public_summary,
    cancel_reason, created_by_id, created_at, updated_at, completed_at, completed_by_id,
    verified_at, verified_by_id)
SELECT 'Bench action ' || g, '', c.council_id,
       CASE WHEN g %% 3 = 0 THEN c.id END, NULL,
       CASE WHEN g %% 5 < 3 THEN (%(units)s::bigint[])[1 + g %% cardinality(%(units)s::bigint[])] END,
       CASE WHEN g %% 5 >= 3 THEN (%(bodies)s::bigint[])[1 + g %% cardinality(%(bodies)s::bigint[])] END,
       NULL,
       (c.created_at + ((10 + g %% 50) * interval '1 day'))::date,
       'normal', s.status, false, '',
       CASE WHEN s.status = 'cancelled' THEN 'bench' ELSE '' END,
       NULL, c.created_at + interval '2 days', c.created_at + interval '2 days',
       CASE WHEN s.status IN ('completed', 'verified') THEN c.created_at + ((5 + g %% 60) * interval '1 day') END,
       NULL,
       CASE WHEN s.status = 'verified' THEN c.created_at + ((8 + g %% 60) * interval '1 day') END,
       NULL
FROM generate_series(%(first)s, %(last)s) g
JOIN LATERAL (
    SELECT id, council_id, created_at FROM concerns_concern
    WHERE id = %(min_id)s + (g * 3) %% %(span)s
) c ON true
CROSS JOIN LATERAL (
    SELECT (ARRAY['verified', 'verified', 'verified', 'verified', 'verified', 'verified',
                  'cancelled', 'completed', 'open', 'in_progress'])[1 + (g / 7) %% 10] AS status
) s
"""


def bench_database_url() -> str:
    from bench.fill import bench_database_url as beside

    return beside("bench/bench_monitoring.py", "csc_bench_monitoring")


def fill_actions(target: int) -> float:
    from django.db import connection

    from concerns.models import Concern
    from policing.models import FollowUpAction, PartnerBody, PoliceUnit

    existing = FollowUpAction.objects.count()
    if existing >= target:
        return 0.0
    started = time.perf_counter()
    ids = Concern.objects.filter(reference__contains="-B-").order_by("id")
    min_id = ids.values_list("id", flat=True).first()
    max_id = ids.order_by("-id").values_list("id", flat=True).first()
    units = list(PoliceUnit.objects.filter(municipality__code="IST").values_list("pk", flat=True))
    bodies = list(PartnerBody.objects.filter(municipality__code="IST").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        missing = target - existing
        for start in range(1, missing + 1, 100_000):
            last = min(start + 100_000, missing + 1) - 1
            cursor.execute(
                ACTIONS_SQL,
                {
                    "first": start,
                    "last": last,
                    "units": units,
                    "bodies": bodies,
                    "min_id": min_id,
                    "span": max_id - min_id,
                },
            )
        cursor.execute("VACUUM ANALYZE policing_followupaction")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concerns", type=int, default=1_000_000)
    parser.add_argument("--actions", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the monthly figures")
    parser.add_argument(
        "--slowest", type=int, default=0, help="print each page's N slowest queries"
    )
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")  # seed_demo refuses to run without it
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import User
    from bench.pages.data import fill
    from councils.models import Council, Municipality

    setup_test_environment()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if not Municipality.objects.filter(code="IST").exists():
        call_command("seed_demo", "--force", verbosity=0)
    seconds = fill(args.concerns)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        # Without the search-vector trigger: the description does not change.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(DATES_SQL, {})
        cursor.execute("SET session_replication_role = DEFAULT")
        if cursor.rowcount:
            cursor.execute("VACUUM ANALYZE concerns_concern")
        seconds += time.perf_counter() - started
    seconds += fill_actions(args.actions)
    print(f"data ready ({seconds:.0f} s of filling this run)", flush=True)
    from monitoring.models import ActionMonth, ConcernMonth
    from monitoring.monthly import build

    if args.rebuild or not (ConcernMonth.objects.exists() and ActionMonth.objects.exists()):
        # The monthly figures the pages read, by the code that rebuilds them in production.
        started = time.perf_counter()
        read = build.rebuild()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE monitoring_concernmonth")
            cursor.execute("VACUUM ANALYZE monitoring_concernduration")
            cursor.execute("VACUUM ANALYZE monitoring_actionmonth")
        print(
            f"monthly figures rebuilt from {read:,} concerns in "
            f"{time.perf_counter() - started:.0f} s: {ConcernMonth.objects.count():,} concern and "
            f"{ActionMonth.objects.count():,} action rows",
            flush=True,
        )

    istog = Council.objects.get(municipality__code="IST", level=Council.Level.MUNICIPAL)
    pages = [
        (
            "council dashboard (co-chair)",
            "cochair.istok",
            f"/staff/statistics/councils/{istog.pk}/",
        ),
        (
            "council dashboard (secretary)",
            "secretary.istok",
            f"/staff/statistics/councils/{istog.pk}/",
        ),
        ("police dashboard (commander)", "commander.istok", "/staff/statistics/police/"),
        ("partner dashboard (focal point)", "focal.istok", "/staff/statistics/partners/"),
        ("national dashboard", "national", "/staff/statistics/national/"),
        ("public statistics, Istog", None, "/statistics/IST/"),
    ]
    from concerns.models import Concern
    from policing.models import FollowUpAction

    print(f"{Concern.objects.count():,} concerns, {FollowUpAction.objects.count():,} actions")
    print(f"{'page':36} {'queries':>7} {'median ms':>10} {'p95 ms':>8}  goal p95 < {GOAL_MS} ms")
    for name, username, path in pages:
        if args.only not in name:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        if username:
            client.force_login(User.objects.get(username=username))
        client.get(path)  # warm-up: the scope and the plans are cached as on a steady server
        timings = []
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{name}: {path} answered {response.status_code}")
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        verdict = "ok" if p95 < GOAL_MS else "OVER"
        print(
            f"{name:36} {len(captured):>7} {statistics.median(timings):>10.0f} {p95:>8.0f}  {verdict}",
            flush=True,
        )
        for query in sorted(captured, key=lambda q: -float(q["time"]))[: args.slowest]:
            print(f"    {float(query['time']) * 1000:8.0f} ms  {query['sql'][:300]}")


if __name__ == "__main__":
    main()
