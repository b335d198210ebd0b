"""What the benches share to fill a PostgreSQL database with follow-up actions at scale.

- ``bench_database_url``: a database of the bench's own beside the one in DATABASE_URL,
  created once (``$BENCH_DATABASE`` names it);
- ``setup_django``: settings for a bench run, then ``migrate``;
- ``World.create``: two municipalities (Istog, Pejë) with a council each, a commander, a
  station in each with a unit under Istog's, officers and partner bodies with focal points;
- ``insert_actions``: actions by ``INSERT … SELECT`` over ``generate_series`` in steps of
  50 000 (not the ORM row by row), then ANALYZE. Each bench writes the SELECT that shapes its
  actions (statuses, due dates): the columns are ``ACTION_COLUMNS``.
"""

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ACTION_COLUMNS = (
    "title",
    "description",
    "council_id",
    "concern_id",
    "decision_id",
    "responsible_unit_id",
    "responsible_body_id",
    "assignee_id",
    "due_date",
    "priority",
    "status",
    "is_public",
    "public_summary",
    "cancel_reason",
    "created_by_id",
    "created_at",
    "updated_at",
    "completed_at",
    "completed_by_id",
    "verified_at",
    "verified_by_id",
)
STEP = 50_000


def bench_database_url(script: str, default_name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(f"{script} needs DATABASE_URL pointing at PostgreSQL")
    name = os.environ.get("BENCH_DATABASE", default_name)
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


def setup_django(script: str, default_name: str, **environ: str) -> None:
    """Point Django at the bench's database, set it up and migrate it."""
    os.environ["DATABASE_URL"] = bench_database_url(script, default_name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    for key, value in environ.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def user(username: str):
    from accounts.models import User

    return User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )[0]


def officers(unit, count: int, prefix: str) -> list:
    from policing.models import Officer

    return [
        Officer.objects.get_or_create(user=user(f"bench.{prefix}{n}"), defaults={"unit": unit})[0]
        for n in range(count)
    ]


def partner_body(municipality, name: str, focal_username: str | None = None):
    from policing.models import FocalPoint, PartnerBody

    body, _ = PartnerBody.objects.get_or_create(municipality=municipality, name=name)
    if focal_username:
        FocalPoint.objects.get_or_create(body=body, user=user(focal_username))
    return body


@dataclass
class World:
    """The places and people the bench actions belong to (created once, found after)."""

    municipalities: dict
    councils: dict
    commander: object
    ist_station: object
    ist_unit: object
    pej_station: object
    extra: dict = field(default_factory=dict)

    @classmethod
    def create(cls, *, pej_station_commanded: bool) -> "World":
        from councils.models import Council, Municipality
        from policing.models import PoliceUnit

        municipalities, councils = {}, {}
        for code, name in (("IST", "Istog"), ("PEJ", "Pejë")):
            municipality, _ = Municipality.objects.get_or_create(code=code, defaults={"name": name})
            municipalities[code] = municipality
            councils[code] = Council.objects.get_or_create(
                level="municipal", municipality=municipality, defaults={"name": f"MCSC {name}"}
            )[0]
        commander = user("bench.commander")
        ist_station, _ = PoliceUnit.objects.get_or_create(
            municipality=municipalities["IST"],
            name="Istog station",
            defaults={"commander": commander},
        )
        ist_unit, _ = PoliceUnit.objects.get_or_create(
            municipality=municipalities["IST"],
            name="Istog CPU",
            defaults={"parent": ist_station, "kind": "unit"},
        )
        pej_station, _ = PoliceUnit.objects.get_or_create(
            municipality=municipalities["PEJ"],
            name="Peja station",
            defaults={"commander": commander if pej_station_commanded else None},
        )
        return cls(municipalities, councils, commander, ist_station, ist_unit, pej_station)

    def params(self) -> dict:
        """The ids a bench's SELECT refers to as %(name)s."""
        return {
            "ist_council": self.councils["IST"].pk,
            "pej_council": self.councils["PEJ"].pk,
            "ist_station": self.ist_station.pk,
            "ist_unit": self.ist_unit.pk,
            "pej_station": self.pej_station.pk,
            "commander": self.commander.pk,
        }


def insert_actions(select_sql: str, params: dict, *, first: int, last: int) -> float:
    """Insert actions ``first``..``last`` (the SELECT reads ``g`` from generate_series between
    %(first)s and %(last)s); returns the seconds it took, ANALYZE included."""
    from django.db import connection

    started = time.perf_counter()
    sql = f"INSERT INTO policing_followupaction ({', '.join(ACTION_COLUMNS)}) {select_sql}"
    with connection.cursor() as cursor:
        for start in range(first, last + 1, STEP):
            cursor.execute(sql, {**params, "first": start, "last": min(start + STEP - 1, last)})
        cursor.execute("ANALYZE policing_followupaction")
    return time.perf_counter() - started
