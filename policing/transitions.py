"""Every step of a follow-up action, declared once and served by the one transition view."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from policing import policies, selectors, services
from policing.forms import (
    AssignForm,
    CompleteForm,
    DueDateForm,
    NoteForm,
    ProgressForm,
    ReasonForm,
)
from policing.models import FollowUpAction
from transitions import Transition, TransitionSet

Status = FollowUpAction.Status


def _get_action(request, pk: int) -> FollowUpAction | None:
    try:
        return selectors.action_for_staff(pk, request.user)
    except FollowUpAction.DoesNotExist:
        return None


action_transitions = TransitionSet(
    namespace="policing",
    get_object=_get_action,
    redirect_to=lambda action: reverse("policing:detail", kwargs={"pk": action.pk}),
    version=lambda action: action.updated_at.isoformat(),
    label=lambda action: action.title,
    template="policing/transition.html",
)


def _officers(action, request):
    return {"officers": selectors.assignable_officers(request.user)}


def _for_action(action, request):
    return {"action": action}


def _can(status: str):
    return lambda action: action.can_transition_to(status)


def _work(data: dict) -> dict:
    return {
        "public_summary": data.get("public_summary") or {},
        "visible_to_reporter": bool(data.get("visible_to_reporter")),
        "attachments": data.get("attachments") or [],
    }


action_transitions.add(
    Transition(
        name="assign",
        title=lambda action: _("Reassign") if action.assignee_id else _("Assign to an officer"),
        allowed=policies.can_command,
        available=lambda action: (
            action.responsible_unit_id is not None
            and action.status in (Status.OPEN, Status.REOPENED, Status.ASSIGNED, Status.IN_PROGRESS)
        ),
        form_class=AssignForm,
        form_kwargs=_officers,
        prefix="assign",
        perform=lambda action, *, by, data: services.assign_action(
            action, by=by, assignee=data["assignee"], unit=data["assignee"].unit, note=data["note"]
        ),
        success=_("The action was assigned."),
        style="primary",
    )
)
action_transitions.add(
    Transition(
        name="start",
        title=_("Start work"),
        allowed=policies.can_record_progress,
        available=_can(Status.IN_PROGRESS),
        form_class=NoteForm,
        prefix="start",
        perform=lambda action, *, by, data: services.start_work(action, by=by, note=data["note"]),
        success=_("Work on the action has started."),
    )
)
action_transitions.add(
    Transition(
        name="progress",
        title=_("Add a progress update"),
        allowed=policies.can_record_progress,
        available=lambda action: action.is_active,
        form_class=ProgressForm,
        form_kwargs=_for_action,
        prefix="progress",
        perform=lambda action, *, by, data: services.record_progress(
            action, by=by, text=data["text"], **_work(data)
        ),
        success=_("The progress update was saved."),
        expanded=True,
        # Two people may report on the same action at once; neither report is lost.
        checks_version=False,
    )
)
action_transitions.add(
    Transition(
        name="complete",
        title=_("Complete"),
        allowed=policies.can_record_progress,
        available=_can(Status.COMPLETED),
        form_class=CompleteForm,
        form_kwargs=_for_action,
        prefix="complete",
        perform=lambda action, *, by, data: services.complete_action(
            action, by=by, outcome=data["outcome"], **_work(data)
        ),
        success=_("The action was completed; the commander will verify it."),
        style="primary",
    )
)
action_transitions.add(
    Transition(
        name="verify",
        title=_("Verify"),
        allowed=policies.can_command,
        available=_can(Status.VERIFIED),
        form_class=NoteForm,
        prefix="verify",
        perform=lambda action, *, by, data: services.verify_action(
            action, by=by, note=data["note"]
        ),
        success=_("The action was verified."),
        style="primary",
        expanded=True,
    )
)
action_transitions.add(
    Transition(
        name="reopen",
        title=_("Reopen: the completion is not accepted"),
        allowed=policies.can_command,
        available=_can(Status.REOPENED),
        form_class=ReasonForm,
        prefix="reopen",
        perform=lambda action, *, by, data: services.reopen_action(
            action, by=by, reason=data["reason"]
        ),
        success=_("The action was reopened."),
        style="danger",
    )
)
action_transitions.add(
    Transition(
        name="due-date",
        title=_("Change the due date"),
        allowed=policies.can_command,
        available=lambda action: action.is_active,
        form_class=DueDateForm,
        prefix="due",
        perform=lambda action, *, by, data: services.change_due_date(
            action, by=by, due_date=data["due_date"], reason=data["reason"]
        ),
        success=_("The due date was changed."),
    )
)
action_transitions.add(
    Transition(
        name="cancel",
        title=_("Cancel the action"),
        allowed=policies.can_command,
        available=_can(Status.CANCELLED),
        form_class=ReasonForm,
        prefix="cancel",
        perform=lambda action, *, by, data: services.cancel_action(
            action, by=by, reason=data["reason"]
        ),
        success=_("The action was cancelled."),
        style="danger",
    )
)
