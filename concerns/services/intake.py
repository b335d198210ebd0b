"""A new concern: from the public form, Open311 or staff entering one for a resident."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerns import policies, tracking_codes
from concerns.attachments import CheckedUpload
from concerns.models import (
    Attachment,
    Category,
    Channel,
    Concern,
    ConcernEvent,
    hash_tracking_token,
    occurred_at_is_plausible,
)
from concerns.references import next_reference, tracking_token_for
from concerns.services.events import queue_reporter_email
from concerns.services.identity import SafeContactWishes, record_safe_contact
from councils.models import Council, Municipality, Settlement

Status = Concern.Status


@dataclass(frozen=True)
class Submission:
    """What a resident (or staff on their behalf) tells us."""

    municipality: Municipality
    category: Category
    description: str
    channel: str = Channel.WEB
    language: str = "en"
    settlement: Settlement | None = None
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    occurred_at: datetime | None = None
    is_anonymous: bool = False
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    consent_to_contact: bool = False
    safe_contact: SafeContactWishes | None = None
    council: Council | None = None

    @classmethod
    def from_form(cls, data: dict, **overrides) -> "Submission":
        """From a ConcernForm's cleaned_data (the public form and the staff form alike)."""
        fields = {
            name: data[name]
            for name in (
                "municipality",
                "category",
                "description",
                "settlement",
                "address",
                "latitude",
                "longitude",
                "occurred_at",
                "is_anonymous",
                "reporter_name",
                "reporter_phone",
                "reporter_email",
                "consent_to_contact",
            )
        }
        fields["safe_contact"] = SafeContactWishes(
            channels=frozenset(data.get("safe_channels") or ()),
            organisation=data.get("safe_organisation", ""),
            times=data.get("safe_times", ""),
            no_messages=bool(data.get("safe_no_messages")),
        )
        return cls(**{**fields, **overrides})


@dataclass(frozen=True)
class Receipt:
    concern: Concern
    tracking_token: str
    created: bool  # False when a resubmitted form returned the first concern
    tracking_code: str = ""  # grouped, "K7QM-3ZTD-9WXA"

    @classmethod
    def of(cls, concern: Concern, submission_key: uuid.UUID, *, created: bool) -> "Receipt":
        return cls(
            concern,
            tracking_token_for(submission_key),
            created,
            tracking_codes.grouped(tracking_codes.code_for_key(submission_key)),
        )


def responsible_council(municipality: Municipality, settlement: Settlement | None) -> Council:
    """The local council covering the settlement if there is one, else the municipal council."""
    if settlement is not None:
        local = (
            Council.objects.filter(
                level=Council.Level.LOCAL, is_active=True, settlements=settlement
            )
            .order_by("id")
            .first()
        )
        if local:
            return local
    council = (
        Council.objects.filter(
            level=Council.Level.MUNICIPAL, municipality=municipality, is_active=True
        )
        .order_by("id")
        .first()
    )
    if council is None:
        raise ValidationError(
            {"municipality": _("This municipality has no active council to receive concerns.")}
        )
    return council


def submit_concern(
    submission: Submission,
    *,
    uploads: list[CheckedUpload] = (),
    by=None,
    submission_key: uuid.UUID | None = None,
) -> Receipt:
    """Save a new concern with its reference, tracking token, attachments and first event.

    ``submission_key`` comes from the form: a second POST of the same form (double click,
    back button) returns the first concern instead of creating another.
    """
    submission_key = submission_key or uuid.uuid4()
    token = tracking_token_for(submission_key)
    code = tracking_codes.code_for_key(submission_key)
    existing = Concern.objects.filter(submission_key=submission_key).first()
    if existing:
        return Receipt.of(existing, submission_key, created=False)
    if by is not None and submission.channel != Channel.WEB:
        council = submission.council or responsible_council(
            submission.municipality, submission.settlement
        )
        if not policies.can_enter_concern_for(by, council.pk):
            raise PermissionDenied(_("You may not enter concerns for this council."))
        if council.municipality_id != submission.municipality.pk:
            raise ValidationError(
                {"municipality": _("The council does not serve this municipality.")}
            )
    else:
        council = responsible_council(submission.municipality, submission.settlement)
    if submission.occurred_at is not None and not occurred_at_is_plausible(
        submission.occurred_at, now=timezone.now()
    ):
        raise ValidationError(
            {"occurred_on": _("Please check the date: it cannot be before 1900 or in the future.")}
        )
    if (
        submission.settlement
        and submission.settlement.municipality_id != submission.municipality.pk
    ):
        raise ValidationError({"settlement": _("This place is not in the chosen municipality.")})

    anonymous = submission.is_anonymous
    if not anonymous and submission.safe_contact is not None:
        submission.safe_contact.check(
            phone=submission.reporter_phone, email=submission.reporter_email
        )
    stored_files: list = []
    try:
        with transaction.atomic():
            concern = Concern.objects.create(
                reference=next_reference(submission.municipality),
                tracking_token_hash=hash_tracking_token(token),
                tracking_code_hash=tracking_codes.hash_code(code),
                municipality=submission.municipality,
                council=council,
                category=submission.category,
                description=submission.description.strip(),
                occurred_at=submission.occurred_at,
                settlement=submission.settlement,
                address=submission.address.strip(),
                latitude=submission.latitude,
                longitude=submission.longitude,
                channel=submission.channel,
                language=submission.language,
                is_anonymous=anonymous,
                reporter_name="" if anonymous else submission.reporter_name.strip(),
                reporter_phone="" if anonymous else submission.reporter_phone.strip(),
                reporter_email="" if anonymous else submission.reporter_email.strip(),
                consent_to_contact=False if anonymous else submission.consent_to_contact,
                submission_key=submission_key,
                entered_by=by,
            )
            record_safe_contact(concern, submission.safe_contact)
            for upload in uploads:
                attachment = Attachment.objects.create(
                    concern=concern,
                    file=upload.as_file(),
                    content_type=upload.content_type,
                    size=upload.size,
                    original_name=upload.original_name[:200],
                    sha256=upload.sha256,
                    uploaded_by=by,
                )
                stored_files.append(attachment.file)
            ConcernEvent.objects.create(
                concern=concern,
                kind=ConcernEvent.Kind.SUBMITTED,
                actor=by,
                to_status=Status.NEW,
                is_public=True,
                note="",
            )
            if concern.reporter_email:
                queue_reporter_email(
                    concern, "acknowledgement", tracking_code=tracking_codes.grouped(code)
                )
    except BaseException as exc:
        # Files are written to storage as the rows are: a rollback must not leave them behind.
        for stored in stored_files:
            stored.storage.delete(stored.name)
        if isinstance(exc, IntegrityError):
            # The same form raced itself (two clicks, two requests): the first one won.
            existing = Concern.objects.filter(submission_key=submission_key).first()
            if existing:
                return Receipt.of(existing, submission_key, created=False)
        raise
    return Receipt.of(concern, submission_key, created=True)
