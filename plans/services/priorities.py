"""Public priorities: set by a meeting decision, published, updated ("what we are doing"),
closed with an outcome; concerns linked; residents follow them by email (double opt-in).

Emails to followers go through the notifications outbox in the same transaction as the change
that causes them, each with its unsubscribe link; an address is never shown anywhere.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concerns.models import Concern
from councils.models import Decision, Meeting
from councils.selectors import is_sensitive
from notifications.services import absolute_url, queue_email
from plans import policies
from plans.models import PlanEvent, Priority, PriorityConcern, PriorityFollower, PriorityUpdate
from plans.services.common import PlanRuleError, record, require
from publictexts.text import has_text

Status = Priority.Status
Kind = PlanEvent.Kind


def lock_priority(priority: Priority) -> Priority:
    return (
        Priority.objects.select_for_update(of=("self",))
        .select_related("council__municipality")
        .get(pk=priority.pk)
    )


def _require_open(priority: Priority) -> None:
    if priority.status == Status.CLOSED:
        raise PlanRuleError(_("This priority is closed."))


def _check_settlements(council, settlements) -> list:
    settlements = list(settlements or [])
    if any(s.municipality_id != council.municipality_id for s in settlements):
        raise ValidationError(
            {"settlements": _("Choose settlements of the council's municipality.")}
        )
    return settlements


@transaction.atomic
def set_priority(
    decision: Decision, *, by, title: dict, commitment: dict, settlements=()
) -> Priority:
    """The meeting set a priority (``decision`` of kind "priority"): it is public once the
    secretary publishes it. Called inside ``record_decision``; the next draft agendas get it."""
    meeting = decision.agenda_item.meeting
    council = meeting.council
    require(policies.can_manage_priorities(by, council))
    item = decision.agenda_item
    if item.is_confidential:
        raise PlanRuleError(_("A confidential item does not become a public priority."))
    if not has_text(title):
        raise ValidationError({"priority_title": _("Name the issue the priority is about.")})
    settlements = _check_settlements(council, settlements)
    set_on = timezone.localtime(meeting.held_at or meeting.planned_at, meeting.zone).date()
    priority = Priority.objects.create(
        council=council, decision=decision, title=title, commitment=commitment or {}, set_on=set_on
    )
    priority.settlements.set(settlements)
    record(Kind.PRIORITY_SET, council_id=council.pk, by=by, priority=priority)
    if item.concern_id and not is_sensitive(item.concern.category):
        link_concern(priority, by=by, concern=item.concern)
    from councils.services.agenda import add_priority_to_draft_agendas

    add_priority_to_draft_agendas(priority, after=meeting)
    return priority


@transaction.atomic
def update_priority(
    priority: Priority, *, by, title: dict, commitment: dict, settlements=()
) -> Priority:
    require(policies.can_manage_priorities(by, priority.council_id))
    priority = lock_priority(priority)
    _require_open(priority)
    if not has_text(title):
        raise ValidationError({"title": _("Name the issue the priority is about.")})
    priority.title, priority.commitment = title, commitment or {}
    priority.save(update_fields=["title", "commitment", "updated_at"])
    priority.settlements.set(_check_settlements(priority.council, settlements))
    record(Kind.PRIORITY_CHANGED, council_id=priority.council_id, by=by, priority=priority)
    return priority


@transaction.atomic
def publish_priority(priority: Priority, *, by) -> Priority:
    require(policies.can_manage_priorities(by, priority.council_id))
    priority = lock_priority(priority)
    if priority.status != Status.SET:
        raise PlanRuleError(_("This priority is public already."))
    priority.status, priority.published_at = Status.PUBLISHED, timezone.now()
    priority.save(update_fields=["status", "published_at", "updated_at"])
    record(Kind.PRIORITY_PUBLISHED, council_id=priority.council_id, by=by, priority=priority)
    return priority


@transaction.atomic
def add_update(priority: Priority, *, by, on: date, text: dict) -> PriorityUpdate:
    """A dated "what we are doing"; confirmed followers of a public priority are emailed."""
    require(policies.can_manage_priorities(by, priority.council_id))
    priority = lock_priority(priority)
    _require_open(priority)
    if not has_text(text):
        raise ValidationError({"text": _("Write the update in at least one language.")})
    if on > timezone.localdate() or on < priority.set_on:
        raise ValidationError(
            {"on": _("The date lies between the day the priority was set and today.")}
        )
    update = PriorityUpdate.objects.create(priority=priority, on=on, text=text, written_by=by)
    record(Kind.PRIORITY_UPDATED, council_id=priority.council_id, by=by, priority=priority)
    if priority.is_public:
        _email_followers(priority, "priority_update", {"update": update})
    return update


@transaction.atomic
def close_priority(priority: Priority, *, by, outcome: dict, closed_on: date) -> Priority:
    require(policies.can_manage_priorities(by, priority.council_id))
    priority = lock_priority(priority)
    _require_open(priority)
    if not has_text(outcome):
        raise ValidationError({"outcome": _("Say what came of the priority.")})
    if closed_on > timezone.localdate() or closed_on < priority.set_on:
        raise ValidationError(
            {"closed_on": _("The date lies between the day the priority was set and today.")}
        )
    priority.status, priority.outcome, priority.closed_on = Status.CLOSED, outcome, closed_on
    priority.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
    # Report-back items not yet discussed leave the draft agendas with it.
    priority.agenda_items.filter(
        meeting__status=Meeting.Status.PLANNED, meeting__agenda_published_at__isnull=True
    ).delete()
    record(Kind.PRIORITY_CLOSED, council_id=priority.council_id, by=by, priority=priority)
    if priority.is_public:
        _email_followers(priority, "priority_closed", {})
    return priority


@transaction.atomic
def link_concern(priority: Priority, *, by, concern: Concern) -> PriorityConcern:
    """Its reporter then reads the priority's public updates on the tracking page. Sensitive
    concerns are never linked: members read a priority's concerns."""
    require(policies.can_manage_priorities(by, priority.council_id))
    priority = lock_priority(priority)
    _require_open(priority)
    if concern.council_id != priority.council_id:
        raise ValidationError({"concern": _("This concern belongs to another council.")})
    if is_sensitive(concern.category):
        raise PlanRuleError(
            _("A concern of a sensitive category is not linked to a public priority.")
        )
    link, created = PriorityConcern.objects.get_or_create(
        priority=priority, concern=concern, defaults={"linked_by": by}
    )
    if created:
        record(
            Kind.CONCERN_LINKED,
            council_id=priority.council_id,
            by=by,
            priority=priority,
            note=concern.reference,
        )
    return link


# --- Followers


def _follower_links(follower: PriorityFollower) -> dict:
    return {
        "confirm_url": absolute_url(reverse("plans:public_follow_confirm", args=[follower.token])),
        "unsubscribe_url": absolute_url(reverse("plans:public_unsubscribe", args=[follower.token])),
        "priority_url": absolute_url(
            reverse("councils:public_council", args=[follower.priority.council_id])
            + f"#priority-{follower.priority_id}"
        ),
    }


def _send(follower: PriorityFollower, template: str, extra: dict) -> None:
    with translation.override(follower.language):
        context = {
            "priority": follower.priority,
            "municipality": follower.priority.council.municipality,
            **_follower_links(follower),
            **extra,
        }
        subject = render_to_string(f"plans/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"plans/email/{template}.txt", context)
    queue_email(to=follower.email, subject=subject, body=body)


def _email_followers(priority: Priority, template: str, extra: dict) -> None:
    followers = priority.followers.filter(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).select_related("priority__council__municipality")
    for follower in followers:
        _send(follower, template, extra)


@transaction.atomic
def follow_priority(priority: Priority, *, email: str, language: str, consent: bool) -> None:
    """A resident asks for the updates: a confirmation email, nothing else until it is opened.
    The answer is the same whether the address followed already or not."""
    if not consent:
        raise ValidationError({"consent": _("Tick the box to agree to these emails.")})
    priority = lock_priority(priority)
    if not priority.is_public or priority.status == Status.CLOSED:
        raise PlanRuleError(_("This priority is not open to followers."))
    email = email.strip().lower()
    follower, created = PriorityFollower.objects.get_or_create(
        priority=priority,
        email=email,
        defaults={"language": language, "consented_at": timezone.now()},
    )
    if follower.receives_updates:
        return
    follower.language, follower.consented_at, follower.unsubscribed_at = (
        language,
        timezone.now(),
        None,
    )
    follower.confirmed_at = None
    follower.save(update_fields=["language", "consented_at", "unsubscribed_at", "confirmed_at"])
    follower.priority = priority
    _send(follower, "follow_confirm", {})


@transaction.atomic
def confirm_follower(token: str) -> PriorityFollower | None:
    follower = (
        PriorityFollower.objects.select_for_update(of=("self",))
        .select_related("priority__council")
        .filter(token=token)
        .first()
    )
    if follower is None or follower.unsubscribed_at is not None:
        return None
    if follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
        record(
            Kind.FOLLOWED,
            council_id=follower.priority.council_id,
            by=None,
            priority=follower.priority,
        )
    return follower


@transaction.atomic
def unsubscribe(token: str) -> PriorityFollower | None:
    """No more emails; the address is erased (nothing else needs it)."""
    follower = (
        PriorityFollower.objects.select_for_update(of=("self",))
        .select_related("priority__council")
        .filter(token=token)
        .first()
    )
    if follower is None:
        return None
    if follower.unsubscribed_at is None:
        follower.unsubscribed_at = timezone.now()
        follower.email = f"unsubscribed-{follower.pk}@invalid"
        follower.save(update_fields=["unsubscribed_at", "email"])
        record(
            Kind.UNFOLLOWED,
            council_id=follower.priority.council_id,
            by=None,
            priority=follower.priority,
        )
    return follower
