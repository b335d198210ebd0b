"""The inbox's queries on PostgreSQL read the indexes meant for them, so they stay flat however
many concerns a council holds: checked with EXPLAIN over a few thousand rows copied in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerns.models import Concern
from tests.factories import ConcernFactory, CouncilFactory, MunicipalityFactory, secretary_of

# Committed rows, so VACUUM can mark them visible as autovacuum does on a live database (an
# index-only scan needs the visibility map).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("postgres")]

STATUSES = ["new", "triaged", "on_agenda", "in_action", "resolved", "closed", "closed", "rejected"]


def copy_concern(concern: Concern, count: int) -> None:
    """``count`` copies of ``concern`` with their own reference, key, status and date."""
    override = {
        "reference": "c.reference || '-' || g",
        "submission_key": "md5(c.reference || g)::uuid",
        "status": f"(ARRAY{STATUSES!r})[1 + g %% {len(STATUSES)}]",
        "rejection_reason": '\'{"sq": "Outside the remit."}\'::jsonb',
        "created_at": "c.created_at - g * interval '1 hour'",
        "search_vector": "NULL",
    }
    columns = [f.column for f in Concern._meta.concrete_fields if f.column != "id"]
    values = [override.get(column, f"c.{column}") for column in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO concerns_concern ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM concerns_concern c, generate_series(1, %s) g "
            "WHERE c.id = %s",
            [count, concern.pk],
        )
        cursor.execute("VACUUM ANALYZE concerns_concern")


@pytest.fixture
def crowded_inbox(client):
    council = CouncilFactory(municipality=MunicipalityFactory(code="IST"))
    other = CouncilFactory(municipality=MunicipalityFactory(code="PEJ"))
    copy_concern(ConcernFactory(council=council, description="lights out on the bridge"), 6000)
    copy_concern(ConcernFactory(council=other, description="stray dogs near the school"), 6000)
    client.force_login(secretary_of(council))
    return client


def plans_of(client, params: dict) -> list[str]:
    """EXPLAIN of every query on concerns the inbox page runs with ``params``."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("concerns:inbox"), params)
    assert response.status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if 'FROM "concerns_concern"' not in sql or not sql.lstrip().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_the_open_ones_are_counted_and_paged_from_the_partial_index(crowded_inbox):
    count, rows = plans_of(crowded_inbox, {"status": "open"})

    # From an index of the council's open rows (the partial one, or the council-status one:
    # the planner takes either), never the table.
    assert "Index Only Scan" in count and "council_id = " in count
    assert "Seq Scan" not in count and "Sort" not in count
    assert "Index Scan using concern_open_by_council" in rows
    assert "Sort" not in rows.split("SubPlan")[0]  # the index gives the list's order


def test_a_secretarys_count_does_not_join_the_categories(crowded_inbox):
    """The secretary reads every concern of their council: no category condition to join."""
    count, _rows = plans_of(crowded_inbox, {})

    assert "concerns_category" not in count
    assert "Index Only Scan" in count


@pytest.mark.django_db(transaction=False)
def test_the_partial_index_holds_the_open_statuses():
    (index,) = [i for i in Concern._meta.indexes if i.name == "concern_open_by_council"]

    assert sorted(dict(index.condition.children)["status__in"]) == sorted(Concern.OPEN_STATUSES)
