"""Query counts of the API: a list costs the same at 2 rows a page as at 20; a detail, a
statistics read and a transition cost what is written here (a change is a decision: update the
number with the reason in the commit). ``bench/api_queries.py`` prints the whole table.

The transitions' counts are of the request: what they queue on commit (emails, in-app
notifications through the outbox) runs after the response and is not counted here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import client_for
from tests.api.endpoints import (
    LISTS,
    crowd,
    detail_calls,
    list_calls,
    statistics_calls,
    transition_calls,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20

DETAILS = {
    "GET /api/v1/categories/{id}/": 3,
    "GET /api/v1/municipalities/{id}/": 3,
    "GET /api/v1/settlements/{id}/": 3,
    "GET /api/v1/councils/{id}/": 7,
    "GET /api/v1/partner-bodies/{id}/": 7,
    "GET /api/v1/concerns/{id}/": 7,
    "GET /api/v1/meetings/{id}/": 7,
    "GET /api/v1/actions/{id}/": 8,
    "GET /api/v1/notifications/{id}/": 3,
    "POST /api/v1/notifications/{id}/read/": 4,
    "POST /api/v1/notifications/read-all/": 3,
    "POST /api/v1/concerns/{id}/reporter-identity/": 10,
}
STATISTICS = {
    "GET /api/v1/statistics/public/{code}/": 7,
    "GET /api/v1/statistics/councils/{id}/": 27,
    "GET /api/v1/statistics/national/": 28,
    "GET /api/v1/statistics/police/": 13,
    "GET /api/v1/statistics/partners/": 12,
}
TRANSITIONS = {
    "POST /api/v1/concerns/{id}/triage/": 27,
    "POST /api/v1/concerns/{id}/reclassify/": 23,
    "POST /api/v1/concerns/{id}/agenda/": 25,
    "POST /api/v1/concerns/{id}/resolve/": 28,
    "POST /api/v1/concerns/{id}/close/": 25,
    "POST /api/v1/concerns/{id}/reopen/": 32,
    "POST /api/v1/concerns/{id}/refer/": 22,
    "POST /api/v1/concerns/{id}/duplicate/": 30,
    "POST /api/v1/concerns/{id}/reject/": 26,
    "POST /api/v1/concerns/{id}/message/": 23,
    "POST /api/v1/concerns/{id}/resend_link/": 20,
    "POST /api/v1/concerns/{id}/note/": 19,
    "POST /api/v1/meetings/{id}/publish-agenda/": 31,
    "POST /api/v1/meetings/{id}/reschedule/": 17,
    "POST /api/v1/meetings/{id}/hold/": 23,
    "POST /api/v1/meetings/{id}/submit-minutes/": 15,
    "POST /api/v1/meetings/{id}/approve-minutes/": 19,
    "POST /api/v1/meetings/{id}/publish-minutes/": 15,
    "POST /api/v1/meetings/{id}/cancel/": 18,
    "POST /api/v1/actions/{id}/assign/": 18,
    "POST /api/v1/actions/{id}/start/": 17,
    "POST /api/v1/actions/{id}/progress/": 22,
    "POST /api/v1/actions/{id}/complete/": 19,
    "POST /api/v1/actions/{id}/verify/": 17,
    "POST /api/v1/actions/{id}/reopen/": 17,
    "POST /api/v1/actions/{id}/due-date/": 18,
    "POST /api/v1/actions/{id}/cancel/": 17,
}


def _count(call, page_size=None) -> int:
    client = client_for(call.user)  # the login's own queries are not the request's
    with CaptureQueriesContext(connection) as queries:
        if page_size is None:
            response = (
                client.get(call.path)
                if call.method == "GET"
                else client.post(call.path, call.body, format="json")
            )
        else:
            response = client.get(call.path, {"page_size": page_size})
    assert response.status_code == call.status, (call.label, response.content[:500])
    if page_size is not None:
        assert len(response.json()["results"]) == page_size, call.label
    return len(queries)


@pytest.mark.parametrize("template", LISTS)
def test_a_list_costs_the_same_queries_at_any_page_size(world, template):
    crowd(world, LARGE + 1)
    call = next(c for c in list_calls(world) if c.template == template)
    assert _count(call, SMALL) == _count(call, LARGE)


def test_every_endpoint_of_the_schema_is_counted(world):
    schema = client_for(world.secretary).get("/api/v1/schema/", {"format": "json"}).json()
    documented = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    }
    counted = {f"GET {t}" for t in LISTS} | set(DETAILS) | set(STATISTICS) | set(TRANSITIONS)
    assert documented == counted


def test_each_detail_costs_its_queries(world):
    counts = {call.label: _count(call) for call in detail_calls(world)}
    assert counts == DETAILS


def test_each_statistics_read_costs_its_queries_whatever_the_rows(world):
    calls = statistics_calls(world)
    assert {call.label: _count(call) for call in calls} == STATISTICS
    crowd(world, 12)
    assert {call.label: _count(call) for call in calls} == STATISTICS


def test_each_transition_costs_its_queries(world):
    counts = {call.label: _count(call) for call in transition_calls(world)}
    assert counts == TRANSITIONS
