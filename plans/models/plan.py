"""The safety action plan: a council's objectives for a period, each with its activities."""

import zoneinfo
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from publictexts.fields import MultilingualTextField


class SafetyPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted by the council")
        SUBMITTED = "submitted", _("Submitted to the Municipal Assembly")
        APPROVED = "approved", _("Approved by the Municipal Assembly")

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.ADOPTED},
        Status.ADOPTED: {Status.SUBMITTED, Status.DRAFT},
        Status.SUBMITTED: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: {Status.DRAFT},
    }
    # What the public page shows: a plan the council adopted (a revision in draft shows the
    # last adopted revision instead).
    PUBLIC_STATUSES = (Status.ADOPTED, Status.SUBMITTED, Status.APPROVED)

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="safety_plans"
    )
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("The multi-year plan this yearly part belongs to."),
    )
    title = MultilingualTextField(_("title"), max_length=200)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    revision_reason = models.TextField(_("reason for the revision"), blank=True)
    adoption_decision = models.ForeignKey(
        "councils.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("adopting decision"),
    )
    adopted_at = models.DateTimeField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField(_("submitted to the Assembly on"), null=True, blank=True)
    approved_on = models.DateField(_("approved by the Assembly on"), null=True, blank=True)
    assembly_reference = models.CharField(
        _("Assembly decision reference"), max_length=100, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council", "-starts_on"]
        verbose_name = _("safety action plan")
        verbose_name_plural = _("safety action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="plan_period_is_forward"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_at__isnull=False, revision__gte=1),
                name="plan_adopted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_on__isnull=False),
                name="plan_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(approved_on__isnull=False) & ~Q(assembly_reference="")),
                name="plan_approved_has_reference",
            ),
        ]
        indexes = [models.Index(fields=["council", "status", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.council} {self.starts_on:%Y}–{self.ends_on:%Y}"

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return self.council.zone

    @property
    def is_public(self) -> bool:
        """Adopted at least once: the public sees its last adopted revision."""
        return self.revision >= 1

    @property
    def is_under_revision(self) -> bool:
        return self.status == self.Status.DRAFT and self.revision >= 1

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Objective(models.Model):
    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(_("position"))
    title = MultilingualTextField(_("objective"), max_length=300)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.position}."


class Activity(models.Model):
    """What is done for an objective, by whom and when, and how it is measured."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(_("position"))
    title = MultilingualTextField(_("activity"), max_length=300)
    responsible_unit = models.ForeignKey(
        "policing.PoliceUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_activities",
        verbose_name=_("responsible police unit"),
    )
    responsible_body = models.ForeignKey(
        "policing.PartnerBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_activities",
        verbose_name=_("responsible partner body"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("due"))
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    budget_amount = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    indicator = MultilingualTextField(_("indicator"), max_length=300)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["objective", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_unit__isnull=False, responsible_body__isnull=True)
                | Q(responsible_unit__isnull=True, responsible_body__isnull=False),
                name="activity_one_responsible",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="activity_timeline_forward"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(baseline__isnull=False),
                name="activity_target_has_baseline",
            ),
        ]
        indexes = [models.Index(fields=["objective", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.objective.position}.{self.position}"

    @property
    def responsible(self):
        return self.responsible_unit or self.responsible_body

    @property
    def has_indicator_target(self) -> bool:
        return (
            self.baseline is not None and self.target is not None and self.target != self.baseline
        )


class IndicatorValue(models.Model):
    """A measurement of an activity's indicator, recorded by the secretary."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("measured on"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "measured_on", "id"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [models.Index(fields=["activity", "-measured_on", "-id"])]

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"


class ActivityLink(models.Model):
    """A follow-up action or a meeting decision that carries out (or concerns) an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    action = models.OneToOneField(
        "policing.FollowUpAction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_link",
        help_text=_("An action serves one activity."),
    )
    decision = models.ForeignKey(
        "councils.Decision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plan_links",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity link")
        verbose_name_plural = _("activity links")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=False, decision__isnull=True)
                | Q(action__isnull=True, decision__isnull=False),
                name="activity_link_action_xor_decision",
            ),
            models.UniqueConstraint(
                fields=["activity", "decision"],
                condition=Q(decision__isnull=False),
                name="activity_link_decision_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.action_id or self.decision_id}"


class PlanRevision(models.Model):
    """The plan as adopted: the first adoption is revision 1, each re-adoption after a revision
    adds one with its reason. The public page reads the latest, so a plan being revised keeps
    showing what the council adopted."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    reason = models.TextField(_("reason for the revision"), blank=True)
    content = models.JSONField(_("plan"))
    decision = models.ForeignKey(
        "councils.Decision", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_unique"),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""), name="plan_revision_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"
