"""Staff pages of action plans: the list, drafting, the progress page, activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils import policies as council_policies
from councils.models import Council
from plans import forms, policies, selectors, services
from plans.models import Activity, ActivityLink, Objective, SafetyPlan
from plans.transitions import plan_transitions
from policing.policies import actions_visible_to
from transitions import add_service_errors


def _plan(request, pk: int) -> SafetyPlan:
    plan = (
        policies.plans_visible_to(request.user)
        .select_related(
            "council__municipality", "adoption_decision__agenda_item__meeting", "part_of"
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def _activity(request, pk: int) -> Activity:
    activity = (
        Activity.objects.select_related(
            "objective__plan__council__municipality", "responsible_unit", "responsible_body"
        )
        .filter(pk=pk, objective__plan__in=policies.plans_visible_to(request.user))
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def _refuse(request, exc: Exception) -> None:
    for message in getattr(exc, "messages", None) or [str(exc) or _("You may not do this.")]:
        messages.error(request, message)


def _submit(request, form, act, *, done: str, invalid: str | None = None) -> None:
    """A small form posted from a plan's or a priority's page: if it is valid, ``act`` (the
    service call, given the cleaned data) and ``done`` as the message; a refusal or an invalid
    form (``invalid``, else its own errors) is a message too. The view redirects back."""
    if not form.is_valid():
        errors = [invalid] if invalid else [m for ms in form.errors.values() for m in ms]
        for message in errors:
            messages.error(request, message)
        return
    try:
        act(form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        _refuse(request, exc)
    else:
        messages.success(request, done)


@login_required
def plans(request):
    """The user's councils' plans and priorities."""
    from plans.models import Priority

    councils = council_policies.councils_visible_to(request.user).filter(is_active=True)
    rows = list(
        policies.plans_visible_to(request.user)
        .filter(council__in=councils)
        .select_related("council__municipality")
        .order_by("council__name", "-starts_on")[:200]
    )
    if not rows and not councils.exists():
        raise PermissionDenied
    priorities = list(
        policies.priorities_visible_to(request.user)
        .filter(council__in=councils, status__in=Priority.OPEN)
        .select_related("council__municipality")
        .order_by("council__name", "-set_on")[:200]
    )
    managed = [
        c
        for c in councils.select_related("municipality")
        if policies.can_create_plan(request.user, c)
    ]
    return render(
        request,
        "plans/staff/plans.html",
        {"plans": rows, "priorities": priorities, "managed": managed},
    )


def _form_page(request, form, *, title: str, back: str, status: int = 200):
    return render(
        request,
        "plans/staff/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else status,
    )


@login_required
def new_plan(request, council_id: int):
    council = get_object_or_404(Council.objects.select_related("municipality"), pk=council_id)
    if not policies.can_create_plan(request.user, council):
        raise PermissionDenied
    form = forms.PlanForm(request.POST or None, council=council, new=True)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(council, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft plan is created: add its objectives."))
            return redirect("plans:plan", plan.pk)
    return _form_page(
        request,
        form,
        title=_("New action plan of %(council)s") % {"council": council.display_name},
        back=reverse("plans:plans"),
    )


@login_required
def plan(request, pk: int):
    """The plan's progress page: every objective and activity with its derived progress."""
    plan = _plan(request, pk)
    edits = policies.can_edit_plan(request.user, plan)
    progress = selectors.progress_page(plan)
    context = {
        "plan": plan,
        "council": plan.council,
        "progress": progress,
        "edits": edits,
        "editable": edits and plan.status == SafetyPlan.Status.DRAFT,
        "transitions": plan_transitions.available_for(request, plan),
        "revisions": list(plan.revisions.select_related("adopted_by").order_by("-number")),
        "parts": list(plan.parts.order_by("starts_on", "id")),
        "events": list(plan.events.select_related("actor").order_by("-created_at", "-id")[:30]),
    }
    if context["editable"]:
        context["objective_form"] = forms.ObjectiveForm(council=plan.council)
    return render(request, "plans/staff/plan.html", context)


@login_required
def edit_plan(request, pk: int):
    plan = _plan(request, pk)
    if not policies.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = forms.PlanForm(
        request.POST or None,
        council=plan.council,
        initial={"title": plan.title, "starts_on": plan.starts_on, "ends_on": plan.ends_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("plans:plan", plan.pk)
    return _form_page(
        request, form, title=_("Edit the plan"), back=reverse("plans:plan", args=[plan.pk])
    )


@login_required
@require_POST
def add_objective(request, pk: int):
    plan = _plan(request, pk)
    _submit(
        request,
        forms.ObjectiveForm(request.POST, council=plan.council),
        lambda data: services.add_objective(plan, by=request.user, **data),
        done=_("The objective is added."),
        invalid=_("Write the objective in at least one language."),
    )
    return redirect("plans:plan", plan.pk)


def _objective(request, pk: int) -> Objective:
    objective = (
        Objective.objects.select_related("plan__council__municipality")
        .filter(pk=pk, plan__in=policies.plans_visible_to(request.user))
        .first()
    )
    if objective is None:
        raise Http404
    return objective


@login_required
def edit_objective(request, pk: int):
    objective = _objective(request, pk)
    if not policies.can_edit_plan(request.user, objective.plan):
        raise PermissionDenied
    form = forms.ObjectiveForm(
        request.POST or None, council=objective.plan.council, initial={"title": objective.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_objective(objective, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The objective is saved."))
            return redirect("plans:plan", objective.plan_id)
    return _form_page(
        request,
        form,
        title=_("Edit the objective"),
        back=reverse("plans:plan", args=[objective.plan_id]),
    )


@login_required
def add_activity(request, pk: int):
    objective = _objective(request, pk)
    plan = objective.plan
    if not policies.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = forms.ActivityForm(
        request.POST or None,
        council=plan.council,
        initial={"starts_on": plan.starts_on, "ends_on": plan.ends_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(objective, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity is added."))
            return redirect("plans:plan", plan.pk)
    return _form_page(
        request,
        form,
        title=_("New activity for objective %(number)s") % {"number": objective.position},
        back=reverse("plans:plan", args=[plan.pk]),
    )


@login_required
def activity(request, pk: int):
    """One activity: its progress, links, indicator values; edited while the plan is a draft."""
    activity = _activity(request, pk)
    plan = activity.objective.plan
    edits = policies.can_edit_plan(request.user, plan)
    editable = edits and plan.status == SafetyPlan.Status.DRAFT
    form = None
    if editable:
        form = forms.ActivityForm(
            request.POST or None,
            council=plan.council,
            initial={
                f: getattr(activity, f)
                for f in (
                    "title",
                    "responsible_unit",
                    "responsible_body",
                    "starts_on",
                    "ends_on",
                    "budget_line",
                    "budget_amount",
                    "indicator",
                    "baseline",
                    "target",
                )
            },
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_activity(activity, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The activity is saved."))
                return redirect("plans:activity", activity.pk)
    annotated = selectors.annotated_activities(Activity.objects.filter(pk=activity.pk)).get()
    links = list(
        activity.links.select_related(
            "action__responsible_unit", "action__responsible_body", "decision__agenda_item__meeting"
        ).order_by("created_at")
    )
    # An action of a sensitive concern is read by the few who work on it: the others see that
    # it counts, not what it is.
    readable = set(
        actions_visible_to(request.user)
        .filter(pk__in=[link.action_id for link in links if link.action_id])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "plans/staff/activity.html",
        {
            "activity": activity,
            "plan": plan,
            "council": plan.council,
            "progress": selectors.progress_of(annotated),
            "form": form,
            "edits": edits,
            "editable": editable,
            "actions": [link for link in links if link.action_id in readable],
            "unreadable_actions": sum(
                1 for link in links if link.action_id and link.action_id not in readable
            ),
            "decisions": [link for link in links if link.decision_id],
            "values": list(
                activity.values.select_related("recorded_by").order_by("-measured_on", "-id")
            ),
            "value_form": forms.IndicatorValueForm() if edits and activity.indicator else None,
            "link_form": (
                forms.LinkActionForm(council=plan.council, user=request.user) if edits else None
            ),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def remove_activity(request, pk: int):
    activity = _activity(request, pk)
    plan_id = activity.objective.plan_id
    try:
        services.remove_activity(activity, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _refuse(request, exc)
        return redirect("plans:activity", activity.pk)
    messages.success(request, _("The activity is removed from the draft."))
    return redirect("plans:plan", plan_id)


@login_required
@require_POST
def record_value(request, pk: int):
    activity = _activity(request, pk)
    _submit(
        request,
        forms.IndicatorValueForm(request.POST),
        lambda data: services.record_indicator_value(activity, by=request.user, **data),
        done=_("The value is recorded."),
        invalid=_("Give the value and the date it was measured."),
    )
    return redirect("plans:activity", activity.pk)


@login_required
@require_POST
def link_action(request, pk: int):
    activity = _activity(request, pk)
    _submit(
        request,
        forms.LinkActionForm(
            request.POST, council=activity.objective.plan.council, user=request.user
        ),
        lambda data: services.link_action(activity, by=request.user, action=data["action"]),
        done=_("The action is linked to the activity."),
        invalid=_("Choose an action of this council."),
    )
    return redirect("plans:activity", activity.pk)


@login_required
@require_POST
def unlink(request, pk: int):
    link = get_object_or_404(
        ActivityLink.objects.select_related("activity__objective__plan"),
        pk=pk,
        activity__objective__plan__in=policies.plans_visible_to(request.user),
    )
    try:
        services.unlink(link, by=request.user)
    except PermissionDenied as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("The link is removed."))
    return redirect("plans:activity", link.activity_id)
