"""A session engine whose writes fail, as when the database connection is cut after the
concern's commit (SESSION_ENGINE = "tests.concerns.failing_sessions")."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import OperationalError


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        raise OperationalError("server closed the connection unexpectedly")

    def create(self):
        raise OperationalError("server closed the connection unexpectedly")
