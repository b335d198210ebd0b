"""The query count of every API endpoint on a small fixture: the table the API note quotes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/api_queries.py

It creates a scratch test database (``test_<name>_api_queries``; SQLite in memory without
DATABASE_URL), builds the API tests' world (tests/api/world.py) with 21 rows in every list,
sends each call of tests/api/endpoints.py once, signed in as a user the policy allows, and
prints "endpoint → queries". Lists are read at 2 and at 20 rows a page. Everything runs in one
transaction that is rolled back, as in the tests: what a step queues on commit (emails,
notifications) is not counted. tests/api/test_query_counts.py asserts the same figures.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from rest_framework.test import APIClient  # noqa: E402

ROWS = 21
SMALL, LARGE = 2, 20


def measure(call, page_size=None) -> tuple[int, int]:
    client = APIClient()
    if call.user is not None:
        client.force_login(call.user)
    with CaptureQueriesContext(connection) as queries:
        if call.method == "GET":
            params = {"page_size": page_size} if page_size else {}
            response = client.get(call.path, params)
        else:
            response = client.post(call.path, call.body, format="json")
    return len(queries), response.status_code


def main() -> None:
    from tests.api.endpoints import (
        crowd,
        detail_calls,
        list_calls,
        statistics_calls,
        transition_calls,
    )
    from tests.api.world import build_world

    setup_test_environment()
    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})
    if database["ENGINE"].endswith("postgresql"):
        database["TEST"]["NAME"] = f"test_{database['NAME']}_api_queries"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rows = []
    try:
        with transaction.atomic():
            world = build_world()
            crowd(world, ROWS)
            for call in list_calls(world):
                small, status = measure(call, SMALL)
                large, _status = measure(call, LARGE)
                rows.append((call.label, f"{small} / {large}", status))
            for group in (detail_calls, statistics_calls, transition_calls):
                for call in group(world):
                    count, status = measure(call)
                    rows.append((call.label, str(count), status))
            transaction.set_rollback(True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    width = max(len(label) for label, _n, _s in rows)
    print(f"{'endpoint':{width}}  queries  status   (lists: at {SMALL} / {LARGE} rows a page)")
    for label, count, status in rows:
        print(f"{label:{width}}  {count:>7}  {status}")


if __name__ == "__main__":
    main()
