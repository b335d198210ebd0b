"""Schemathesis against the API's own OpenAPI schema, through the WSGI app.

Every operation gets a bounded number of generated requests (fixed seed, so a CI run is
repeatable) as the Istog secretary with a token; the responses must never be a 5xx and must
conform to the schema: a documented status, the documented content type and body.

Bounded to stay a test of the suite (94 s before; 31 s measured at a load of 3.5 on two
cores, 19 s of it CPU): the fuzzing phase only, ``EXAMPLES`` requests per operation, no
shrinking (a failure is reported as found), and a deadline per request. The coverage phase
(every boundary value of every parameter, some 4 000 requests) is left to a run by hand::

    CSC_SCHEMATHESIS_COVERAGE=1 .venv/bin/pytest tests/api/test_schemathesis.py

Most generated ids name nothing (a 404 at once); so that bodies and filters reach real rows,
three requests in four are sent to the world's concern, meeting, action... of that resource
(and municipality code), the fourth keeps its generated one. Throttling is off: after the
1 200 requests an hour a user may make, every answer would be a 429.
"""

import os
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.services import create_token
from api.throttling import ApiAnonThrottle, ApiUserThrottle
from notifications.models import Notification

SEED = 20261201
EXAMPLES = 10
# Generous: the suite runs in parallel on shared machines; a request this slow is a bug anyway.
DEADLINE = timedelta(seconds=10)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FULL = os.environ.get("CSC_SCHEMATHESIS_COVERAGE", "") == "1"
CONFIG = {
    "seed": SEED,
    "generation": {"max-examples": EXAMPLES, "no-shrink": not FULL},
    "phases": {"examples": {"enabled": False}, "coverage": {"enabled": FULL}},
}


@pytest.fixture
def api_schema(world):
    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json",
            get_wsgi_application(),
            config=SchemathesisConfig.from_dict(CONFIG),
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(world):
    _token, text = create_token(world.secretary, name="schemathesis", days=30, by=world.secretary)
    return text


@pytest.fixture
def real_ids(world, monkeypatch):
    """The id of a row of each resource that the secretary can read."""
    monkeypatch.setattr(ApiUserThrottle, "allow_request", lambda self, request, view: True)
    monkeypatch.setattr(ApiAnonThrottle, "allow_request", lambda self, request, view: True)
    notification = Notification.objects.create(user=world.secretary, title="Agenda published")
    return {
        "categories": world.drugs.pk,
        "municipalities": world.istok.pk,
        "settlements": world.settlement.pk,
        "councils": world.council.pk,
        "partner-bodies": world.body.pk,
        "concerns": world.concern.pk,
        "meetings": world.meeting.pk,
        "actions": world.action.pk,
        "notifications": notification.pk,
        "statistics": world.council.pk,  # statistics/councils/{id}/
    }


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None if FULL else DEADLINE,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_request_as_its_schema_says(case, token, real_ids, world):
    generated = (case.path_parameters or {}).get("id")
    if generated is not None and str(generated).isdigit() and int(generated) % 4:
        resource = case.path.removeprefix("/api/v1/").split("/", 1)[0]
        case.path_parameters["id"] = real_ids[resource]
    code = (case.path_parameters or {}).get("code")
    if code is not None and str(code).isalpha() and len(str(code)) % 4:
        case.path_parameters["code"] = world.istok.code
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
