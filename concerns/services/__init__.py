"""Every change to a concern: one function per transition, each in one transaction.

Split by topic: ``intake`` (a new concern), ``workflow`` (the secretary's transitions), ``events``
(the timeline and emails to the reporter that they share) and ``identity``. Callers import from
the package: ``from concerns import services; services.triage_concern(...)``.
"""

from concerns.services.events import (
    TransitionNotAllowed,
    as_public_text,
    change_status,
    code_path,
    lock_concern,
    queue_reporter_email,
    record_event,
    tracking_path,
)
from concerns.services.identity import (
    SafeContactWishes,
    read_safe_contact,
    reveal_reporter_identity,
)
from concerns.services.intake import Receipt, Submission, responsible_council, submit_concern
from concerns.services.tracking import (
    email_tracking_code,
    issue_tracking_code,
    print_tracking_slip,
    resend_tracking_link,
)
from concerns.services.workflow import (
    add_internal_note,
    close_concern,
    mark_duplicate,
    post_public_update,
    put_on_agenda,
    reclassify_concern,
    refer_to_parent_council,
    reject_concern,
    reopen_concern,
    resolve_concern,
    start_action,
    triage_concern,
)

__all__ = [
    "Receipt",
    "SafeContactWishes",
    "Submission",
    "TransitionNotAllowed",
    "add_internal_note",
    "as_public_text",
    "change_status",
    "close_concern",
    "email_tracking_code",
    "issue_tracking_code",
    "print_tracking_slip",
    "resend_tracking_link",
    "code_path",
    "lock_concern",
    "mark_duplicate",
    "post_public_update",
    "put_on_agenda",
    "queue_reporter_email",
    "read_safe_contact",
    "reclassify_concern",
    "record_event",
    "refer_to_parent_council",
    "reject_concern",
    "reopen_concern",
    "resolve_concern",
    "responsible_council",
    "reveal_reporter_identity",
    "start_action",
    "submit_concern",
    "tracking_path",
    "triage_concern",
]
