import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from concerns import tracking_codes
from concerns.models.category import Category
from publictexts.fields import MultilingualTextField
from workspace.choices import ChoiceLabels

# When a concern can have happened: dates before this are typing mistakes (year 0001 was
# stored before year 1 in UTC and broke every page showing the row), and a clock slightly
# ahead is forgiven by a day at most.
OCCURRED_AT_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
OCCURRED_AT_AHEAD = timedelta(days=1)


def occurred_at_is_plausible(moment: datetime, *, now: datetime) -> bool:
    """What the constraint ``concern_occurred_at_plausible`` checks, for a refusal in words."""
    try:
        return OCCURRED_AT_EARLIEST <= moment <= now + OCCURRED_AT_AHEAD
    except OverflowError:  # year 1 in a time zone east of UTC
        return False


class ReferenceCounter(models.Model):
    """The last sequence number handed out per municipality and year.

    Numbers come from a row lock on this table, so they are unique under concurrency and never
    reused (a deleted concern leaves its number behind).
    """

    municipality = models.ForeignKey("councils.Municipality", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="reference_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.year}: {self.last_value}"


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    MEETING = "meeting", _("Council meeting")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    OPEN311 = "open311", _("Open311")
    LOCAL_COUNCIL = "local_council", _("Local council referral")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


def hash_tracking_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Concern(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        TRIAGED = "triaged", _("Triaged")
        ON_AGENDA = "on_agenda", _("On a meeting agenda")
        IN_ACTION = "in_action", _("Action under way")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")
        REOPENED = "reopened", _("Reopened")

    _WORKING = {
        Status.ON_AGENDA,
        Status.IN_ACTION,
        Status.RESOLVED,
        Status.REJECTED,
        Status.DUPLICATE,
    }
    TRANSITIONS: dict[str, set[str]] = {
        Status.NEW: {Status.TRIAGED, Status.REJECTED, Status.DUPLICATE},
        Status.TRIAGED: _WORKING,
        Status.REOPENED: _WORKING | {Status.TRIAGED},
        Status.ON_AGENDA: {Status.IN_ACTION, Status.RESOLVED, Status.TRIAGED, Status.DUPLICATE},
        Status.IN_ACTION: {Status.ON_AGENDA, Status.RESOLVED},
        Status.RESOLVED: {Status.CLOSED, Status.REOPENED},
        Status.CLOSED: {Status.REOPENED},
        Status.REJECTED: set(),
        Status.DUPLICATE: set(),
    }
    OPEN_STATUSES = (
        Status.NEW,
        Status.TRIAGED,
        Status.REOPENED,
        Status.ON_AGENDA,
        Status.IN_ACTION,
    )

    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    # Two secrets open the tracking page: the long token of the emailed links (derived, so every
    # email can carry it) and the short code a resident reads out (concerns/tracking_codes.py).
    # Concerns from before short codes have no code until the secretary issues one.
    tracking_token_hash = models.CharField(max_length=64, editable=False)
    tracking_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.PROTECT, related_name="concerns"
    )
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        related_name="concerns",
        verbose_name=_("council responsible"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("category")
    )
    description = models.TextField(_("what happened"))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    settlement = models.ForeignKey(
        "councils.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("settlement"),
    )
    address = models.CharField(_("address or place"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=40, blank=True)
    reporter_email = models.EmailField(_("email"), blank=True)
    consent_to_contact = models.BooleanField(_("may be contacted"), default=False)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    # Texts for the reporter and the public, in the municipality's official languages
    # ({"sq": "…", "sr-latn": "…"}); each change is also kept on its ConcernEvent.
    public_response = MultilingualTextField(_("public response"), max_length=5000)
    rejection_reason = MultilingualTextField(_("reason for rejecting"), max_length=2000)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    submission_key = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The intake form's one-time key: a resubmitted form is not a new concern."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Staff who entered the concern on the reporter's behalf."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The description's words for the inbox search, kept by a PostgreSQL trigger (migration
    # 0006) and GIN-indexed; always empty on SQLite, where the search reads the description.
    search_vector = SearchVectorField(null=True, editable=False)
    triaged_at = models.DateTimeField(_("first triaged"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | Q(
                    reporter_name="", reporter_phone="", reporter_email="", consent_to_contact=False
                ),
                name="concern_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(status="duplicate", duplicate_of__isnull=False)
                | (~Q(status="duplicate") & Q(duplicate_of__isnull=True)),
                name="concern_duplicate_points_to_original",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("id")), name="concern_not_duplicate_of_itself"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason={}),
                name="concern_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(occurred_at__isnull=True)
                | Q(
                    occurred_at__gte=OCCURRED_AT_EARLIEST,
                    occurred_at__lte=F("created_at") + OCCURRED_AT_AHEAD,
                ),
                name="concern_occurred_at_plausible",
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="concern_coordinates_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status", "-created_at"]),
            models.Index(fields=["municipality", "created_at"]),
            models.Index(fields=["category", "created_at"]),
            # The inbox's open ones (the list a secretary works from) in its order, counted
            # and paged from the index at any size; the statuses are OPEN_STATUSES.
            models.Index(
                fields=["council", "-created_at", "-id"],
                condition=Q(status__in=["new", "triaged", "reopened", "on_agenda", "in_action"]),
                name="concern_open_by_council",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def check_tracking_token(self, token: str) -> bool:
        """The long link token, or the short code however it was typed."""
        if secrets.compare_digest(self.tracking_token_hash, hash_tracking_token(token or "")):
            return True
        return self.check_tracking_code(token)

    def check_tracking_code(self, code: str) -> bool:
        return tracking_codes.matches(self.tracking_code_hash, code)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def place_names(self) -> list[str]:
        """Where it is, each name once: "Gurrakoc, Istog", but "Istog" for the town of Istog
        (a settlement named like its municipality was printed "Istog, Istog")."""
        names = [self.settlement.display_name] if self.settlement_id else []
        municipality = self.municipality.display_name
        if municipality.casefold() not in {name.casefold() for name in names}:
            names.append(municipality)
        return names

    @property
    def may_be_emailed(self) -> bool:
        """The reporter left an email, agreed to be contacted and is not anonymous."""
        return bool(self.reporter_email) and self.consent_to_contact and not self.is_anonymous

    @property
    def has_identity(self) -> bool:
        return not self.is_anonymous and bool(
            self.reporter_name or self.reporter_phone or self.reporter_email
        )


class ConcernEvent(models.Model):
    """One row per status change or note; the citizen sees the public ones only.

    ``note`` is staff's own text (internal notes, comments); what the reporter reads is
    ``public_text``, in the official languages: a rejection reason, a duplicate's pointer, the
    public response of a resolution, a message to the reporter (kind ``public_update``).
    ``concerns.selectors.public_events(concern)`` is the reporter's timeline.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")
        COMMENT = "comment", _("Comment")
        REFERRED = "referred", _("Referred")
        UPDATED = "updated", _("Details updated")
        PUBLIC_UPDATE = "public_update", _("Message to the reporter")
        TRACKING = "tracking", _("Tracking code")

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(max_length=12, choices=Concern.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Concern.Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    public_text = MultilingualTextField(_("text for the reporter"), max_length=5000)
    is_public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("concern event")
        verbose_name_plural = _("concern events")
        indexes = [models.Index(fields=["concern", "created_at"])]
        constraints = [
            # What the reporter reads is never hidden in an internal row.
            models.CheckConstraint(
                condition=Q(is_public=True) | Q(public_text={}),
                name="concern_event_public_text_is_public",
            ),
            models.CheckConstraint(
                condition=~Q(kind="public_update") | (Q(is_public=True) & ~Q(public_text={})),
                name="concern_event_public_update_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.from_status} → {self.to_status}"
