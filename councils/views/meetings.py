"""Staff pages of meetings: list, schedule, the meeting page, attendance, minutes, print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils import exports, forms, policies, selectors, services
from councils.models import Council, Meeting
from councils.transitions import meeting_transitions
from councils.views.common import back_to_meeting, show_refusal, staff_meeting
from exports.responses import respond, wants_export
from transitions import add_service_errors

Status = Meeting.Status


@login_required
def meetings(request):
    """The user's councils' meetings; planned ones past their date are overdue."""
    scope_councils = policies.councils_visible_to(request.user).filter(is_active=True)
    rows = list(selectors.staff_meeting_list(request.user))
    if not rows and not scope_councils.exists():
        raise PermissionDenied
    if wants_export(request):
        return respond(request, exports.MEETINGS)
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
    meeting = staff_meeting(request, pk)
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
        context["action_pool"] = list(selectors.action_pool(meeting, limit=50)[:50])
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
def attendance(request, pk: int):
    meeting = staff_meeting(request, pk)
    if not policies.can_manage_meetings(request.user, meeting.council):
        raise PermissionDenied
    if meeting.held_at is None:
        messages.error(request, _("Record the meeting as held first."))
        return back_to_meeting(meeting, "attendance")
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
            return back_to_meeting(meeting, "attendance")
    return render(
        request,
        "councils/staff/attendance.html",
        {"meeting": meeting, "form": form, "day": day},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def minutes(request, pk: int):
    meeting = staff_meeting(request, pk)
    form = forms.MinutesForm(request.POST, council=meeting.council)
    if form.is_valid():
        try:
            services.update_minutes_summary(meeting, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("The minutes are saved."))
    return back_to_meeting(meeting, "minutes")


@login_required
@require_POST
def correct(request, pk: int):
    meeting = staff_meeting(request, pk)
    form = forms.CorrectionForm(request.POST, meeting=meeting, items=meeting.agenda_items.all())
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return back_to_meeting(meeting, "minutes")
    try:
        services.correct_minutes(meeting, by=request.user, **form.service_arguments())
    except (ValidationError, PermissionDenied) as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, _("The correction is recorded as a new revision."))
    return back_to_meeting(meeting, "minutes")


@login_required
def revision(request, pk: int, number: int):
    meeting = staff_meeting(request, pk)
    revision = get_object_or_404(meeting.revisions.select_related("approved_by"), number=number)
    return render(
        request, "councils/staff/revision.html", {"meeting": meeting, "revision": revision}
    )


@login_required
def printable(request, pk: int):
    """The agenda or the draft minutes as members print them (staff view, PDF with ?pdf=1)."""
    from councils import printing

    meeting = staff_meeting(request, pk)
    return printing.response(request, meeting, public=False, pdf=bool(request.GET.get("pdf")))
