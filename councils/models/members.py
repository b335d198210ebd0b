"""People and their council memberships, with history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models.places import Council


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
