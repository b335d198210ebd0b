"""The REST API at /api/v1/: one versioned surface over concerns, councils, policing and
notifications.

It is an app of its own rather than ``<app>/api/`` modules because what it adds is shared by every
resource: the token model (a named django-rest-knox token), one JSON error shape, cursor
pagination, per-user throttles, the generic transition endpoints built from each app's
``TransitionSet`` and the schema. Reads start from the apps' policy querysets and writes call
their services; the API states no rule of its own.
"""
