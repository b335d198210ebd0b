"""The page a locked-out sign-in gets (django-axes calls it), in the user's language."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def attempted_username(request, credentials=None) -> str:
    """The username axes records: cut to the column's size (a 300-character username from a
    fuzzer was a 500 on PostgreSQL)."""
    source = credentials or getattr(request, "POST", None) or {}
    return str(source.get("username") or "")[:150]
