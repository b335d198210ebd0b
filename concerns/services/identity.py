"""The reporter's identity and safe ways to contact them: shown only to whom the policies
allow, every showing logged."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concerns import policies
from concerns.models import Concern, IdentityDisclosure, SafeContact


@transaction.atomic
def reveal_reporter_identity(concern: Concern, *, by, ip_address: str | None = None) -> dict:
    """The reporter's contact details, for the secretary only; every reveal is logged."""
    if not policies.can_see_reporter_identity(by, concern):
        raise PermissionDenied(_("Reporter identity is withheld."))
    IdentityDisclosure.objects.create(concern=concern, user=by, ip_address=ip_address)
    return {
        "name": concern.reporter_name,
        "phone": concern.reporter_phone,
        "email": concern.reporter_email,
        "consent_to_contact": concern.consent_to_contact,
    }


@dataclass(frozen=True)
class SafeContactWishes:
    """What the reporter said about reaching them safely (``SafeContact.Channel`` values)."""

    channels: frozenset[str] = frozenset()
    organisation: str = ""
    times: str = ""
    no_messages: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.channels or self.times.strip() or self.no_messages)

    def check(self, *, phone: str, email: str) -> None:
        """The wishes can be followed with the details given; the form says the same per field."""
        Channel = SafeContact.Channel
        errors = {}
        unknown = self.channels - set(Channel.values)
        if unknown:
            errors["safe_channels"] = _("Choose the safe ways to contact you from the list.")
        if Channel.IN_PERSON in self.channels and not self.organisation.strip():
            errors["safe_organisation"] = _(
                "Name the organisation through which the council may reach you."
            )
        if self.channels & {Channel.CALL, Channel.SMS} and not phone.strip():
            errors["reporter_phone"] = _("Give the phone number the council may call or text.")
        if Channel.EMAIL in self.channels and not email.strip():
            errors["reporter_email"] = _("Give the email address the council may write to.")
        elif self.channels and Channel.EMAIL not in self.channels and email.strip():
            errors["reporter_email"] = _(
                "You did not choose email as a safe way to contact you: leave the email "
                "address empty, or tick “An email”."
            )
        if errors:
            raise ValidationError(errors)


def record_safe_contact(concern: Concern, wishes: SafeContactWishes | None) -> SafeContact | None:
    """Kept with a new concern, unless the reporter chose anonymity (then nothing is kept)."""
    if concern.is_anonymous or wishes is None or wishes.is_empty:
        return None
    fields = SafeContact.FIELD_OF_CHANNEL
    return SafeContact.objects.create(
        concern=concern,
        organisation=wishes.organisation.strip(),
        times=wishes.times.strip(),
        no_messages=wishes.no_messages,
        **{fields[channel]: True for channel in wishes.channels},
    )


@transaction.atomic
def read_safe_contact(concern: Concern, *, by, ip_address: str | None = None) -> SafeContact | None:
    """The reporter's safe ways to contact them, for whom may act on them; each read is
    logged like a read of their identity. None (and nothing logged) when they gave none."""
    if not policies.can_see_safe_contact(by, concern):
        raise PermissionDenied(_("Reporter identity is withheld."))
    safe_contact = SafeContact.objects.filter(concern=concern).first()
    if safe_contact is not None:
        IdentityDisclosure.objects.create(
            concern=concern,
            user=by,
            ip_address=ip_address,
            shown=IdentityDisclosure.Shown.SAFE_CONTACT,
        )
    return safe_contact
