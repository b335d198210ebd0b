"""Concerns and what belongs to them, by topic; every name is importable from here."""

from concerns.models.category import Category
from concerns.models.concern import (
    OCCURRED_AT_AHEAD,
    OCCURRED_AT_EARLIEST,
    Channel,
    Concern,
    ConcernEvent,
    Priority,
    ReferenceCounter,
    hash_tracking_token,
    occurred_at_is_plausible,
)
from concerns.models.disclosure import IdentityDisclosure
from concerns.models.files import Attachment, StagedUpload, attachment_path, staged_upload_path
from concerns.models.safe_contact import SafeContact

__all__ = [
    "OCCURRED_AT_AHEAD",
    "OCCURRED_AT_EARLIEST",
    "Attachment",
    "Category",
    "Channel",
    "Concern",
    "ConcernEvent",
    "IdentityDisclosure",
    "Priority",
    "ReferenceCounter",
    "SafeContact",
    "StagedUpload",
    "attachment_path",
    "hash_tracking_token",
    "occurred_at_is_plausible",
    "staged_upload_path",
]
