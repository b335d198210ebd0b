"""drf-spectacular hooks: the schema describes /api/v1/ only (Open311 documents its own)."""


def only_api_paths(endpoints):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
