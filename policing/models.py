from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import Priority


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
        Status.OPEN: {Status.ASSIGNED, Status.IN_PROGRESS, Status.CANCELLED},
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
    responsible_body = models.CharField(
        _("other responsible body"),
        max_length=200,
        blank=True,
        help_text=_("A municipal department or other body, when not the police."),
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
                condition=Q(responsible_unit__isnull=False) | ~Q(responsible_body=""),
                name="action_has_responsible",
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
            # The citizen sees the public summary, never the internal title.
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_summary=""),
                name="action_public_has_summary",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_date < timezone.localdate()


class ProgressUpdate(models.Model):
    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress"))
    from_status = models.CharField(max_length=12, choices=FollowUpAction.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=FollowUpAction.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return self.text[:80]


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
    created_at = models.DateTimeField(auto_now_add=True)

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
