"""Partner bodies (municipal departments, schools, utilities, NGOs) and their focal points."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.localized import LocalizedName


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
