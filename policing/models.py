import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import Attachment, Priority
from councils.localized import LocalizedName
from publictexts.fields import MultilingualTextField


class PoliceUnit(models.Model):
    class Kind(models.TextChoices):
        STATION = "station", _("Police station")
        UNIT = "unit", _("Unit")

    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.PROTECT, related_name="police_units"
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STATION)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    commander = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commanded_units",
        verbose_name=_("commander"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("police unit")
        verbose_name_plural = _("police units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="police_unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer"
    )
    unit = models.ForeignKey(PoliceUnit, on_delete=models.PROTECT, related_name="officers")
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    badge_number = models.CharField(_("badge number"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "user__last_name", "user__first_name"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self) -> str:
        return f"{self.rank} {self.user}".strip()


class PartnerBody(LocalizedName):
    """A municipal department, school, utility or NGO that owns follow-up actions."""

    class Kind(models.TextChoices):
        MUNICIPAL_DEPARTMENT = "department", _("Municipal department")
        SCHOOL = "school", _("School")
        UTILITY = "utility", _("Utility")
        NGO = "ngo", _("NGO")
        OTHER = "other", _("Other")

    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.PROTECT, related_name="partner_bodies"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.MUNICIPAL_DEPARTMENT
    )
    is_active = models.BooleanField(_("active"), default=True)
    focal_points = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="FocalPoint",
        related_name="partner_bodies",
        verbose_name=_("focal points"),
    )

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("partner body")
        verbose_name_plural = _("partner bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="partner_body_unique_name"
            )
        ]


class FocalPointQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class FocalPoint(models.Model):
    """A user who acts for a partner body, as an officer does for a unit; history is kept."""

    body = models.ForeignKey(
        PartnerBody, on_delete=models.CASCADE, related_name="focal_point_terms"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="focal_point_terms"
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["body", "user__last_name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="focal_point_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=Q(end_date__isnull=True),
                name="focal_point_one_open_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        VERIFIED = "verified", _("Verified")
        CANCELLED = "cancelled", _("Cancelled")
        REOPENED = "reopened", _("Reopened")

    TRANSITIONS: dict[str, set[str]] = {
        Status.OPEN: {Status.ASSIGNED, Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED},
        Status.ASSIGNED: {Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.CANCELLED},
        Status.COMPLETED: {Status.VERIFIED, Status.REOPENED},
        Status.REOPENED: {Status.ASSIGNED, Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED},
        Status.VERIFIED: set(),
        Status.CANCELLED: set(),
    }
    # Reminders are about these; cancelled and verified actions are quiet.
    ACTIVE_STATUSES = (Status.OPEN, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED)

    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="actions"
    )
    concern = models.ForeignKey(
        "concerns.Concern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    decision = models.ForeignKey(
        "councils.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    responsible_unit = models.ForeignKey(
        PoliceUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible police unit"),
    )
    responsible_body = models.ForeignKey(
        PartnerBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible partner body"),
        help_text=_("A municipal department, school, utility or NGO, when not the police."),
    )
    assignee = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("assigned officer"),
    )
    due_date = models.DateField(_("due date"))
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    is_public = models.BooleanField(
        _("shown to the reporter"),
        default=False,
        help_text=_("Shown on the citizen's tracking page with its public summary."),
    )
    public_summary = models.CharField(_("public summary"), max_length=300, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_unit__isnull=False, responsible_body__isnull=True)
                | Q(responsible_unit__isnull=True, responsible_body__isnull=False),
                name="action_one_responsible",
            ),
            # Officers are assigned within the police; a partner body's focal points share its
            # actions.
            models.CheckConstraint(
                condition=Q(assignee__isnull=True) | Q(responsible_unit__isnull=False),
                name="action_assignee_needs_unit",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="action_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False),
                name="action_verified_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="assigned") | Q(assignee__isnull=False),
                name="action_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["completed", "verified"]) | Q(completed_at__isnull=False),
                name="action_completed_has_date",
            ),
            # The citizen sees the public summary, never the internal title.
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_summary=""),
                name="action_public_has_summary",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["responsible_unit", "status", "due_date"]),
            models.Index(fields=["responsible_body", "status", "due_date"]),
            models.Index(fields=["assignee", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def responsible(self) -> "PoliceUnit | PartnerBody":
        return self.responsible_unit or self.responsible_body

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_date < timezone.localdate()


class ActionEvent(models.Model):
    """One row per transition of an action: who, when, from which status to which, and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        ASSIGNED = "assigned", _("Assigned")
        REASSIGNED = "reassigned", _("Reassigned")
        STARTED = "started", _("Work started")
        PROGRESS = "progress", _("Progress update")
        COMPLETED = "completed", _("Completed")
        VERIFIED = "verified", _("Verified")
        REOPENED = "reopened", _("Reopened")
        CANCELLED = "cancelled", _("Cancelled")
        DUE_DATE_CHANGED = "due_date", _("Due date changed")

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=FollowUpAction.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=FollowUpAction.Status.choices)
    note = models.TextField(_("note"), blank=True)
    update = models.OneToOneField(
        "ProgressUpdate", on_delete=models.CASCADE, null=True, blank=True, related_name="event"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("action event")
        verbose_name_plural = _("action events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.action_id})"


class ProgressUpdate(models.Model):
    """What the officer or focal point reports; optionally shown to the reporter in summary."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress"))
    is_public = models.BooleanField(_("visible to the reporter"), default=False)
    public_summary = MultilingualTextField(
        _("public summary"),
        max_length=300,
        help_text=_("A short summary in the official languages, shown to the reporter."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_summary={}),
                name="progress_public_has_summary",
            )
        ]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return self.text[:80]


def progress_attachment_path(instance: "ProgressAttachment", filename: str) -> str:
    # Random, as for a resident's attachments: the uploader's file name is never trusted.
    return f"actions/{instance.update.action_id}/{secrets.token_hex(16)}"


class ProgressAttachment(models.Model):
    """A photo or PDF with a progress update, checked as a resident's attachments are."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=progress_attachment_path, max_length=200)
    content_type = models.CharField(max_length=40, choices=Attachment.Kind.choices)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress attachment")
        verbose_name_plural = _("progress attachments")

    def __str__(self) -> str:
        return self.original_name or f"attachment {self.pk}"


class DueDateChange(models.Model):
    action = models.ForeignKey(
        FollowUpAction, on_delete=models.CASCADE, related_name="due_date_changes"
    )
    old_due_date = models.DateField(_("old due date"))
    new_due_date = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("due date change")
        verbose_name_plural = _("due date changes")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="due_date_change_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.old_due_date} → {self.new_due_date}"


class Reminder(models.Model):
    """A reminder decided on; unique per (action, kind, period) so it is never sent twice.

    ``period`` names the occurrence: the due date it was computed for, and for repeating overdue
    reminders the repetition, e.g. ``2026-11-20`` or ``2026-11-20/2``.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=32)
    recipients = models.JSONField(_("recipients"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "period"], name="reminder_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.action_id})"
