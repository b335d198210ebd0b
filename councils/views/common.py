"""What the staff meeting pages share: the meeting or item a user may open, refusals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from councils import policies
from councils.models import AgendaItem, Meeting


def staff_meeting(request, pk: int) -> Meeting:
    meeting = (
        policies.meetings_for_staff(request.user)
        .select_related("council__municipality", "minutes_approved_by", "approved_at_meeting")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def staff_item(request, pk: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related(
            "meeting__council__municipality", "concern__category", "action", "minutes_of__council"
        ),
        pk=pk,
    )
    if not policies.meetings_for_staff(request.user).filter(pk=item.meeting_id).exists():
        raise Http404
    return item


def show_refusal(request, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc) or _("You may not do this."))


def back_to_meeting(meeting: Meeting, anchor: str = "agenda"):
    return redirect(reverse("councils:meeting", args=[meeting.pk]) + f"#{anchor}")


def ids_of(value: str) -> list[int]:
    try:
        return [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        return []
