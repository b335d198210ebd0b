"""The steps of a plan (adopt, submit, Assembly approval, revise) and of a priority (publish,
close), declared once and served by one view each."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans import forms, policies, services
from plans.models import Priority, SafetyPlan
from transitions import Transition, TransitionSet

Status = SafetyPlan.Status


def _plan_for_staff(request, pk: int) -> SafetyPlan:
    plan = (
        policies.plans_visible_to(request.user)
        .select_related("council__municipality")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def _priority_for_staff(request, pk: int) -> Priority:
    priority = (
        policies.priorities_visible_to(request.user)
        .select_related("council__municipality")
        .filter(pk=pk)
        .first()
    )
    if priority is None:
        raise Http404
    return priority


plan_transitions = TransitionSet(
    namespace="plans",
    url_name="plan_transition",
    route="staff/plans/<int:pk>/do/<transition_name:name>/",
    get_object=_plan_for_staff,
    redirect_to=lambda plan: reverse("plans:plan", args=[plan.pk]),
    version=lambda plan: plan.updated_at.isoformat(),
)

for transition in (
    Transition(
        name="adopt",
        title=_("Sign the adoption"),
        allowed=policies.can_adopt_plan,
        available=lambda p: p.status == Status.DRAFT and p.adoption_decision_id is not None,
        perform=lambda p, *, by, data: services.adopt_plan(p, by=by),
        success=_("The plan is adopted; its public page shows it."),
        style="primary",
    ),
    Transition(
        name="submit",
        title=_("Submitted to the Municipal Assembly"),
        allowed=policies.can_edit_plan,
        available=lambda p: p.status == Status.ADOPTED,
        form_class=forms.SubmitForm,
        prefix="submit",
        perform=lambda p, *, by, data: services.submit_plan(p, by=by, **data),
        success=_("The submission to the Assembly is recorded."),
        style="primary",
    ),
    Transition(
        name="approve",
        title=_("Approved by the Municipal Assembly"),
        allowed=policies.can_edit_plan,
        available=lambda p: p.status == Status.SUBMITTED,
        form_class=forms.ApprovalForm,
        prefix="approve",
        perform=lambda p, *, by, data: services.record_assembly_approval(p, by=by, **data),
        success=_("The Assembly's approval is recorded."),
        style="primary",
    ),
    Transition(
        name="revise",
        title=_("Start a revision"),
        allowed=policies.can_edit_plan,
        available=lambda p: p.status != Status.DRAFT,
        form_class=forms.RevisionForm,
        prefix="revise",
        perform=lambda p, *, by, data: services.start_revision(p, by=by, **data),
        success=_("The plan is a draft again; the public page keeps the adopted plan."),
        style="danger",
    ),
):
    plan_transitions.add(transition)


priority_transitions = TransitionSet(
    namespace="plans",
    url_name="priority_transition",
    route="staff/priorities/<int:pk>/do/<transition_name:name>/",
    get_object=_priority_for_staff,
    redirect_to=lambda priority: reverse("plans:priority", args=[priority.pk]),
    version=lambda priority: priority.updated_at.isoformat(),
)


def _manages(user, priority: Priority) -> bool:
    return policies.can_manage_priorities(user, priority.council_id)


for transition in (
    Transition(
        name="publish",
        title=_("Publish the priority"),
        allowed=_manages,
        available=lambda p: p.status == Priority.Status.SET,
        perform=lambda p, *, by, data: services.publish_priority(p, by=by),
        success=_("The priority is on the council's public page."),
        style="primary",
    ),
    Transition(
        name="close",
        title=_("Close with an outcome"),
        allowed=_manages,
        available=lambda p: p.is_open,
        form_class=forms.CloseForm,
        form_kwargs=lambda p, request: {"priority": p},
        prefix="close",
        perform=lambda p, *, by, data: services.close_priority(p, by=by, **data),
        success=_("The priority is closed; its followers are told the outcome."),
        style="danger",
    ),
):
    priority_transitions.add(transition)
