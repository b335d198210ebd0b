"""The inbox as a file: the rows and filters of the page (all its pages), in the reader's
language. Never the reporter's identity, contact or safe ways of contact (not even selected);
of a sensitive-category concern the file gives its row but not its text, which stays in the
system for its secretary and safeguarding officer."""

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerns import selectors
from concerns.forms import InboxFilterForm
from concerns.models import Channel, Concern, Priority
from exports.lists import ListExport, label, register

SUMMARY_CHARS = 90  # what the inbox shows of a description


def _rows(user, params):
    form = InboxFilterForm(params or None, user=user)
    return selectors.inbox(user, form.to_filters())


def _row(concern: Concern) -> list:
    where = concern.settlement.display_name if concern.settlement_id else None
    return [
        concern.reference,
        timezone.localtime(concern.created_at).date(),
        concern.category.display_name,
        where or concern.municipality.display_name,
        label(Channel, concern.channel),
        label(Priority, concern.priority),
        label(Concern.Status, concern.status),
        concern.council.display_name if concern.council_id else "",
        _("(sensitive category: not exported)")
        if concern.category.is_sensitive
        else Truncator(concern.description).chars(SUMMARY_CHARS),
    ]


INBOX = register(
    ListExport(
        name="concerns.inbox",
        filename="concerns",
        title=gettext_lazy("Concerns"),
        columns=lambda: [
            _("Reference"),
            _("Received"),
            _("Category"),
            _("Where"),
            _("Channel"),
            _("Priority"),
            _("Status"),
            _("Council"),
            _("Summary"),
        ],
        rows=_rows,
        row=_row,
    )
)
