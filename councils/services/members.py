"""Appointing and ending memberships: history is kept, past attendance stays."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from councils import policies
from councils.models import Council, CouncilEvent, Membership, Person
from councils.services.common import MeetingRuleError, record, require


@transaction.atomic
def appoint_member(
    council: Council,
    *,
    by,
    role: str,
    start_date: date,
    person: Person | None = None,
    full_name: str = "",
    email: str = "",
    represents: str = "",
    community: str = "",
    gender: str = "",
    appointment_number: str = "",
    appointment_date: date | None = None,
) -> Membership:
    """The Municipal Assembly's appointment, recorded by the secretary."""
    require(policies.can_manage_members(by, council))
    if person is None:
        full_name = (full_name or "").strip()
        if not full_name:
            raise ValidationError({"full_name": _("Give the member's full name.")})
        person = Person.objects.create(
            full_name=full_name, email=email, community=community, gender=gender
        )
    else:
        given = {"community": community, "gender": gender, "email": email}
        changed = [f for f, v in given.items() if v and getattr(person, f) != v]
        for field in changed:
            setattr(person, field, given[field])
        if changed:
            person.save(update_fields=changed)
    if appointment_date and appointment_date > start_date:
        raise ValidationError(
            {"appointment_date": _("The Assembly's decision comes before the start date.")}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                person=person,
                council=council,
                role=role,
                represents=represents,
                start_date=start_date,
                appointment_number=appointment_number,
                appointment_date=appointment_date,
            )
    except IntegrityError as exc:
        raise MeetingRuleError(
            _("%(person)s already holds this role in the council.") % {"person": person}
        ) from exc
    record(
        CouncilEvent.Kind.APPOINTED,
        council=council,
        by=by,
        note=f"{person} – {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, by, end_date: date, reason: str) -> Membership:
    require(policies.can_manage_members(by, membership.council))
    locked = Membership.objects.select_for_update().select_related("person").get(pk=membership.pk)
    reason = (reason or "").strip()
    if locked.end_date is not None:
        raise MeetingRuleError(_("This membership has already ended."))
    if not reason:
        raise ValidationError({"reason": _("Say why the membership ends.")})
    if end_date < locked.start_date:
        raise ValidationError({"end_date": _("A membership cannot end before it started.")})
    locked.end_date, locked.end_reason = end_date, reason
    locked.save(update_fields=["end_date", "end_reason"])
    record(
        CouncilEvent.Kind.MEMBERSHIP_ENDED,
        council=locked.council_id,
        by=by,
        note=f"{locked.person} – {reason}",
    )
    membership.refresh_from_db()
    return locked
