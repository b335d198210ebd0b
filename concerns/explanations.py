"""What each status of a concern means to the resident, and what happens next.

One table, read by the status emails and the tracking page, so that both say the same thing.
Written for residents: no workflow words ("triaged"), the council as the one acting.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from concerns.models import Concern

Status = Concern.Status


@dataclass(frozen=True)
class StatusExplanation:
    meaning: Promise
    next_step: Promise


STATUS_EXPLANATIONS: dict[str, StatusExplanation] = {
    Status.NEW: StatusExplanation(
        meaning=_("The council has received your concern; nobody has looked at it yet."),
        next_step=_(
            "The council's secretary reads it, checks the category and decides which council "
            "deals with it."
        ),
    ),
    Status.TRIAGED: StatusExplanation(
        meaning=_("The council has accepted your concern and decided who deals with it."),
        next_step=_(
            "It goes to a council meeting, or straight to the police or the responsible "
            "service. You can follow each step on this page."
        ),
    ),
    Status.ON_AGENDA: StatusExplanation(
        meaning=_("Your concern is on the agenda of a council meeting."),
        next_step=_(
            "The council discusses it at the meeting and decides what is to be done. The "
            "decision will be shown here."
        ),
    ),
    Status.IN_ACTION: StatusExplanation(
        meaning=_("The police or a responsible service is working on what the council decided."),
        next_step=_("When the work is done, the council checks it and tells you the result here."),
    ),
    Status.RESOLVED: StatusExplanation(
        meaning=_("The council considers the problem dealt with. Its response is shown here."),
        next_step=_(
            "If the problem is still there, contact the council and give your reference: the "
            "concern can be reopened. Otherwise it will be closed."
        ),
    ),
    Status.CLOSED: StatusExplanation(
        meaning=_("The work on your concern is finished."),
        next_step=_(
            "Nothing more happens with it. If the problem comes back, contact the council and "
            "give your reference, or send a new concern."
        ),
    ),
    Status.REJECTED: StatusExplanation(
        meaning=_("The council will not take this concern up. The reason is shown here."),
        next_step=_(
            "Nothing more happens with it. If you think this is a mistake, contact the council "
            "and give your reference."
        ),
    ),
    Status.DUPLICATE: StatusExplanation(
        meaning=_(
            "The same problem was reported earlier; the council follows both reports together."
        ),
        next_step=_("What happens to the earlier report happens to yours."),
    ),
    Status.REOPENED: StatusExplanation(
        meaning=_("Your concern was opened again because the problem was not solved."),
        next_step=_("The council looks at it again and decides what is to be done."),
    ),
}


def explain_status(status: str) -> StatusExplanation:
    return STATUS_EXPLANATIONS[status]
