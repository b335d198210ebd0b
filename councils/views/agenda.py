"""Staff pages of the agenda and its items: add, order, remove, minutes of an item, decisions."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concerns.models import Concern
from councils import forms, policies, services
from councils.models import AgendaItem, Meeting
from councils.views.common import back_to_meeting, ids_of, show_refusal, staff_item, staff_meeting
from policing.models import FollowUpAction
from transitions import add_service_errors

Status = Meeting.Status


@login_required
@require_POST
def add_item(request, pk: int):
    meeting = staff_meeting(request, pk)
    try:
        if request.POST.get("concern"):
            concern = get_object_or_404(
                Concern, pk=request.POST["concern"], council_id=meeting.council_id
            )
            services.add_concern_item(meeting, by=request.user, concern=concern)
        elif request.POST.get("action"):
            action = get_object_or_404(
                FollowUpAction, pk=request.POST["action"], council_id=meeting.council_id
            )
            services.add_action_item(meeting, by=request.user, action=action)
        else:
            form = forms.FreeItemForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the item a title."))
            services.add_free_item(meeting, by=request.user, title=form.cleaned_data["title"])
    except (ValidationError, PermissionDenied) as exc:
        show_refusal(request, exc)
        return back_to_meeting(meeting, "add-items")
    messages.success(request, _("The item is on the agenda."))
    return back_to_meeting(meeting, "add-items")


@login_required
@require_POST
def move_item(request, pk: int):
    item = staff_item(request, pk)
    try:
        services.move_item(
            item,
            by=request.user,
            up=request.POST.get("direction") == "up",
            expected_order=ids_of(request.POST.get("order", "")),
        )
    except (ValidationError, PermissionDenied) as exc:
        show_refusal(request, exc)
        return back_to_meeting(item.meeting)
    return back_to_meeting(item.meeting, f"item-{item.pk}")


@login_required
@require_POST
def reorder(request, pk: int):
    """The drag-and-drop order (JavaScript sends the whole list)."""
    meeting = staff_meeting(request, pk)
    try:
        services.reorder_agenda(
            meeting,
            by=request.user,
            order=ids_of(request.POST.get("new_order", "")),
            expected_order=ids_of(request.POST.get("order", "")),
        )
    except (ValidationError, PermissionDenied) as exc:
        if request.headers.get("accept") == "application/json":
            status = 403 if isinstance(exc, PermissionDenied) else 409
            message = " ".join(getattr(exc, "messages", [str(exc)]))
            return HttpResponse(
                json.dumps({"error": message}), status=status, content_type="application/json"
            )
        show_refusal(request, exc)
    return back_to_meeting(meeting)


@login_required
@require_POST
def remove_item(request, pk: int):
    item = staff_item(request, pk)
    try:
        services.remove_item(item, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, _("The item was taken off the agenda."))
    return back_to_meeting(item.meeting)


@login_required
def item(request, pk: int):
    """One item: its title and minutes (discussion, public summary) and its decisions."""
    item = staff_item(request, pk)
    meeting = item.meeting
    council = meeting.council
    manages = policies.can_manage_meetings(request.user, council)
    form = forms.ItemForm(
        request.POST or None,
        council=council,
        initial={
            "title": item.title,
            "discussion": item.discussion,
            "public_summary": item.public_summary,
        },
    )
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_item(item, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The item is saved."))
                return redirect("councils:item", item.pk)
    decision_form = None
    if manages and meeting.minutes_editable and item.kind != AgendaItem.Kind.MINUTES_APPROVAL:
        decision_form = forms.DecisionForm(item=item)
    return render(
        request,
        "councils/staff/item.html",
        {
            "item": item,
            "meeting": meeting,
            "council": council,
            "form": form if manages else None,
            "decision_form": decision_form,
            "decisions": list(item.decisions.all()),
            "annotation_form": forms.AnnotationForm(initial={"annotation": item.annotation})
            if item.kind == AgendaItem.Kind.POLICE_REPORT
            and policies.can_annotate_police_report(request.user, meeting)
            else None,
            "can_record_approval": manages
            and item.kind == AgendaItem.Kind.MINUTES_APPROVAL
            and meeting.minutes_editable
            and item.minutes_of
            and item.minutes_of.status == Status.MINUTES_DRAFT,
            "manages": manages,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def decide(request, pk: int):
    item = staff_item(request, pk)
    meeting = item.meeting
    if not policies.can_manage_meetings(request.user, meeting.council):
        raise PermissionDenied
    if request.POST.get("approve_minutes") and item.minutes_of_id:
        try:
            services.approve_minutes(item.minutes_of, by=request.user, at_meeting=meeting)
        except (ValidationError, PermissionDenied) as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("The earlier minutes are recorded as approved."))
        return redirect("councils:item", item.pk)
    form = forms.DecisionForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.record_decision(item, by=request.user, **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("councils:item", item.pk)
    return render(
        request,
        "councils/staff/item.html",
        {
            "item": item,
            "meeting": meeting,
            "council": meeting.council,
            "decision_form": form,
            "decisions": list(item.decisions.all()),
            "manages": True,
        },
        status=400,
    )


@login_required
@require_POST
def annotate(request, pk: int):
    item = staff_item(request, pk)
    form = forms.AnnotationForm(request.POST)
    if form.is_valid():
        try:
            services.annotate_police_report(
                item, by=request.user, annotation=form.cleaned_data["annotation"]
            )
        except (ValidationError, PermissionDenied) as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("The note is saved."))
    return redirect("councils:item", item.pk)
