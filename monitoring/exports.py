"""A dashboard's tables as files: the figure itself (a number) where there is one, else the
text shown; headers in the reader's language. The file formats and their formula-injection
safety are exports.formats', shared with every list's export."""

from collections.abc import Iterator

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.models import Council, Meeting
from exports.formats import response, safe, xlsx_available
from exports.lists import ListExport, label, register
from monitoring import links, policies
from monitoring.tables import Table

__all__ = ["MEETING_LIST", "export_table", "safe", "table_rows", "xlsx_available"]


def table_rows(table: Table) -> Iterator[list]:
    yield [c.label for c in table.columns]
    for row in table.rows:
        yield [_exported(cell) for cell in row]


def _exported(cell):
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        return cell.value
    return cell.text


def export_table(table: Table, fmt: str, name: str):
    filename = slugify(f"{name}-{table.key}") or table.key
    return response(table_rows(table), fmt, filename, table.title)


def _meeting_rows(user, params):
    """The rows of the meeting list behind a figure, checked again for a task run later."""
    council_id = links.meeting_list_council(params)
    council = Council.objects.filter(pk=council_id).first() if council_id else None
    allowed = (
        policies.can_view_council_dashboard(user, council)
        if council is not None
        else policies.can_view_national_dashboard(user) and not council_id
    )
    if not allowed:
        return []
    return links.meeting_list(user, council, params)[1]


MEETING_LIST = register(
    ListExport(
        name="monitoring.meetings",
        filename="meetings",
        title=gettext_lazy("Meetings"),
        columns=lambda: [
            _("Planned for"),
            _("Council"),
            _("Type"),
            _("Status"),
            _("Members present"),
            _("Members"),
            _("Quorum"),
        ],
        rows=_meeting_rows,
        row=lambda meeting: [
            meeting.local_planned_at.replace(tzinfo=None),
            str(meeting.council),
            label(Meeting.Kind, meeting.kind),
            label(Meeting.Status, meeting.status),
            meeting.members_present,
            meeting.members_current,
            meeting.quorum_required,
        ],
    )
)
