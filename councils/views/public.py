"""Public pages: councils, their members and schedule, published minutes and agendas, PDF."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from councils import policies, printing, selectors
from councils.models import Council, Meeting

Status = Meeting.Status


def councils(request):
    rows = (
        Council.objects.filter(is_active=True)
        .select_related("municipality", "parent")
        .order_by("level", "name")
    )
    return render(request, "councils/public/councils.html", {"councils": rows})


def council(request, pk: int):
    council = get_object_or_404(
        Council.objects.filter(is_active=True).select_related("municipality", "parent"), pk=pk
    )
    members = list(selectors.members_on(council, timezone.localdate()))
    public = policies.public_meetings().filter(council=council)
    upcoming = (
        Meeting.objects.filter(
            council=council, status=Status.PLANNED, planned_at__gte=timezone.now()
        )
        .order_by("planned_at")
        .first()
    )
    from plans import selectors as plan_selectors

    current_priorities, past_priorities = plan_selectors.public_priorities_of(council)
    return render(
        request,
        "councils/public/council.html",
        {
            "current_priorities": current_priorities,
            "past_priorities": past_priorities,
            "public_plan": plan_selectors.current_plan(council),
            "council": council,
            "co_chairs": [m for m in members if m.role == m.Role.CO_CHAIR],
            "members": [m for m in members if m.role != m.Role.CO_CHAIR],
            "next_meeting": upcoming,
            "next_agenda_public": upcoming is not None and upcoming.agenda_is_published,
            "published": list(public.filter(status=Status.PUBLISHED).order_by("-planned_at")[:24]),
        },
    )


def _public_meeting(pk: int) -> Meeting:
    meeting = (
        policies.public_meetings().select_related("council__municipality").filter(pk=pk).first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting(request, pk: int):
    return printing.response(request, _public_meeting(pk), public=True, pdf=False)


def meeting_pdf(request, pk: int):
    return printing.response(request, _public_meeting(pk), public=True, pdf=True)
