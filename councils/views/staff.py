"""Staff pages of meetings: list, schedule, the meeting (agenda, attendance, minutes), items."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concerns.models import Concern
from councils import forms, policies, selectors, services
from councils.models import AgendaItem, Council, Meeting
from councils.transitions import meeting_transitions
from policing.models import FollowUpAction
from transitions import add_service_errors

Status = Meeting.Status


def _meeting(request, pk: int) -> Meeting:
    meeting = (
        policies.meetings_for_staff(request.user)
        .select_related("council__municipality", "minutes_approved_by", "approved_at_meeting")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def _item(request, pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__council__municipality", "concern__category", "action", "minutes_of__council"
        ),
        pk=pk,
    )
    if not policies.meetings_for_staff(request.user).filter(pk=item.meeting_id).exists():
        raise Http404
    return item


def _refusal(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc) or _("You may not do this."))


def _back(meeting: Meeting, anchor: str = "agenda"):
    return redirect(reverse("councils:meeting", args=[meeting.pk]) + f"#{anchor}")


@login_required
def meetings(request):
    """The user's councils' meetings; planned ones past their date are overdue."""
    scope_councils = policies.councils_visible_to(request.user).filter(is_active=True)
    rows = list(
        selectors.meetings_for_staff(request.user, policies.meetings_for_staff(request.user))
        .filter(council__in=scope_councils)
        .order_by("-planned_at")[:200]
    )
    if not rows and not scope_councils.exists():
        raise PermissionDenied
    managed = [c for c in scope_councils if policies.can_manage_meetings(request.user, c)]
    watches_overdue = {
        c.pk
        for c in scope_councils
        if policies.can_manage_meetings(request.user, c) or policies.is_co_chair_of(request.user, c)
    }
    overdue = [m for m in rows if m.is_overdue and m.council_id in watches_overdue]
    return render(
        request,
        "councils/staff/meetings.html",
        {"meetings": rows, "managed": managed, "overdue": overdue},
    )


@login_required
def schedule(request, council_id: int):
    council = get_object_or_404(Council.objects.select_related("municipality"), pk=council_id)
    if not policies.can_manage_meetings(request.user, council):
        raise PermissionDenied
    form = forms.ScheduleForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                council,
                by=request.user,
                kind=form.cleaned_data["kind"],
                planned_at=form.planned_at(),
                place=form.cleaned_data["place"],
            )
        except ValidationError as exc:
            add_service_errors(form, _day_errors(exc))
        else:
            messages.success(request, _("The meeting is planned; its draft agenda is ready."))
            return redirect("councils:meeting", meeting.pk)
    return render(
        request,
        "councils/staff/schedule.html",
        {"form": form, "council": council},
        status=400 if form.errors else 200,
    )


def _day_errors(exc: ValidationError) -> ValidationError:
    """The service speaks of ``planned_at``; the form has a date and a time."""
    if hasattr(exc, "error_dict") and "planned_at" in exc.error_dict:
        return ValidationError({"day": exc.error_dict["planned_at"]})
    return exc


@login_required
def meeting(request, pk: int):
    meeting = _meeting(request, pk)
    council = meeting.council
    manages = policies.can_manage_meetings(request.user, council)
    items = selectors.agenda_of(meeting)
    selectors.with_figures(meeting, items, _("No settlement given"))
    members, guests = selectors.attendance_of(meeting)
    context = {
        "meeting": meeting,
        "council": council,
        "items": items,
        "order": ",".join(str(i.pk) for i in items),
        "manages": manages,
        "is_secretary": manages,
        "members_attending": members,
        "guests": guests,
        "transitions": meeting_transitions.available_for(request, meeting),
        "revisions": list(meeting.revisions.select_related("approved_by")),
        "events": list(meeting.events.select_related("actor").order_by("-created_at")[:30]),
        "can_annotate": policies.can_annotate_police_report(request.user, meeting),
    }
    if manages and meeting.status in (Status.PLANNED, Status.HELD, Status.MINUTES_DRAFT):
        context["concern_pool"] = list(selectors.concern_pool(meeting)[:50])
        context["action_pool"] = list(selectors.action_pool(meeting)[:50])
        context["free_form"] = forms.FreeItemForm()
    if manages and meeting.minutes_editable:
        context["minutes_form"] = forms.MinutesForm(
            council=council,
            initial={
                "minutes_summary": meeting.minutes_summary,
                "public_summary": meeting.public_summary,
            },
        )
    if meeting.status in Meeting.APPROVED and policies.can_correct_minutes(request.user, meeting):
        context["correction_form"] = forms.CorrectionForm(meeting=meeting, items=items)
    return render(request, "councils/staff/meeting.html", context)


@login_required
@require_POST
def add_item(request, pk: int):
    meeting = _meeting(request, pk)
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
        _refusal(request, exc)
        return _back(meeting, "add-items")
    messages.success(request, _("The item is on the agenda."))
    return _back(meeting, "add-items")


def _ids(value: str) -> list[int]:
    try:
        return [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        return []


@login_required
@require_POST
def move_item(request, pk: int):
    item = _item(request, pk)
    try:
        services.move_item(
            item,
            by=request.user,
            up=request.POST.get("direction") == "up",
            expected_order=_ids(request.POST.get("order", "")),
        )
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
        return _back(item.meeting)
    return _back(item.meeting, f"item-{item.pk}")


@login_required
@require_POST
def reorder(request, pk: int):
    """The drag-and-drop order (JavaScript sends the whole list)."""
    meeting = _meeting(request, pk)
    try:
        services.reorder_agenda(
            meeting,
            by=request.user,
            order=_ids(request.POST.get("new_order", "")),
            expected_order=_ids(request.POST.get("order", "")),
        )
    except (ValidationError, PermissionDenied) as exc:
        if request.headers.get("accept") == "application/json":
            status = 403 if isinstance(exc, PermissionDenied) else 409
            message = " ".join(getattr(exc, "messages", [str(exc)]))
            return HttpResponse(
                json.dumps({"error": message}), status=status, content_type="application/json"
            )
        _refusal(request, exc)
    return _back(meeting)


@login_required
@require_POST
def remove_item(request, pk: int):
    item = _item(request, pk)
    try:
        services.remove_item(item, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("The item was taken off the agenda."))
    return _back(item.meeting)


@login_required
def item(request, pk: int):
    """One item: its title and minutes (discussion, public summary) and its decisions."""
    item = _item(request, pk)
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
    item = _item(request, pk)
    meeting = item.meeting
    if not policies.can_manage_meetings(request.user, meeting.council):
        raise PermissionDenied
    if request.POST.get("approve_minutes") and item.minutes_of_id:
        try:
            services.approve_minutes(item.minutes_of, by=request.user, at_meeting=meeting)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
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
    item = _item(request, pk)
    form = forms.AnnotationForm(request.POST)
    if form.is_valid():
        try:
            services.annotate_police_report(
                item, by=request.user, annotation=form.cleaned_data["annotation"]
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("The note is saved."))
    return redirect("councils:item", item.pk)


@login_required
def attendance(request, pk: int):
    meeting = _meeting(request, pk)
    if not policies.can_manage_meetings(request.user, meeting.council):
        raise PermissionDenied
    if meeting.held_at is None:
        messages.error(request, _("Record the meeting as held first."))
        return _back(meeting, "attendance")
    day = timezone.localtime(meeting.held_at, meeting.zone).date()
    members = list(selectors.members_on(meeting.council_id, day))
    recorded_members, guests = selectors.attendance_of(meeting)
    form = forms.AttendanceForm(
        request.POST or None,
        members=members,
        recorded={a.membership_id: a.status for a in recorded_members},
        guests=guests,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(
                meeting, by=request.user, statuses=form.statuses(), guests=form.guests()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The attendance is recorded."))
            return _back(meeting, "attendance")
    return render(
        request,
        "councils/staff/attendance.html",
        {"meeting": meeting, "form": form, "day": day},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def minutes(request, pk: int):
    meeting = _meeting(request, pk)
    form = forms.MinutesForm(request.POST, council=meeting.council)
    if form.is_valid():
        try:
            services.update_minutes_summary(meeting, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("The minutes are saved."))
    return _back(meeting, "minutes")


@login_required
@require_POST
def correct(request, pk: int):
    meeting = _meeting(request, pk)
    form = forms.CorrectionForm(request.POST, meeting=meeting, items=meeting.agenda_items.all())
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return _back(meeting, "minutes")
    try:
        services.correct_minutes(meeting, by=request.user, **form.service_arguments())
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("The correction is recorded as a new revision."))
    return _back(meeting, "minutes")


@login_required
def revision(request, pk: int, number: int):
    meeting = _meeting(request, pk)
    revision = get_object_or_404(meeting.revisions.select_related("approved_by"), number=number)
    return render(
        request, "councils/staff/revision.html", {"meeting": meeting, "revision": revision}
    )


@login_required
def printable(request, pk: int):
    """The agenda or the draft minutes as members print them (staff view, PDF with ?pdf=1)."""
    from councils import printing

    meeting = _meeting(request, pk)
    return printing.response(request, meeting, public=False, pdf=bool(request.GET.get("pdf")))
