"""Follow-up actions, their events and due-date history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerns.models import Priority
from policing.models.bodies import PartnerBody
from policing.models.units import Officer, PoliceUnit
from workspace.choices import ChoiceLabels


class FollowUpAction(ChoiceLabels, models.Model):
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
            # A council's own lists and figures (the meeting page's report-back pool and police
            # report): each reason read through its own index range, in due-date order.
            models.Index(fields=["council", "due_date", "id"], name="action_council_due"),
            models.Index(
                fields=["council", "due_date", "id"],
                condition=Q(status__in=["open", "assigned", "in_progress", "reopened"]),
                name="action_council_active_due",
            ),
            models.Index(fields=["council", "updated_at"], name="action_council_updated"),
            models.Index(fields=["council", "created_at"], name="action_council_created"),
            models.Index(fields=["council", "completed_at"], name="action_council_completed"),
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
