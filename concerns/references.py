"""Concern references: ``IST-2026-00042`` — municipality code, year, sequence.

The sequence comes from a locked counter row per (municipality, year): unique under concurrent
inserts, never reused. A rolled-back submission gives its number back with the rollback; the
only gaps are from concerns deleted later, and those numbers are never handed out again.
"""

import base64
import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from concerns.models import Concern, ReferenceCounter
from councils.models import Municipality


def format_reference(code: str, year: int, number: int) -> str:
    return f"{code}-{year}-{number:05d}"


def next_reference(municipality: Municipality, *, year: int | None = None) -> str:
    """Take the next number for ``municipality``; call inside the transaction that saves it."""
    year = year or timezone.localdate().year
    with transaction.atomic():
        updated = ReferenceCounter.objects.filter(municipality=municipality, year=year).update(
            last_value=F("last_value") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(
                        municipality=municipality, year=year, last_value=1
                    )
            except IntegrityError:
                # Another transaction created the row first: take a number from it.
                ReferenceCounter.objects.filter(municipality=municipality, year=year).update(
                    last_value=F("last_value") + 1
                )
        number = ReferenceCounter.objects.get(municipality=municipality, year=year).last_value
    reference = format_reference(municipality.code, year, number)
    # A reference typed in by an administrator, or imported, must not collide: skip past it.
    if Concern.objects.filter(reference=reference).exists():
        return next_reference(municipality, year=year)
    return reference


def tracking_token_for(submission_key: uuid.UUID) -> str:
    """The citizen's secret for the tracking link, derived from the form's one-time key.

    Deriving it (rather than drawing it at random) lets a resubmitted form — a double click, a
    reload — show the same token again, and lets later emails carry the link. Only its hash is
    stored; without SECRET_KEY the key alone does not give the token.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), b"tracking:" + submission_key.bytes, hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")
