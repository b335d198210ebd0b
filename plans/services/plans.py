"""Every change to an action plan: drafting, adoption, the Assembly, revisions, links, values.

The structure (objectives, activities) changes only while the plan is a draft; an adopted plan
changes by a revision, which keeps the adopted text as a PlanRevision until it is adopted again.
Links and indicator values are how an adopted plan is carried out: they need no revision.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, Decision, Meeting
from plans import policies
from plans.models import (
    Activity,
    Objective,
    PlanEvent,
    PlanRevision,
    SafetyPlan,
)
from plans.services.common import PlanRuleError, record, require
from policing.models import PartnerBody, PoliceUnit
from publictexts.text import has_text

Status = SafetyPlan.Status
Kind = PlanEvent.Kind


def lock_plan(plan: SafetyPlan) -> SafetyPlan:
    return (
        SafetyPlan.objects.select_for_update(of=("self",))
        .select_related("council__municipality")
        .get(pk=plan.pk)
    )


def _require_draft(plan: SafetyPlan) -> None:
    if plan.status != Status.DRAFT:
        raise PlanRuleError(
            _("An adopted plan changes only by a revision: start a revision first.")
        )


def _require_title(value: dict, field: str) -> dict:
    if not has_text(value):
        raise ValidationError({field: _("Write the text in at least one language.")})
    return value


def _check_period(starts_on: date, ends_on: date, part_of: SafetyPlan | None) -> None:
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The period ends after it starts.")})
    if part_of is not None and not (part_of.starts_on <= starts_on and ends_on <= part_of.ends_on):
        raise ValidationError({"part_of": _("A yearly part lies within its plan's period.")})


@transaction.atomic
def create_plan(
    council: Council,
    *,
    by,
    title: dict,
    starts_on: date,
    ends_on: date,
    part_of: SafetyPlan | None = None,
) -> SafetyPlan:
    require(policies.can_create_plan(by, council))
    _require_title(title, "title")
    if part_of is not None and part_of.council_id != council.pk:
        raise ValidationError({"part_of": _("The plan is not one of this council's.")})
    if part_of is not None and part_of.part_of_id is not None:
        raise ValidationError(
            {"part_of": _("A yearly part belongs to a multi-year plan, not to another part.")}
        )
    _check_period(starts_on, ends_on, part_of)
    plan = SafetyPlan.objects.create(
        council=council,
        part_of=part_of,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    record(Kind.CREATED, council_id=council.pk, by=by, plan=plan)
    return plan


@transaction.atomic
def update_plan(plan: SafetyPlan, *, by, title: dict, starts_on: date, ends_on: date) -> SafetyPlan:
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    _require_draft(plan)
    _require_title(title, "title")
    _check_period(starts_on, ends_on, plan.part_of)
    plan.title, plan.starts_on, plan.ends_on = title, starts_on, ends_on
    plan.save(update_fields=["title", "starts_on", "ends_on", "updated_at"])
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan)
    return plan


@transaction.atomic
def add_objective(plan: SafetyPlan, *, by, title: dict) -> Objective:
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    _require_draft(plan)
    _require_title(title, "title")
    position = (plan.objectives.aggregate(n=Max("position"))["n"] or 0) + 1
    objective = Objective.objects.create(plan=plan, position=position, title=title)
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan, note=f"+ {position}.")
    return objective


@transaction.atomic
def update_objective(objective: Objective, *, by, title: dict) -> Objective:
    require(policies.can_edit_plan(by, objective.plan))
    plan = lock_plan(objective.plan)
    _require_draft(plan)
    objective.title = _require_title(title, "title")
    objective.save(update_fields=["title"])
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan, note=str(objective))
    return objective


def _check_activity(plan: SafetyPlan, data: dict) -> dict:
    _require_title(data["title"], "title")
    unit: PoliceUnit | None = data.get("responsible_unit")
    body: PartnerBody | None = data.get("responsible_body")
    if (unit is None) == (body is None):
        raise ValidationError(
            {"responsible_unit": _("Choose who is responsible: a police unit or a partner body.")}
        )
    municipality_id = plan.council.municipality_id
    responsible = unit or body
    if responsible.municipality_id != municipality_id:
        raise ValidationError(
            {"responsible_unit": _("The responsible body works in another municipality.")}
        )
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("The activity is due after it starts.")})
    if data.get("target") is not None and data.get("baseline") is None:
        raise ValidationError({"baseline": _("Give the baseline the target is measured from.")})
    return {
        "title": data["title"],
        "responsible_unit": unit,
        "responsible_body": body,
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "budget_line": (data.get("budget_line") or "").strip()[:200],
        "budget_amount": data.get("budget_amount"),
        "indicator": data.get("indicator") or {},
        "baseline": data.get("baseline"),
        "target": data.get("target"),
    }


@transaction.atomic
def add_activity(objective: Objective, *, by, **data) -> Activity:
    """``data``: title, responsible_unit or responsible_body, starts_on, ends_on, and optional
    budget_line, budget_amount, indicator, baseline, target."""
    require(policies.can_edit_plan(by, objective.plan))
    plan = lock_plan(objective.plan)
    _require_draft(plan)
    fields = _check_activity(plan, data)
    position = (objective.activities.aggregate(n=Max("position"))["n"] or 0) + 1
    activity = Activity.objects.create(objective=objective, position=position, **fields)
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan, note=f"+ {activity}")
    return activity


@transaction.atomic
def update_activity(activity: Activity, *, by, **data) -> Activity:
    plan = activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    _require_draft(plan)
    for name, value in _check_activity(plan, data).items():
        setattr(activity, name, value)
    activity.save()
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan, note=str(activity))
    return activity


@transaction.atomic
def remove_activity(activity: Activity, *, by) -> None:
    plan = activity.objective.plan
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    _require_draft(plan)
    if activity.links.exists() or activity.values.exists() or activity.agenda_items.exists():
        raise PlanRuleError(
            _("This activity has linked actions, decisions or values: it stays in the plan.")
        )
    note = f"− {activity}"
    activity.delete()
    record(Kind.CHANGED, council_id=plan.council_id, by=by, plan=plan, note=note)


# --- Adoption, the Assembly, revisions


@transaction.atomic
def record_adoption_decision(plan: SafetyPlan, *, by, decision: Decision) -> SafetyPlan:
    """The meeting decided to adopt the draft (the secretary records it in the minutes); a
    co-chair then signs the adoption (``adopt_plan``). Called inside ``record_decision``."""
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    if decision.agenda_item.meeting.council_id != plan.council_id:
        raise ValidationError({"plan": _("The plan is not one of this council's.")})
    _require_draft(plan)
    if not plan.objectives.filter(activities__isnull=False).exists():
        raise ValidationError({"plan": _("A plan is adopted with at least one activity.")})
    plan.adoption_decision = decision
    plan.save(update_fields=["adoption_decision", "updated_at"])
    record(Kind.ADOPTION_RECORDED, council_id=plan.council_id, by=by, plan=plan)
    return plan


@transaction.atomic
def adopt_plan(plan: SafetyPlan, *, by) -> PlanRevision:
    require(
        policies.can_adopt_plan(by, plan),
        _("Only a co-chair signs the adoption of the plan."),
    )
    plan = lock_plan(plan)
    _require_draft(plan)
    decision = plan.adoption_decision
    if decision is None:
        raise PlanRuleError(
            _(
                "A meeting adopts the plan: the secretary records that decision in its minutes first."
            )
        )
    if decision.agenda_item.meeting.status == Meeting.Status.CANCELLED:
        raise PlanRuleError(_("The meeting of the adopting decision was cancelled."))
    plan.status = Status.ADOPTED
    plan.revision += 1
    plan.adopted_at, plan.adopted_by = timezone.now(), by
    plan.submitted_on = plan.approved_on = None
    plan.assembly_reference = ""
    plan.save()
    revision = PlanRevision.objects.create(
        plan=plan,
        number=plan.revision,
        reason=plan.revision_reason if plan.revision > 1 else "",
        content=snapshot(plan),
        decision=decision,
        adopted_by=by,
    )
    record(Kind.ADOPTED, council_id=plan.council_id, by=by, plan=plan, note=f"r{plan.revision}")
    return revision


@transaction.atomic
def submit_plan(plan: SafetyPlan, *, by, submitted_on: date) -> SafetyPlan:
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    if plan.status != Status.ADOPTED:
        raise PlanRuleError(_("The council adopts the plan before it goes to the Assembly."))
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("The date cannot be in the future.")})
    plan.status, plan.submitted_on = Status.SUBMITTED, submitted_on
    plan.save(update_fields=["status", "submitted_on", "updated_at"])
    record(Kind.SUBMITTED, council_id=plan.council_id, by=by, plan=plan)
    return plan


@transaction.atomic
def record_assembly_approval(
    plan: SafetyPlan, *, by, approved_on: date, reference: str
) -> SafetyPlan:
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    if plan.status != Status.SUBMITTED:
        raise PlanRuleError(_("Only a plan submitted to the Assembly is approved by it."))
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the Assembly decision's reference.")})
    if approved_on < plan.submitted_on or approved_on > timezone.localdate():
        raise ValidationError(
            {"approved_on": _("The approval lies between the submission and today.")}
        )
    plan.status, plan.approved_on, plan.assembly_reference = (
        Status.APPROVED,
        approved_on,
        reference[:100],
    )
    plan.save(update_fields=["status", "approved_on", "assembly_reference", "updated_at"])
    record(Kind.APPROVED, council_id=plan.council_id, by=by, plan=plan, note=reference)
    return plan


@transaction.atomic
def start_revision(plan: SafetyPlan, *, by, reason: str) -> SafetyPlan:
    """The plan becomes a draft again; the public keeps reading the adopted revision until a
    meeting adopts the revised plan."""
    require(policies.can_edit_plan(by, plan))
    plan = lock_plan(plan)
    if plan.status == Status.DRAFT:
        raise PlanRuleError(_("The plan is a draft already."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the plan is revised.")})
    plan.status, plan.revision_reason, plan.adoption_decision = Status.DRAFT, reason, None
    plan.save(update_fields=["status", "revision_reason", "adoption_decision", "updated_at"])
    record(Kind.REVISION_STARTED, council_id=plan.council_id, by=by, plan=plan, note=reason)
    return plan


def snapshot(plan: SafetyPlan) -> dict:
    """The plan as adopted: what a revision keeps and the public page shows."""
    objectives = list(
        plan.objectives.prefetch_related(
            "activities__responsible_unit", "activities__responsible_body"
        )
    )

    def responsible(activity: Activity) -> dict:
        if activity.responsible_unit_id:
            return {"kind": "unit", "name": activity.responsible_unit.name, "translations": {}}
        body = activity.responsible_body
        return {"kind": "body", "name": body.name, "translations": body.name_translations or {}}

    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "title": plan.title,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "objectives": [
            {
                "id": objective.pk,
                "position": objective.position,
                "title": objective.title,
                "activities": [
                    {
                        "id": a.pk,
                        "position": a.position,
                        "title": a.title,
                        "responsible": responsible(a),
                        "starts_on": a.starts_on.isoformat(),
                        "ends_on": a.ends_on.isoformat(),
                        "budget_line": a.budget_line,
                        "budget_amount": number(a.budget_amount),
                        "indicator": a.indicator,
                        "baseline": number(a.baseline),
                        "target": number(a.target),
                    }
                    for a in sorted(objective.activities.all(), key=lambda a: (a.position, a.pk))
                ],
            }
            for objective in objectives
        ],
    }
