"""Staff pages of priorities: the priority, its public updates, linked concerns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concerns.models import Concern
from concerns.policies import exclude_sensitive
from plans import forms, policies, services
from plans.models import Priority
from plans.transitions import priority_transitions
from plans.views.plans import _refuse, _submit
from transitions import add_service_errors


def _priority(request, pk: int) -> Priority:
    priority = (
        policies.priorities_visible_to(request.user)
        .select_related("council__municipality", "decision__agenda_item__meeting")
        .filter(pk=pk)
        .first()
    )
    if priority is None:
        raise Http404
    return priority


@login_required
def priority(request, pk: int):
    priority = _priority(request, pk)
    manages = policies.can_manage_priorities(request.user, priority.council_id)
    concerns = (
        Concern.objects.filter(priority_links__priority=priority)
        .select_related("category", "settlement")
        .order_by("reference")
    )
    return render(
        request,
        "plans/staff/priority.html",
        {
            "priority": priority,
            "council": priority.council,
            "manages": manages,
            "updates": list(priority.updates.select_related("written_by").order_by("-on", "-id")),
            "settlements": list(priority.settlements.order_by("name")),
            "concerns": list(exclude_sensitive(concerns, request.user)),
            "transitions": priority_transitions.available_for(request, priority),
            "update_form": forms.PriorityUpdateForm(council=priority.council)
            if manages and priority.is_open
            else None,
            "link_form": forms.LinkConcernForm() if manages and priority.is_open else None,
            "followers": priority.followers.filter(
                confirmed_at__isnull=False, unsubscribed_at__isnull=True
            ).count(),
            "events": list(
                priority.events.select_related("actor").order_by("-created_at", "-id")[:30]
            ),
        },
    )


@login_required
def edit_priority(request, pk: int):
    priority = _priority(request, pk)
    if not policies.can_manage_priorities(request.user, priority.council_id):
        raise PermissionDenied
    form = forms.PriorityForm(
        request.POST or None,
        council=priority.council,
        initial={
            "title": priority.title,
            "commitment": priority.commitment,
            "settlements": list(priority.settlements.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_priority(priority, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The priority is saved."))
            return redirect("plans:priority", priority.pk)
    return render(
        request,
        "plans/staff/form.html",
        {
            "form": form,
            "title": _("Edit the priority"),
            "back": reverse("plans:priority", args=[priority.pk]),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def add_update(request, pk: int):
    priority = _priority(request, pk)
    _submit(
        request,
        forms.PriorityUpdateForm(request.POST, council=priority.council),
        lambda data: services.add_update(priority, by=request.user, **data),
        done=_("The update is recorded."),
    )
    return redirect("plans:priority", priority.pk)


@login_required
@require_POST
def link_concern(request, pk: int):
    priority = _priority(request, pk)
    form = forms.LinkConcernForm(request.POST)
    concern = None
    if form.is_valid():
        concern = (
            Concern.objects.select_related("category")
            .filter(
                reference=form.cleaned_data["reference"].strip().upper(), council=priority.council
            )
            .first()
        )
    if concern is None:
        messages.error(request, _("No concern of this council has that reference."))
        return redirect("plans:priority", priority.pk)
    try:
        services.link_concern(priority, by=request.user, concern=concern)
    except (ValidationError, PermissionDenied) as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("The concern is linked: its reporter sees the priority."))
    return redirect("plans:priority", priority.pk)
