"""Meetings: agenda, attendance, decisions, minutes revisions and the council's event log."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models.members import Membership
from councils.models.places import (
    Council,
)
from publictexts.fields import MultilingualTextField
from workspace.choices import ChoiceLabels


class Meeting(ChoiceLabels, models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")
        PUBLIC_FORUM = "public_forum", _("Public forum")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        MINUTES_DRAFT = "minutes_draft", _("Minutes drafted")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS: dict[str, set[str]] = {
        Status.PLANNED: {Status.HELD, Status.CANCELLED},
        Status.HELD: {Status.MINUTES_DRAFT},
        Status.MINUTES_DRAFT: {Status.MINUTES_APPROVED},
        Status.MINUTES_APPROVED: {Status.PUBLISHED},
        Status.PUBLISHED: set(),
        Status.CANCELLED: set(),
    }
    # While the minutes are written: items, discussion, decisions and attendance may change.
    EDITABLE_MINUTES = (Status.HELD, Status.MINUTES_DRAFT)
    APPROVED = (Status.MINUTES_APPROVED, Status.PUBLISHED)

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    planned_at = models.DateTimeField(_("planned for"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    agenda_published_at = models.DateTimeField(_("agenda published on"), null=True, blank=True)
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    minutes_summary = models.TextField(_("minutes summary"), blank=True)
    public_summary = MultilingualTextField(_("public summary"), max_length=4000)
    members_current = models.PositiveSmallIntegerField(_("current members"), null=True, blank=True)
    members_present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    quorum_required = models.PositiveSmallIntegerField(_("quorum"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved on"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes approved by"),
    )
    approved_at_meeting = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at the meeting of"),
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-planned_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="meeting_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "cancelled"]) | Q(held_at__isnull=False),
                name="meeting_held_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="meeting_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["minutes_approved", "published"])
                | Q(minutes_approved_at__isnull=False),
                name="meeting_approved_has_date",
            ),
        ]
        indexes = [models.Index(fields=["council", "planned_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.planned_at, self.council.zone)
        return f"{self.council} – {local:%Y-%m-%d}"

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return self.council.zone

    @property
    def local_planned_at(self):
        return timezone.localtime(self.planned_at, self.zone)

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def is_overdue(self) -> bool:
        """Planned, and its planned day is over without it being recorded as held."""
        return self.status == self.Status.PLANNED and self.planned_at < timezone.now()

    @property
    def minutes_editable(self) -> bool:
        return self.status in self.EDITABLE_MINUTES

    @property
    def quorum_met(self) -> bool | None:
        if self.quorum_required is None or self.members_present is None:
            return None
        return self.members_present >= self.quorum_required


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        MINUTES_APPROVAL = "minutes_approval", _("Approval of the minutes")
        POLICE_REPORT = "police_report", _("Police security report")
        CONCERN = "concern", _("Concern")
        ACTION_REPORT = "action_report", _("Report back on an action")
        PLAN_ACTIVITY = "plan_activity", _("Action plan activity due")
        PRIORITY = "priority", _("Report back on a priority")
        FREE = "free", _("Item")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FREE)
    title = models.CharField(_("title"), max_length=250)
    concern = models.ForeignKey(
        "concerns.Concern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    action = models.ForeignKey(
        "policing.FollowUpAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("An action to report back on."),
    )
    activity = models.ForeignKey(
        "plans.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("An activity of the action plan due or late this month."),
    )
    priority = models.ForeignKey(
        "plans.Priority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("An open priority the council reports back on."),
    )
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_items",
        help_text=_("The earlier meeting whose minutes this item approves."),
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("A sensitive concern: never shown with details, never in public minutes."),
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("The item of an earlier meeting that was deferred or referred here."),
    )
    deferrals = models.PositiveSmallIntegerField(_("times deferred"), default=0)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    annotation = models.TextField(_("police commander's note"), blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    public_summary = MultilingualTextField(_("public summary"), max_length=4000)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        indexes = [models.Index(fields=["meeting", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="concern") | Q(concern__isnull=False),
                name="agenda_item_concern_kind_has_concern",
            ),
            models.CheckConstraint(
                condition=~Q(kind="action_report") | Q(action__isnull=False),
                name="agenda_item_action_kind_has_action",
            ),
            models.CheckConstraint(
                condition=~Q(kind="plan_activity") | Q(activity__isnull=False),
                name="agenda_item_activity_kind_has_activity",
            ),
            models.CheckConstraint(
                condition=~Q(kind="priority") | Q(priority__isnull=False),
                name="agenda_item_priority_kind_has_priority",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="attendance"
    )
    guest_name = models.CharField(_("guest name"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("guest organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(
                condition=(Q(membership__isnull=False) & Q(guest_name=""))
                | (Q(membership__isnull=True) & ~Q(guest_name="")),
                name="attendance_member_xor_guest",
            ),
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="attendance_once_per_member",
            ),
        ]

    def __str__(self) -> str:
        who = self.membership.person if self.membership_id else self.guest_name
        return f"{who}: {self.get_status_display()}"


class Decision(models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        ACTION = "action", _("Follow-up action requested")
        REFERRAL = "referral", _("Referred to another body")
        RESOLUTION = "resolution", _("Concern resolved")
        DEFERRAL = "deferral", _("Deferred to the next meeting")
        REFER_UP = "refer_up", _("Referred to the municipal council")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        PLAN_ADOPTION = "plan_adoption", _("Action plan adopted")
        PRIORITY = "priority", _("Priority set")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION
    )
    text = models.TextField(_("decision"))
    public_text = MultilingualTextField(_("public text"), max_length=4000)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    carry_to = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The council whose next meeting takes the item up (deferral, referral up)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["deferral", "refer_up"], carry_to__isnull=False)
                | (~Q(kind__in=["deferral", "refer_up"]) & Q(carry_to__isnull=True)),
                name="decision_carry_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="referral") | ~Q(referred_to=""),
                name="decision_referral_names_body",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class MinutesRevision(models.Model):
    """An approved state of a meeting's minutes. The first is the approval; each correction
    adds one with its reason. The text is a snapshot, so earlier revisions stay readable."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    content = models.JSONField(_("minutes"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_revision_unique"),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""), name="minutes_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} r{self.number}"


class CouncilEvent(models.Model):
    """One row per change to a council's members, meetings, agenda and minutes: who and when."""

    class Kind(models.TextChoices):
        APPOINTED = "appointed", _("Member appointed")
        MEMBERSHIP_ENDED = "membership_ended", _("Membership ended")
        SCHEDULED = "scheduled", _("Meeting scheduled")
        RESCHEDULED = "rescheduled", _("Meeting rescheduled")
        AGENDA_CHANGED = "agenda_changed", _("Agenda changed")
        AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
        HELD = "held", _("Meeting held")
        ATTENDANCE = "attendance", _("Attendance recorded")
        MINUTES_CHANGED = "minutes_changed", _("Minutes changed")
        DECISION = "decision", _("Decision recorded")
        MINUTES_DRAFTED = "minutes_drafted", _("Minutes drafted")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        MINUTES_CORRECTED = "minutes_corrected", _("Minutes corrected")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        CANCELLED = "cancelled", _("Meeting cancelled")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="events")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("council event")
        verbose_name_plural = _("council events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.council_id})"
