"""Carrying an adopted plan out: actions and decisions linked to activities, indicator values.

These need no revision: they are how the plan is done, not what it says.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Decision
from plans import policies
from plans.models import Activity, ActivityLink, IndicatorValue, PlanEvent
from plans.services.common import PlanRuleError, record, require
from plans.services.plans import lock_plan
from policing.models import FollowUpAction
from publictexts.text import has_text

Kind = PlanEvent.Kind


@transaction.atomic
def link_action(activity: Activity, *, by, action: FollowUpAction) -> ActivityLink:
    plan = activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    lock_plan(plan)
    if action.council_id != plan.council_id:
        raise ValidationError({"action": _("This action belongs to another council.")})
    existing = ActivityLink.objects.filter(action=action).select_related("activity").first()
    if existing is not None:
        if existing.activity_id == activity.pk:
            return existing
        raise PlanRuleError(_("This action serves another activity already."))
    link = ActivityLink.objects.create(activity=activity, action=action, linked_by=by)
    # The plan's history is read by the council's members and stays as written: no action's
    # title (a concern reclassified as sensitive later would keep it there). The activity page
    # lists the actions each reader may read.
    record(Kind.LINKED, council_id=plan.council_id, by=by, plan=plan, note=str(activity))
    return link


@transaction.atomic
def link_decision(activity: Activity, *, by, decision: Decision) -> ActivityLink:
    plan = activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    lock_plan(plan)
    if decision.agenda_item.meeting.council_id != plan.council_id:
        raise ValidationError({"decision": _("The decision is not one of this council's.")})
    link, created = ActivityLink.objects.get_or_create(
        activity=activity, decision=decision, defaults={"linked_by": by}
    )
    if created:
        record(Kind.LINKED, council_id=plan.council_id, by=by, plan=plan, note=f"{activity}")
    return link


@transaction.atomic
def unlink(link: ActivityLink, *, by) -> None:
    plan = link.activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    lock_plan(plan)
    note = f"{link.activity}"
    link.delete()
    record(Kind.UNLINKED, council_id=plan.council_id, by=by, plan=plan, note=note)


@transaction.atomic
def record_indicator_value(
    activity: Activity, *, by, value: Decimal, measured_on: date, source: str = ""
) -> IndicatorValue:
    plan = activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    lock_plan(plan)
    if not has_text(activity.indicator):
        raise PlanRuleError(_("This activity has no indicator to measure."))
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("The date cannot be in the future.")})
    row = IndicatorValue.objects.create(
        activity=activity,
        value=value,
        measured_on=measured_on,
        source=(source or "").strip()[:200],
        recorded_by=by,
    )
    record(
        Kind.VALUE_RECORDED,
        council_id=plan.council_id,
        by=by,
        plan=plan,
        note=f"{activity}: {value} ({measured_on.isoformat()})",
    )
    return row
