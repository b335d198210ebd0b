"""The action lists as files: "all actions" with its filters, "my actions", the commander's
queue and the workload; the rows each page shows, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerns.models import Priority
from exports.lists import ListExport, label, register
from policing import selectors, workload
from policing.models import FollowUpAction


def action_columns() -> list:
    return [
        _("Action"),
        _("Concern"),
        _("Council"),
        _("Responsible"),
        _("Officer"),
        _("Due"),
        _("Overdue"),
        _("Status"),
        _("Priority"),
    ]


def action_row(action: FollowUpAction) -> list:
    if action.responsible_unit_id:
        responsible = action.responsible_unit.name
    elif action.responsible_body_id:
        responsible = action.responsible_body.display_name
    else:
        responsible = ""
    return [
        action.title,
        action.concern.reference if action.concern_id else "",
        action.council.display_name if action.council_id else "",
        responsible,
        str(action.assignee) if action.assignee_id else "",
        action.due_date,
        _("yes") if action.is_overdue else _("no"),
        label(FollowUpAction.Status, action.status),
        label(Priority, action.priority),
    ]


ACTION_LIST = register(
    ListExport(
        name="policing.list",
        filename="actions",
        title=gettext_lazy("Actions"),
        columns=action_columns,
        rows=lambda user, params: selectors.action_list(
            user, selectors.ActionFilters.from_query(params)
        ),
        row=action_row,
    )
)

MY_ACTIONS = register(
    ListExport(
        name="policing.mine",
        filename="my-actions",
        title=gettext_lazy("My actions"),
        columns=action_columns,
        rows=lambda user, params: selectors.my_actions(user),
        row=action_row,
    )
)


def _queue_rows(user, params) -> list:
    queue = selectors.commander_queue(user)
    sections = (
        (gettext_lazy("Concerns referred to the police"), queue.referred),
        (gettext_lazy("Action requests from council decisions"), queue.requested),
        (gettext_lazy("Completed, waiting for your verification"), queue.to_verify),
    )
    return [(label, action) for label, actions in sections for action in actions]


QUEUE = register(
    ListExport(
        name="policing.queue",
        filename="queue",
        title=gettext_lazy("Queue"),
        columns=lambda: [_("List"), *action_columns()],
        rows=_queue_rows,
        row=lambda item: [str(item[0]), *action_row(item[1])],
    )
)


def _workload_rows(user, params) -> list:
    groups = workload.sorted_workload(user, *workload.workload_order(params))
    labels = {
        "units": gettext_lazy("Police units"),
        "officers": gettext_lazy("Officers"),
        "bodies": gettext_lazy("Partner bodies"),
    }
    return [(labels[kind], row) for kind, rows in groups.items() for row in rows]


WORKLOAD = register(
    ListExport(
        name="policing.workload",
        filename="workload",
        title=gettext_lazy("Workload"),
        columns=lambda: [
            _("Group"),
            _("Name"),
            _("Open"),
            _("Due this week"),
            _("Overdue"),
            _("Completed this month"),
        ],
        rows=_workload_rows,
        row=lambda item: [
            str(item[0]),
            item[1].name,
            *(getattr(item[1], column) for column in workload.WORKLOAD_COLUMNS),
        ],
    )
)
