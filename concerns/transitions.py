"""What a secretary (and a commenting member) can do to a concern, declared once.

The concern page offers these (``concern_transitions.available_for``), ``concerns/urls.py``
serves them at ``concerns:transition`` (``<pk>/do/<name>/``), and the services they call are
the ones the API and the admin use.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerns import policies, selectors, services
from concerns.forms import (
    DuplicateForm,
    NoteForm,
    OptionalNoteForm,
    PublicUpdateForm,
    ReasonForm,
    ReclassifyForm,
    RejectForm,
    ResolveForm,
    TriageForm,
)
from concerns.models import Concern
from transitions import Transition, TransitionSet

Status = Concern.Status


def concern_for_staff(request, pk: int) -> Concern:
    try:
        return selectors.concern_for_staff(pk, request.user)
    except Concern.DoesNotExist as exc:
        raise Http404 from exc


concern_transitions = TransitionSet(
    namespace="concerns",
    get_object=concern_for_staff,
    redirect_to=lambda concern: reverse("concerns:detail", args=[concern.pk]),
    version=lambda concern: concern.updated_at.isoformat(),
)


def _manages(user, concern: Concern) -> bool:
    return policies.can_manage_concern(user, concern)


def _in_official_languages(concern: Concern, request) -> dict:
    return {"municipality": concern.municipality}


def _can_become(status: str):
    return lambda concern: concern.can_transition_to(status)


def _mark_duplicate(concern: Concern, *, by, data: dict) -> None:
    original = policies.concerns_visible_to(by).filter(reference=data["original"]).first()
    if original is None:
        raise ValidationError({"original": _("No concern with that reference in your councils.")})
    services.mark_duplicate(concern, by=by, original=original, note=data["note"])


def _message_sent(concern: Concern) -> str:
    if concern.may_be_emailed:
        return _("Your message is on the tracking page and was emailed to the reporter.")
    return _(
        "Your message is on the tracking page. The reporter gets no email: they are anonymous, "
        "left no email or did not agree to be contacted."
    )


def _refer_title(concern: Concern) -> str:
    target = concern.council.referral_target
    if target is None:
        return _("Refer to the municipal council")
    return _("Refer to %(council)s") % {"council": target.display_name}


for transition in (
    Transition(
        name="triage",
        title=gettext_lazy("Triage"),
        allowed=_manages,
        available=_can_become(Status.TRIAGED),
        form_class=TriageForm,
        form_kwargs=lambda concern, request: {"concern": concern},
        perform=lambda concern, *, by, data: services.triage_concern(concern, by=by, **data),
        success=gettext_lazy("The concern was triaged."),
        style="primary",
        expanded=True,
    ),
    Transition(
        name="reclassify",
        title=gettext_lazy("Change category or priority"),
        allowed=_manages,
        available=lambda concern: concern.is_open and concern.status != Status.NEW,
        form_class=ReclassifyForm,
        form_kwargs=lambda concern, request: {"concern": concern},
        perform=lambda concern, *, by, data: services.reclassify_concern(concern, by=by, **data),
        success=gettext_lazy("Category and priority were updated."),
        button=gettext_lazy("Save"),
    ),
    Transition(
        name="agenda",
        title=gettext_lazy("Put on the next meeting's agenda"),
        allowed=_manages,
        available=_can_become(Status.ON_AGENDA),
        prefix="agenda",
        perform=lambda concern, *, by, data: services.put_on_agenda(concern, by=by),
        success=gettext_lazy("The concern is marked for the next meeting's agenda."),
    ),
    Transition(
        name="resolve",
        title=gettext_lazy("Resolve"),
        allowed=_manages,
        available=_can_become(Status.RESOLVED),
        form_class=ResolveForm,
        form_kwargs=lambda concern, request: {
            "municipality": concern.municipality,
            "initial": {"public_response": concern.public_response},
        },
        prefix="resolve",
        perform=lambda concern, *, by, data: services.resolve_concern(concern, by=by, **data),
        success=gettext_lazy("The concern was resolved; the reporter sees the response."),
        style="primary",
    ),
    Transition(
        name="close",
        title=gettext_lazy("Close"),
        allowed=_manages,
        available=_can_become(Status.CLOSED),
        form_class=OptionalNoteForm,
        prefix="close",
        perform=lambda concern, *, by, data: services.close_concern(concern, by=by, **data),
        success=gettext_lazy("The concern was closed."),
    ),
    Transition(
        name="reopen",
        title=gettext_lazy("Reopen"),
        allowed=_manages,
        available=_can_become(Status.REOPENED),
        form_class=ReasonForm,
        prefix="reopen",
        perform=lambda concern, *, by, data: services.reopen_concern(
            concern, by=by, reason=data["reason"]
        ),
        success=gettext_lazy("The concern was reopened and is back in triage."),
    ),
    Transition(
        name="refer",
        title=_refer_title,
        allowed=_manages,
        available=lambda concern: concern.is_open and concern.council.referral_target is not None,
        form_class=OptionalNoteForm,
        prefix="refer",
        perform=lambda concern, *, by, data: services.refer_to_parent_council(
            concern, by=by, **data
        ),
        success=gettext_lazy("The concern was referred to the municipal council."),
        button=gettext_lazy("Refer"),
    ),
    Transition(
        name="duplicate",
        title=gettext_lazy("Mark as duplicate"),
        allowed=_manages,
        available=_can_become(Status.DUPLICATE),
        form_class=DuplicateForm,
        form_kwargs=_in_official_languages,
        prefix="duplicate",
        perform=_mark_duplicate,
        success=lambda concern: (
            _("The concern was marked as a duplicate of %(reference)s.")
            % {"reference": concern.duplicate_of.reference}
        ),
    ),
    Transition(
        name="reject",
        title=gettext_lazy("Reject"),
        allowed=_manages,
        available=_can_become(Status.REJECTED),
        form_class=RejectForm,
        form_kwargs=_in_official_languages,
        prefix="reject",
        perform=lambda concern, *, by, data: services.reject_concern(
            concern, by=by, reason=data["reason"]
        ),
        success=gettext_lazy("The concern was rejected; the reporter sees the reason."),
        style="danger",
    ),
    # Keeps the status: news for the reporter, emailed to them if they agreed to be contacted.
    Transition(
        name="message",
        title=gettext_lazy("Message to the reporter"),
        allowed=policies.can_post_public_update,
        form_class=PublicUpdateForm,
        form_kwargs=_in_official_languages,
        prefix="message",
        perform=lambda concern, *, by, data: services.post_public_update(concern, by=by, **data),
        success=_message_sent,
        button=gettext_lazy("Send to the reporter"),
        checks_version=False,
    ),
    # In the tracking-code panel: the link (which works whatever code was issued since) again.
    Transition(
        name="resend_link",
        title=gettext_lazy("Email the tracking link again"),
        allowed=_manages,
        available=lambda concern: concern.may_be_emailed,
        perform=lambda concern, *, by, data: services.resend_tracking_link(concern, by=by),
        success=gettext_lazy("The reference and the tracking link were emailed to the reporter."),
        checks_version=False,
    ),
    # Shown under the timeline, not with the steps above; a note never waits for a fresh page.
    Transition(
        name="note",
        title=gettext_lazy("Internal note"),
        allowed=policies.can_comment,
        form_class=NoteForm,
        perform=lambda concern, *, by, data: services.add_internal_note(concern, by=by, **data),
        success=gettext_lazy("Your note was added."),
        checks_version=False,
    ),
):
    concern_transitions.add(transition)
