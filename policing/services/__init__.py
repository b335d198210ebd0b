"""Every change to a follow-up action: one function per transition, each in one transaction
that checks the policy and the transition table, changes the action and writes its ActionEvent.

Split by topic: ``commanding`` (create, assign, due dates, verify, reopen, cancel: the
commander's or co-chair's steps) and ``work`` (start, progress updates, complete: the officer's
or focal point's). Callers import from the package: ``from policing import services``.
"""

from policing.services.commanding import (
    assign_action,
    assign_actions,
    cancel_action,
    change_due_date,
    create_action,
    reopen_action,
    verify_action,
)
from policing.services.events import ActionNotAllowed, lock_action, record_event
from policing.services.work import complete_action, record_progress, start_work

__all__ = [
    "ActionNotAllowed",
    "assign_action",
    "assign_actions",
    "cancel_action",
    "change_due_date",
    "complete_action",
    "create_action",
    "lock_action",
    "record_event",
    "record_progress",
    "reopen_action",
    "start_work",
    "verify_action",
]
