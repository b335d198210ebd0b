from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from publictexts.fields import MultilingualTextField

DEFAULT_SUPPRESSION_THRESHOLD = 5


class PublicStatisticsRule(models.Model):
    """How a municipality's public statistics protect small numbers. Without a row, cells under
    ``DEFAULT_SUPPRESSION_THRESHOLD`` are suppressed."""

    municipality = models.OneToOneField(
        "councils.Municipality",
        on_delete=models.CASCADE,
        related_name="statistics_rule",
        verbose_name=_("municipality"),
    )
    threshold = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=DEFAULT_SUPPRESSION_THRESHOLD,
        validators=[MinValueValidator(2)],
        help_text=_(
            "Public statistics show any count below this as “< N”, and hide other cells so "
            "that totals do not give it away."
        ),
    )

    class Meta:
        verbose_name = _("public statistics rule")
        verbose_name_plural = _("public statistics rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=2), name="statistics_threshold_at_least_two"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: < {self.threshold}"


def suppression_thresholds(municipality_ids) -> dict[int, int]:
    """Each municipality's threshold (its rule, else the default), in one query."""
    ids = list(municipality_ids)
    found = dict(
        PublicStatisticsRule.objects.filter(municipality_id__in=ids).values_list(
            "municipality_id", "threshold"
        )
    )
    return {pk: found.get(pk, DEFAULT_SUPPRESSION_THRESHOLD) for pk in ids}


def suppression_threshold(municipality) -> int:
    return suppression_thresholds([municipality.pk])[municipality.pk]


class CouncilReport(models.Model):
    """A council's six-monthly or annual report: figures generated from the data (frozen when
    the secretary signs), narrative sections written by the council, signed by the secretary,
    attested by a co-chair, then submitted to the national level.

    Sections are rows with a free ``key``, not fixed fields: other reports (the action plan's
    periodic reports) add their own sections to the same model."""

    class Kind(models.TextChoices):
        HALF_YEAR = "half_year", _("Six-monthly report")
        ANNUAL = "annual", _("Annual report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed by the secretary")
        ATTESTED = "attested", _("Attested by a co-chair")
        SUBMITTED = "submitted", _("Submitted")

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.SIGNED},
        Status.SIGNED: {Status.ATTESTED, Status.DRAFT},
        Status.ATTESTED: {Status.SUBMITTED, Status.DRAFT},
        Status.SUBMITTED: set(),
    }

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    figures = models.JSONField(_("figures"), default=list, blank=True)
    figures_at = models.DateTimeField(_("figures as of"), null=True, blank=True)
    # The council's safety action plan for the period (plans.reporting.plan_section), generated
    # and frozen with the figures; null when the council had no adopted plan.
    plan_section = models.JSONField(_("safety action plan"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attested_at = models.DateTimeField(_("attested"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "kind"]
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "period_start"], name="council_report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="council_report_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False),
                name="council_report_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["attested", "submitted"]) | Q(attested_at__isnull=False),
                name="council_report_attested_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="council_report_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} – {self.get_kind_display()} {self.period_start:%Y-%m}"

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class ReportSection(models.Model):
    """A narrative section of a report, in the council's official languages."""

    report = models.ForeignKey(CouncilReport, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = MultilingualTextField(_("text"), max_length=20000)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_unique_key")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """A standard section's title in the language the report is read in (the stored one
        is in the language of whoever generated the report); any other section's as stored."""
        from monitoring.reports import DEFAULT_SECTIONS

        return str(dict(DEFAULT_SECTIONS).get(self.key, self.title))


class ReportEvent(models.Model):
    """Who generated, edited, signed, attested, returned or submitted a report, and when."""

    report = models.ForeignKey(CouncilReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.kind} ({self.report_id})"


class ConcernMonth(models.Model):
    """Counts of the concerns a council received in a month (of the council's time zone), per
    category, channel and settlement: what the dashboards and the public page add up instead of
    reading a million concerns. Built and kept right by ``monitoring.monthly`` (see there)."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    category = models.ForeignKey("concerns.Category", on_delete=models.CASCADE, related_name="+")
    is_sensitive = models.BooleanField()
    channel = models.CharField(max_length=16)
    settlement = models.ForeignKey(
        "councils.Settlement", on_delete=models.CASCADE, null=True, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)  # resolved or closed
    triaged_in_time = models.PositiveIntegerField(default=0)  # of the handled ones
    told = models.PositiveIntegerField(default=0)  # of the answerable ones
    reopened = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["council", "month"], name="concern_month_council")]

    def __str__(self) -> str:
        return f"{self.council_id} {self.month:%Y-%m}: {self.received}"


class ConcernDuration(models.Model):
    """How many concerns of a council's month took ``minutes`` to be triaged, to get a first
    action or to be resolved: a histogram per breakdown (all, category, channel, settlement),
    from which medians and percentiles are read exactly (to the minute) without the concerns."""

    class Measure(models.TextChoices):
        TRIAGE = "triage"
        ACTION = "action"
        RESOLUTION = "resolution"

    class Dimension(models.TextChoices):
        ALL = "all"
        CATEGORY = "category"
        CHANNEL = "channel"
        SETTLEMENT = "settlement"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    is_sensitive = models.BooleanField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    category = models.ForeignKey(
        "concerns.Category", on_delete=models.CASCADE, null=True, related_name="+"
    )
    channel = models.CharField(max_length=16, blank=True)
    settlement = models.ForeignKey(
        "councils.Settlement", on_delete=models.CASCADE, null=True, related_name="+"
    )
    measure = models.CharField(max_length=10, choices=Measure.choices)
    minutes = models.IntegerField()
    concerns = models.PositiveIntegerField()

    class Meta:
        # Covering (index-only scans on PostgreSQL): a council's breakdowns, and the "all"
        # rows of every council for the national figures.
        indexes = [
            models.Index(
                fields=["council", "dimension", "measure", "month"],
                include=[
                    "is_sensitive",
                    "category",
                    "channel",
                    "settlement",
                    "minutes",
                    "concerns",
                ],
                name="concern_duration_council",
            ),
            models.Index(
                fields=["dimension", "measure", "month"],
                include=["council", "municipality", "is_sensitive", "minutes", "concerns"],
                name="concern_duration_all",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.council_id} {self.month:%Y-%m} {self.measure} {self.minutes}: {self.concerns}"
        )


class ActionMonth(models.Model):
    """Counts of a council's follow-up actions per month they were created in (the council's
    time zone), responsible unit or body, status and due day: what the action figures add up
    instead of joining every action to its concern for its sensitivity.

    ``due`` is the due date of an action still open and not yet overdue (it becomes overdue
    by the day) and the first of the due month of the others (the periods count whole
    months). ``assignee`` is kept for sensitive actions only: they are visible to the officer
    assigned."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "councils.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    responsible_unit = models.ForeignKey(
        "policing.PoliceUnit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    responsible_body = models.ForeignKey(
        "policing.PartnerBody", on_delete=models.CASCADE, null=True, related_name="+"
    )
    is_sensitive = models.BooleanField()
    assignee = models.ForeignKey(
        "policing.Officer", on_delete=models.CASCADE, null=True, related_name="+"
    )
    status = models.CharField(max_length=12)
    due = models.DateField()
    completed_in_time = models.BooleanField()
    actions = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["council", "month"], name="action_month_council")]

    def __str__(self) -> str:
        return f"{self.council_id} {self.month:%Y-%m} {self.status}: {self.actions}"
