"""The reporter's identity: shown to the secretary only, every showing logged."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from concerns import policies
from concerns.models import (
    Concern,
    IdentityDisclosure,
)


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
