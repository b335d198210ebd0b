import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.localized import LocalizedName
from publictexts.fields import MultilingualTextField
from publictexts.languages import (
    default_official_languages,
    language_name,
    validate_language_list,
)


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone.") % {"zone": value})


class Municipality(LocalizedName):
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("Short upper-case code used in concern references, e.g. IST."),
    )
    communities = models.JSONField(
        _("communities"),
        default=list,
        blank=True,
        help_text=_(
            'Communities living in the municipality, e.g. ["Albanian", "Serb", "Roma"]: a council '
            "with no member of one is warned."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("e.g. Europe/Belgrade; empty: the site's time zone."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    official_languages = models.JSONField(
        _("official languages"),
        default=default_official_languages,
        validators=[validate_language_list],
        help_text=_(
            'Language codes in order, the default first, e.g. ["sq", "sr-latn", "tr"]. '
            "Public texts are written in each; readers see their own language, else the first."
        ),
    )
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=20,
        blank=True,
        help_text=_("The police emergency number shown on public pages; empty: the default."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,8}$"), name="municipality_code_upper_letters"
            )
        ]

    @property
    def default_language(self) -> str:
        """The first official language: public texts fall back to it."""
        return (self.official_languages or default_official_languages())[0]

    @property
    def official_language_names(self) -> list[str]:
        return [language_name(code) for code in self.official_languages]

    @property
    def emergency_number_to_call(self) -> str:
        return emergency_number_for(self)


def emergency_number_for(municipality: "Municipality | None") -> str:
    """The police emergency number for a page about ``municipality`` (or about none)."""
    if municipality is not None and municipality.emergency_number:
        return municipality.emergency_number
    return settings.CSC["DEFAULT_EMERGENCY_NUMBER"]


class Settlement(LocalizedName):
    class Kind(models.TextChoices):
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="settlements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="settlement_unique_name")
        ]


class Council(LocalizedName):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        MUNICIPAL = "municipal", _("Municipal")
        LOCAL = "local", _("Local")

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        AS_NEEDED = "as_needed", _("As needed")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="councils",
        null=True,
        blank=True,
        help_text=_("Empty only for the national body."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        help_text=_("A local council's municipal council; a municipal council's national body."),
    )
    settlements = models.ManyToManyField(
        Settlement, blank=True, related_name="councils", verbose_name=_("settlements covered")
    )
    meeting_cadence = models.CharField(
        _("meeting cadence"), max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    is_active = models.BooleanField(_("active"), default=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Meetings are planned in it; empty: the municipality's, else the site's."),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        help_text=_(
            "Members who must be present for decisions; empty: a majority of current members."
        ),
    )
    # Reminder thresholds, per council (DOMAIN: "thresholds per council").
    due_soon_days = models.PositiveSmallIntegerField(_("remind days before due"), default=2)
    overdue_repeat_days = models.PositiveSmallIntegerField(
        _("repeat overdue reminder every N days"), default=3
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("escalate after N days overdue"), default=7
    )
    allow_self_verification = models.BooleanField(
        _("who completed an action may also verify it"),
        default=True,
        help_text=_("Off: a commander cannot verify an action they completed themselves."),
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="national", municipality__isnull=True)
                | (~Q(level="national") & Q(municipality__isnull=False)),
                name="council_municipality_matches_level",
            ),
            models.CheckConstraint(
                condition=~Q(level="local") | Q(parent__isnull=False),
                name="council_local_has_parent",
            ),
            models.CheckConstraint(
                condition=Q(overdue_repeat_days__gte=1), name="council_overdue_repeat_positive"
            ),
        ]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The time zone meetings are planned and shown in."""
        name = self.time_zone or (self.municipality.time_zone if self.municipality_id else "")
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)

    @property
    def referral_target(self) -> "Council | None":
        """Where this council's unresolved items can be referred: a local council's parent."""
        if self.level == self.Level.LOCAL and self.parent and self.parent.is_active:
            return self.parent
        return None


class Person(models.Model):
    """Someone who sits on a council, with or without an account."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    full_name = models.CharField(_("full name"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional; used only for representation statistics."),
    )
    community = models.CharField(
        _("community"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Albanian, Serb, Roma, Bosniak"),
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class Membership(models.Model):
    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("Co-chair")
        SECRETARY = "secretary", _("Secretary")
        POLICE_REPRESENTATIVE = "police_representative", _("Police representative")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        # Reads the council's sensitive-category concerns with the secretary; nothing else.
        SAFEGUARDING_OFFICER = "safeguarding_officer", _("Safeguarding officer")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(
        _("organisation or community represented"), max_length=200, blank=True
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=250, blank=True)
    appointment_number = models.CharField(_("Assembly decision number"), max_length=60, blank=True)
    appointment_date = models.DateField(_("Assembly decision date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["council", "role", "person__full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "council", "role"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.council})"

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())

    def is_current_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def counts_for_quorum(self) -> bool:
        return self.role != self.Role.OBSERVER


class Meeting(models.Model):
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
