"""The secretary's tracking-code panel: a new code shown once with its slip and SMS text, the
slip printed, the code emailed. A code exists only in the response that issues it (only its
hash is kept), so printing and emailing send it back and are refused for any other code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from concerns import policies, services
from concerns.models import Concern
from concerns.services import tracking
from concerns.transitions import concern_for_staff
from notifications.services import absolute_url


def _concern_for_codes(request, pk: int) -> Concern:
    concern = concern_for_staff(request, pk)
    if not policies.can_issue_tracking_code(request.user, concern):
        raise PermissionDenied
    return concern


def code_page(request, concern: Concern, code: str, *, entered: bool = False):
    """The code, once: with the SMS text, the slip and the email button (no-store)."""
    return render(
        request,
        "concerns/staff/tracking_code.html",
        {
            "concern": concern,
            "code": code,
            "code_url": absolute_url(services.code_path(concern, code)),
            "sms": tracking.sms_text(concern, code),
            "sms_limit": tracking.SMS_LIMIT,
            "entered": entered,
        },
    )


@never_cache
@login_required
@require_POST
def issue_code(request, pk: int):
    concern = _concern_for_codes(request, pk)
    code = tracking.issue_tracking_code(concern, by=request.user)
    return code_page(request, concern, code)


@never_cache
@login_required
@require_POST
def print_slip(request, pk: int):
    concern = _concern_for_codes(request, pk)
    try:
        code = tracking.print_tracking_slip(concern, by=request.user, code=request.POST.get("code"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("concerns:detail", pk=concern.pk)
    return render(
        request,
        "concerns/staff/tracking_slip.html",
        {
            "concern": concern,
            "code": code,
            "code_url": absolute_url(services.code_path(concern, code)),
            "track_url": absolute_url(reverse("public:track")),
        },
    )


@never_cache
@login_required
@require_POST
def email_code(request, pk: int):
    concern = _concern_for_codes(request, pk)
    try:
        tracking.email_tracking_code(concern, by=request.user, code=request.POST.get("code"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The tracking code was emailed to the reporter."))
    return redirect("concerns:detail", pk=concern.pk)
