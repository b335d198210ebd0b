"""Police units and their officers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
