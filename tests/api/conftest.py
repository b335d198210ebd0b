import pytest
from rest_framework.test import APIClient

from tests.api.world import build_world

REPORTER = {"name": "Arben Krasniqi", "phone": "+383 44 123 456", "email": "arben@example.org"}


@pytest.fixture
def world(db):
    """Istog and Peja, a council each; in Istog a concern with a reporter, a sensitive concern,
    an action, a held meeting with its agenda, attendance and a decision."""
    return build_world()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=None)
        client.force_login(user)
    return client


@pytest.fixture
def api():
    return client_for
