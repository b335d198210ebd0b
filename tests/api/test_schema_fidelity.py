"""The schema of every transition's body is the form the step really binds: the fields of the
form as built for a target (``__init__`` may drop or add some), required where the form
requires them. A form that drops a field in ``__init__`` must not be documented with it."""

import pytest
from django import forms
from django.test import RequestFactory

from api.transitions import _form_init_kwargs
from concerns.transitions import concern_transitions
from councils.models import Meeting
from councils.transitions import meeting_transitions
from policing.transitions import action_transitions
from tests.api.conftest import client_for
from tests.factories import FollowUpActionFactory, MeetingFactory
from transitions import VERSION_FIELD

pytestmark = pytest.mark.django_db

SETS = {
    "concerns": concern_transitions,
    "meetings": meeting_transitions,
    "actions": action_transitions,
}


@pytest.fixture
def schema(world):
    response = client_for(world.secretary).get("/api/v1/schema/", {"format": "json"})
    return response.json()


def _targets(world) -> dict:
    """Targets of each kind in the states that change a form: with and without a concern, a
    planned and a held meeting."""
    planned = MeetingFactory(council=world.council, status=Meeting.Status.PLANNED)
    loose = FollowUpActionFactory(council=world.council, concern=None, responsible_unit=world.unit)
    return {
        "concerns": ([world.concern], world.secretary),
        "meetings": ([world.meeting, planned], world.secretary),
        "actions": ([world.action, loose], world.commander),
    }


def _real_fields(transition, targets, user) -> tuple[set[str], set[str]]:
    """The fields a JSON body can fill, over the targets; and those every target requires."""
    seen, required = set(), None
    for target in targets:
        request = RequestFactory().post("/")
        request.user = user
        form = transition.form_class(**_form_init_kwargs(transition, target, request))
        names = {
            name
            for name, field in form.fields.items()
            if not isinstance(field, forms.FileField) and name != VERSION_FIELD
        }
        needed = {name for name in names if form.fields[name].required}
        seen |= names
        required = needed if required is None else required & needed
    return seen, required or set()


def _body(schema, path: str) -> dict:
    operation = schema["paths"][path]["post"]
    if "requestBody" not in operation:
        return {}  # nothing to send
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_every_transition_body_in_the_schema_is_its_forms_real_fields(world, schema):
    mismatches = []
    for prefix, (targets, user) in _targets(world).items():
        for transition in SETS[prefix]:
            seen, required = _real_fields(transition, targets, user)
            body = _body(schema, f"/api/v1/{prefix}/{{id}}/{transition.name}/")
            documented = set(body.get("properties", {})) - {"version"}
            documented_required = set(body.get("required", []))
            if documented != seen or documented_required != required:
                mismatches.append(
                    (prefix, transition.name, documented ^ seen, documented_required ^ required)
                )
    assert mismatches == []


def test_the_reschedule_body_has_no_meeting_type(schema):
    body = _body(schema, "/api/v1/meetings/{id}/reschedule/")
    assert set(body["properties"]) == {"day", "start", "place", "version"}
    assert set(body["required"]) == {"day", "start"}
