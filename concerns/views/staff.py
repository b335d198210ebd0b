"""The secretary's pages: inbox, concern page, transitions, entering concerns for residents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from concerns import policies, ratelimit, selectors, services
from concerns.attachments import extension_for
from concerns.forms import (
    DuplicateForm,
    InboxFilterForm,
    NoteForm,
    OptionalNoteForm,
    ReasonForm,
    ReclassifyForm,
    RejectForm,
    ResolveForm,
    StaffConcernForm,
    TriageForm,
    add_service_errors,
)
from concerns.models import Attachment, Concern
from councils.models import Council
from workspace.scopes import scope_of

PAGE_SIZE = 25


@login_required
def inbox(request):
    scope = scope_of(request.user)
    if not (scope.member_of or scope.reads_everything or scope.commands or scope.officer_id):
        raise PermissionDenied
    form = InboxFilterForm(request.GET or None, user=request.user)
    concerns = selectors.inbox(request.user, form.to_filters())
    page = Paginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "concerns/staff/inbox.html",
        {
            "form": form,
            "page_obj": page,
            "concerns": page.object_list,
            "querystring_without_page": (query.urlencode() + "&") if query else "",
            "can_enter": bool(scope.secretary_of),
        },
    )


def _get_concern(request, pk: int) -> Concern:
    try:
        return selectors.concern_for_staff(pk, request.user)
    except Concern.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def detail(request, pk: int):
    concern = _get_concern(request, pk)
    can_manage = policies.can_manage_concern(request.user, concern)
    events = list(concern.events.all())
    if not policies.can_read_internal_notes(request.user, concern):
        events = [event for event in events if event.is_public]
    context = {
        "concern": concern,
        "events": events,
        "attachments": list(concern.attachments.all()),
        "can_manage": can_manage,
        "can_comment": policies.can_comment(request.user, concern),
        "can_see_identity": policies.can_see_reporter_identity(request.user, concern),
        "actions": list(
            concern.actions.select_related("responsible_unit", "assignee__user").order_by(
                "due_date"
            )
        ),
        "note_form": NoteForm(),
    }
    if can_manage:
        allowed = concern.TRANSITIONS[concern.status]
        context.update(
            {
                "can": {status: status in allowed for status in Concern.Status.values},
                "can_refer": concern.is_open and concern.council.referral_target is not None,
                "triage_form": TriageForm(concern=concern),
                "reject_form": RejectForm(prefix="reject"),
                "reclassify_form": ReclassifyForm(concern=concern)
                if concern.is_open and concern.status != Concern.Status.NEW
                else None,
                "duplicate_form": DuplicateForm(prefix="duplicate"),
                "resolve_form": ResolveForm(
                    prefix="resolve", initial={"public_response": concern.public_response}
                ),
                "reopen_form": ReasonForm(prefix="reopen"),
                "close_form": OptionalNoteForm(prefix="close"),
                "refer_form": OptionalNoteForm(prefix="refer"),
            }
        )
    return render(request, "concerns/staff/detail.html", context)


def _managed_concern(request, pk: int) -> Concern:
    concern = _get_concern(request, pk)
    if not policies.can_manage_concern(request.user, concern):
        raise PermissionDenied
    return concern


def _transition(request, concern: Concern, form, call, *, action: str, title: str, success):
    """Validate ``form``, then ``call(cleaned_data)`` a service. Bad input and refusals the user
    can fix are shown next to the form's fields on the action's own page, and the form keeps
    what was typed. ``success`` is the message, or a callable making it after the call."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success() if callable(success) else success)
            return redirect("concerns:detail", pk=concern.pk)
    return render(
        request,
        "concerns/staff/transition.html",
        {"concern": concern, "form": form, "action": action, "title": title},
        status=400,
    )


@login_required
@require_POST
def triage(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        TriageForm(request.POST, concern=concern),
        lambda data: services.triage_concern(concern, by=request.user, **data),
        action="triage",
        title=_("Triage"),
        success=_("The concern was triaged."),
    )


@login_required
@require_POST
def reclassify(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        ReclassifyForm(request.POST, concern=concern),
        lambda data: services.reclassify_concern(concern, by=request.user, **data),
        action="reclassify",
        title=_("Change category or priority"),
        success=_("Category and priority were updated."),
    )


@login_required
@require_POST
def reject(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        RejectForm(request.POST, prefix="reject"),
        lambda data: services.reject_concern(concern, by=request.user, reason=data["reason"]),
        action="reject",
        title=_("Reject"),
        success=_("The concern was rejected; the reporter sees the reason."),
    )


@login_required
@require_POST
def duplicate(request, pk: int):
    concern = _managed_concern(request, pk)

    def merge(data):
        original = (
            policies.concerns_visible_to(request.user).filter(reference=data["original"]).first()
        )
        if original is None:
            raise ValidationError(
                {"original": _("No concern with that reference in your councils.")}
            )
        services.mark_duplicate(concern, by=request.user, original=original, note=data["note"])

    return _transition(
        request,
        concern,
        DuplicateForm(request.POST, prefix="duplicate"),
        merge,
        action="duplicate",
        title=_("Mark as duplicate"),
        success=lambda: (
            _("The concern was marked as a duplicate of %(reference)s.")
            % {"reference": concern.duplicate_of.reference}
        ),
    )


@login_required
@require_POST
def refer(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        OptionalNoteForm(request.POST, prefix="refer"),
        lambda data: services.refer_to_parent_council(concern, by=request.user, **data),
        action="refer",
        title=_("Refer to the municipal council"),
        success=_("The concern was referred to the municipal council."),
    )


@login_required
@require_POST
def put_on_agenda(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        OptionalNoteForm(request.POST, prefix="agenda"),
        lambda data: services.put_on_agenda(concern, by=request.user, **data),
        action="agenda",
        title=_("Put on the next meeting's agenda"),
        success=_("The concern is marked for the next meeting's agenda."),
    )


@login_required
@require_POST
def resolve(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        ResolveForm(request.POST, prefix="resolve"),
        lambda data: services.resolve_concern(concern, by=request.user, **data),
        action="resolve",
        title=_("Resolve"),
        success=_("The concern was resolved; the reporter sees the response."),
    )


@login_required
@require_POST
def close(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        OptionalNoteForm(request.POST, prefix="close"),
        lambda data: services.close_concern(concern, by=request.user, **data),
        action="close",
        title=_("Close"),
        success=_("The concern was closed."),
    )


@login_required
@require_POST
def reopen(request, pk: int):
    concern = _managed_concern(request, pk)
    return _transition(
        request,
        concern,
        ReasonForm(request.POST, prefix="reopen"),
        lambda data: services.reopen_concern(concern, by=request.user, reason=data["reason"]),
        action="reopen",
        title=_("Reopen"),
        success=_("The concern was reopened and is back in triage."),
    )


@login_required
@require_POST
def add_note(request, pk: int):
    concern = _get_concern(request, pk)
    if not policies.can_comment(request.user, concern):
        raise PermissionDenied
    return _transition(
        request,
        concern,
        NoteForm(request.POST),
        lambda data: services.add_internal_note(concern, by=request.user, **data),
        action="note",
        title=_("Internal note"),
        success=_("Your note was added."),
    )


@never_cache
@login_required
@require_POST
def reveal_identity(request, pk: int):
    """A POST, not a GET: revealing is an act that is logged, and must not be prefetched."""
    concern = _get_concern(request, pk)
    identity = services.reveal_reporter_identity(
        concern, by=request.user, ip_address=ratelimit.client_ip_or_none(request)
    )
    return render(
        request,
        "concerns/staff/identity.html",
        {"concern": concern, "identity": identity},
    )


@login_required
def attachment(request, pk: int, attachment_id: int):
    concern = _get_concern(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_id, concern=concern)
    extension = extension_for(item.content_type)
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=item.content_type == Attachment.Kind.PDF,
        filename=f"{concern.reference}-{item.pk}{extension}",
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def new_concern(request):
    """Enter a concern on a resident's behalf (phone, walk-in, meeting); the channel is kept."""
    scope = scope_of(request.user)
    councils = list(Council.objects.filter(id__in=scope.secretary_of, is_active=True))
    if not councils:
        raise PermissionDenied
    if request.method == "POST":
        form = StaffConcernForm(request.POST, request.FILES, councils=councils)
        if form.is_valid():
            data = form.cleaned_data
            council = next(
                (c for c in councils if c.municipality_id == data["municipality"].pk), None
            )
            try:
                receipt = services.submit_concern(
                    services.Submission.from_form(
                        data, channel=data["channel"], language=data["language"], council=council
                    ),
                    uploads=data["attachments"],
                    by=request.user,
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Concern %(reference)s was saved. Give the reporter the reference and "
                        "the tracking code %(token)s."
                    )
                    % {"reference": receipt.concern.reference, "token": receipt.tracking_token},
                )
                return redirect("concerns:detail", pk=receipt.concern.pk)
    else:
        form = StaffConcernForm(councils=councils)
    return render(
        request,
        "concerns/staff/new.html",
        {"form": form, "categories": form.categories},
        status=400 if form.is_bound else 200,
    )
