"""The staff meetings list as a file: the rows of the page, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils import selectors
from councils.models import Meeting
from exports.lists import ListExport, label, register


def _row(meeting: Meeting) -> list:
    return [
        meeting.local_planned_at.replace(tzinfo=None),
        meeting.council.display_name,
        label(Meeting.Kind, meeting.kind),
        label(Meeting.Status, meeting.status),
        _("yes") if meeting.is_overdue else _("no"),
        meeting.item_count,
    ]


MEETINGS = register(
    ListExport(
        name="councils.meetings",
        filename="meetings",
        title=gettext_lazy("Meetings"),
        columns=lambda: [_("Date"), _("Council"), _("Type"), _("Status"), _("Overdue"), _("Items")],
        rows=lambda user, params: selectors.staff_meeting_list(user),
        row=_row,
    )
)
