from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SafeContact(models.Model):
    """How a reporter can be reached without putting them at risk: which channels, when, and
    whether a message may be left. Someone reporting violence at home may share a phone.

    Part of the reporter's identity: absent when they chose anonymity, read only by whom
    ``concerns.policies.can_see_safe_contact`` allows, every read logged (IdentityDisclosure),
    never in the admin's lookups. A separate row, so that nothing that loads or serializes a
    concern carries it along.
    """

    class Channel(models.TextChoices):
        CALL = "call", _("A phone call")
        SMS = "sms", _("A text message (SMS)")
        EMAIL = "email", _("An email")
        IN_PERSON = "in_person", _("In person, through an organisation I name")

    concern = models.OneToOneField(
        "concerns.Concern",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="safe_contact",
    )
    by_call = models.BooleanField(_("a phone call"), default=False)
    by_sms = models.BooleanField(_("a text message"), default=False)
    by_email = models.BooleanField(_("an email"), default=False)
    in_person = models.BooleanField(_("in person, through an organisation"), default=False)
    organisation = models.CharField(_("organisation to go through"), max_length=200, blank=True)
    times = models.CharField(_("safe times"), max_length=300, blank=True)
    no_messages = models.BooleanField(_("do not leave messages"), default=False)

    FIELD_OF_CHANNEL = {
        Channel.CALL: "by_call",
        Channel.SMS: "by_sms",
        Channel.EMAIL: "by_email",
        Channel.IN_PERSON: "in_person",
    }

    class Meta:
        verbose_name = _("safe ways to contact the reporter")
        verbose_name_plural = _("safe ways to contact reporters")
        constraints = [
            models.CheckConstraint(
                condition=Q(by_call=True)
                | Q(by_sms=True)
                | Q(by_email=True)
                | Q(in_person=True)
                | ~Q(times="")
                | Q(no_messages=True),
                name="safe_contact_says_something",
            ),
            models.CheckConstraint(
                condition=Q(in_person=False) | ~Q(organisation=""),
                name="safe_contact_in_person_names_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"safe contact of {self.concern_id}"

    @property
    def channels(self) -> list[str]:
        """The chosen channels in staff's words (the fields' names), in the form's order."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.FIELD_OF_CHANNEL.values()
            if getattr(self, name)
        ]
