"""The commander's queue, the workload and "my actions" at scale: queries and response times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_actions.py [N]

Creates (once) a database ``$BENCH_DATABASE`` (default ``csc_bench_actions``) beside the one in
DATABASE_URL and fills it to N follow-up actions (default 300 000) with one INSERT … SELECT
over generate_series — not the ORM row by row: two municipalities, a station with a unit
under it and a second station, twelve officers, four partner bodies, statuses as a real
history has them (most verified or cancelled, a tenth still open), due dates over 18 months.
Then it requests each page 15 times and prints the query count and median / p95 time.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 15


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/bench_actions.py needs DATABASE_URL pointing at PostgreSQL")
    name = os.environ.get("BENCH_DATABASE", "csc_bench_actions")
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
INSERT INTO policing_followupaction (
    title, description, council_id, concern_id, decision_id, responsible_unit_id,
    responsible_body_id, assignee_id, due_date, priority, status, is_public, public_summary,
    cancel_reason, created_by_id, created_at, updated_at, completed_at, completed_by_id,
    verified_at, verified_by_id
)
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
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from councils.models import Council, Municipality
    from policing.models import FocalPoint, FollowUpAction, Officer, PartnerBody, PoliceUnit

    call_command("migrate", verbosity=0)
    istok, _ = Municipality.objects.get_or_create(code="IST", defaults={"name": "Istog"})
    peja, _ = Municipality.objects.get_or_create(code="PEJ", defaults={"name": "Pejë"})
    councils = {
        m.code: Council.objects.get_or_create(
            level="municipal", municipality=m, defaults={"name": f"MCSC {m.name}"}
        )[0]
        for m in (istok, peja)
    }
    commander, _ = User.objects.get_or_create(username="bench.commander")
    ist_station, _ = PoliceUnit.objects.get_or_create(
        municipality=istok, name="Istog station", defaults={"commander": commander}
    )
    ist_unit, _ = PoliceUnit.objects.get_or_create(
        municipality=istok, name="Istog CPU", defaults={"parent": ist_station, "kind": "unit"}
    )
    pej_station, _ = PoliceUnit.objects.get_or_create(municipality=peja, name="Peja station")

    def officers(unit, count, prefix):
        found = []
        for n in range(count):
            user, _ = User.objects.get_or_create(username=f"bench.{prefix}{n}")
            found.append(Officer.objects.get_or_create(user=user, defaults={"unit": unit})[0])
        return found

    ist_officers = officers(ist_station, 4, "ist") + officers(ist_unit, 4, "cpu")
    pej_officers = officers(pej_station, 4, "pej")
    ist_bodies = [
        PartnerBody.objects.get_or_create(municipality=istok, name=name)[0]
        for name in ("Public services", "Roads", "Education")
    ]
    pej_body, _ = PartnerBody.objects.get_or_create(municipality=peja, name="Public services")
    focal, _ = User.objects.get_or_create(username="bench.focal")
    FocalPoint.objects.get_or_create(body=ist_bodies[0], user=focal)

    existing = FollowUpAction.objects.count()
    if target > existing:
        started = time.perf_counter()
        sql = FILL.format(status_case=status_case())
        step = 50_000
        with connection.cursor() as cursor:
            for first in range(existing + 1, target + 1, step):
                cursor.execute(
                    sql,
                    {
                        "first": first,
                        "last": min(first + step - 1, target),
                        "ist_council": councils["IST"].pk,
                        "pej_council": councils["PEJ"].pk,
                        "ist_station": ist_station.pk,
                        "ist_unit": ist_unit.pk,
                        "pej_station": pej_station.pk,
                        "ist_bodies": [b.pk for b in ist_bodies],
                        "pej_body": pej_body.pk,
                        "ist_officers": [o.pk for o in ist_officers],
                        "pej_officers": [o.pk for o in pej_officers],
                        "commander": commander.pk,
                    },
                )
            cursor.execute("ANALYZE policing_followupaction")
        print(f"filled {target - existing} actions in {time.perf_counter() - started:.1f}s")

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
