"""The secretary's pages: inbox, concern page, entering concerns for residents. The steps of a
concern's workflow are declared in concerns/transitions.py and served by one view."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from concerns import form_cache, policies, ratelimit, selectors, services
from concerns.attachments import extension_for
from concerns.exports import INBOX
from concerns.forms import InboxFilterForm, StaffConcernForm
from concerns.models import Attachment
from concerns.services import staging, tracking
from concerns.transitions import concern_for_staff, concern_transitions
from concerns.views import tracking_codes
from concerns.views.public import keep_uploads_for_next_try
from councils.models import Council
from exports.responses import respond, wants_export
from transitions import add_service_errors
from workspace.pagination import BoundedPaginator
from workspace.scopes import scope_of

PAGE_SIZE = 25


@login_required
def inbox(request):
    scope = scope_of(request.user)
    if not (
        scope.member_of
        or scope.safeguarding_of
        or scope.reads_everything
        or scope.commands
        or scope.officer_id
    ):
        raise PermissionDenied
    if wants_export(request):
        return respond(request, INBOX)
    form = InboxFilterForm(request.GET or None, user=request.user)
    concerns = selectors.inbox(request.user, form.to_filters())
    page = BoundedPaginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
    # The fields drawn with what was sent (errors included) are the same for everyone with
    # this scope and language who sends the same filters: the next page of a list, above all.
    sent = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists() if k in form.fields))
    today = timezone.localdate()
    filter_fields = form_cache.rendered_fields(
        # Today: a date filter's error may depend on it.
        ("inbox-filters", get_language(), scope.reads_everything, scope.member_of, sent, today),
        lambda: render_to_string("concerns/staff/inbox_filters.html", {"form": form}, request),
    )
    return render(
        request,
        "concerns/staff/inbox.html",
        {
            "form": form,
            "filter_fields": filter_fields,
            "page_obj": page,
            "concerns": page.object_list,
            "can_enter": bool(scope.secretary_of),
        },
    )


@login_required
def detail(request, pk: int):
    concern = concern_for_staff(request, pk)
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
    }
    if policies.can_see_safe_contact(request.user, concern):
        context["safe_contact"] = services.read_safe_contact(
            concern, by=request.user, ip_address=ratelimit.client_ip_or_none(request)
        )
    offered = concern_transitions.available_for(request, concern)
    apart = {t.name: t for t in offered if t.name in {"note", "resend_link"}}
    context["note"] = apart.get("note")
    context["resend_link"] = apart.get("resend_link")
    context["transitions"] = [t for t in offered if t.name not in apart]
    context["can_issue_code"] = policies.can_issue_tracking_code(request.user, concern)
    return render(request, "concerns/staff/detail.html", context)


@never_cache
@login_required
@require_POST
def reveal_identity(request, pk: int):
    """A POST, not a GET: revealing is an act that is logged, and must not be prefetched."""
    concern = concern_for_staff(request, pk)
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
    concern = concern_for_staff(request, pk)
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
                staging.discard_all_for(data["submission_key"])
                concern = receipt.concern
                if not concern.check_tracking_code(receipt.tracking_code):
                    return redirect("concerns:detail", pk=concern.pk)  # a new code since
                if receipt.created:
                    tracking.note_code_given_at_entry(concern, by=request.user)
                # The code is shown now, with the slip and the SMS text: it is not kept.
                return tracking_codes.code_page(
                    request, concern, receipt.tracking_code, entered=True
                )
        keep_uploads_for_next_try(form)
    else:
        form = StaffConcernForm(councils=councils)
    return render(
        request,
        "concerns/staff/new.html",
        {"form": form, "categories": form.categories},
        status=400 if form.is_bound else 200,
    )
