"""Municipalities, their settlements and councils."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.localized import LocalizedName
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
    minutes_reminder_days = models.PositiveSmallIntegerField(
        _("tell the secretary when minutes are unapproved N days after the meeting"),
        default=14,
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
