"""The commander's queue, the workload and "my actions" at scale: queries and response times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_actions.py [N]

Creates (once) a database ``$BENCH_DATABASE`` (default ``csc_bench_actions``) beside the one in
DATABASE_URL and fills it (``bench/fill.py``) to N follow-up actions (default 300 000) by
INSERT … SELECT over generate_series — not the ORM row by row: two municipalities, a station with a unit
under it and a second station, twelve officers, four partner bodies, statuses as a real
history has them (most verified or cancelled, a tenth still open), due dates over 18 months.
Then it requests each page 15 times and prints the query count and median / p95 time.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fill  # noqa: E402 — bench/ is not a package: found beside this file

ROUNDS = 15


# status, share in 1000
STATUSES = [
    ("verified", 600),
    ("cancelled", 100),
    ("completed", 50),
    ("open", 50),
    ("assigned", 80),
    ("in_progress", 100),
    ("reopened", 20),
]

FILL = """
WITH numbered AS (
    SELECT g,
           (g %% 1000) AS share,
           (g %% 10) < 6 AS in_istok,
           (g %% 7) < 5 AS police
      FROM generate_series(%(first)s, %(last)s) AS g
), drawn AS (
    SELECT g, in_istok, police, share FROM numbered
), shaped AS (
    SELECT g, in_istok, police,
           -- a partner body's action has no officer: it is never "assigned"
           CASE WHEN NOT police AND ((share >= 800 AND share < 880) OR share >= 980) THEN 'in_progress'
                ELSE CASE {status_case} END END AS status,
           now() - ((g %% 540) || ' days')::interval AS created
      FROM drawn
)
-- the columns: fill.ACTION_COLUMNS
SELECT 'Action ' || g, '',
       CASE WHEN in_istok THEN %(ist_council)s ELSE %(pej_council)s END,
       NULL, NULL,
       CASE WHEN NOT police THEN NULL
            WHEN in_istok THEN (ARRAY[%(ist_station)s, %(ist_unit)s])[1 + g %% 2]
            ELSE %(pej_station)s END,
       CASE WHEN police THEN NULL
            WHEN in_istok THEN (%(ist_bodies)s::bigint[])[1 + g %% 3]
            ELSE %(pej_body)s END,
       CASE WHEN NOT police OR status = 'open' THEN NULL
            WHEN in_istok THEN (%(ist_officers)s::bigint[])[1 + g %% 8]
            ELSE (%(pej_officers)s::bigint[])[1 + g %% 4] END,
       (created + ((g %% 60) || ' days')::interval)::date,
       (ARRAY['low', 'normal', 'high', 'urgent'])[1 + g %% 4],
       status, false, '',
       CASE WHEN status = 'cancelled' THEN 'bench' ELSE '' END,
       %(commander)s, created, created + interval '3 days',
       CASE WHEN status IN ('completed', 'verified') THEN created + interval '20 days' END,
       CASE WHEN status IN ('completed', 'verified') THEN %(commander)s END,
       CASE WHEN status = 'verified' THEN created + interval '25 days' END,
       CASE WHEN status = 'verified' THEN %(commander)s END
  FROM shaped
"""


def status_case() -> str:
    parts, upper = [], 0
    for status, share in STATUSES:
        upper += share
        parts.append(f"WHEN share < {upper} THEN '{status}'")
    return " ".join(parts)


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    fill.setup_django("bench/bench_actions.py", "csc_bench_actions", STATIC_MANIFEST="0")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from policing.models import FollowUpAction

    world = fill.World.create(pej_station_commanded=False)
    istok, peja = world.municipalities["IST"], world.municipalities["PEJ"]
    commander = world.commander
    ist_officers = fill.officers(world.ist_station, 4, "ist") + fill.officers(
        world.ist_unit, 4, "cpu"
    )
    pej_officers = fill.officers(world.pej_station, 4, "pej")
    ist_bodies = [fill.partner_body(istok, "Public services", "bench.focal")] + [
        fill.partner_body(istok, name) for name in ("Roads", "Education")
    ]
    pej_body = fill.partner_body(peja, "Public services")
    focal = fill.user("bench.focal")

    existing = FollowUpAction.objects.count()
    if target > existing:
        seconds = fill.insert_actions(
            FILL.format(status_case=status_case()),
            {
                **world.params(),
                "ist_bodies": [b.pk for b in ist_bodies],
                "pej_body": pej_body.pk,
                "ist_officers": [o.pk for o in ist_officers],
                "pej_officers": [o.pk for o in pej_officers],
            },
            first=existing + 1,
            last=target,
        )
        print(f"filled {target - existing} actions in {seconds:.1f}s")

    pages = [
        ("commander: queue", commander, "/staff/actions/queue/"),
        ("commander: workload", commander, "/staff/actions/workload/"),
        ("commander: workload by open", commander, "/staff/actions/workload/?sort=open"),
        ("commander: overdue list", commander, "/staff/actions/all/?bucket=overdue"),
        ("officer: my actions", ist_officers[0].user, "/staff/actions/mine/"),
        ("focal point: my actions", focal, "/staff/actions/mine/"),
    ]
    total = FollowUpAction.objects.count()
    active = FollowUpAction.objects.filter(status__in=FollowUpAction.ACTIVE_STATUSES).count()
    print(f"{total} actions in the database, {active} of them active")
    print(f"{'page':30} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
    for name, user, url in pages:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        client.get(url)  # warm the caches of this connection
        timings = []
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        print(
            f"{name:30} {len(queries):>7} {statistics.median(timings):>10.1f} "
            f"{timings[int(len(timings) * 0.95) - 1]:>8.1f} {len(response.content):>8}"
        )


if __name__ == "__main__":
    main()
