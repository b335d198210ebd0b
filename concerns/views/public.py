"""The citizen's pages: no account, any of the five languages, works on a phone without JS."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from concerns import form_cache, ratelimit, selectors, services, tracking_codes
from concerns.explanations import explain_status
from concerns.forms import ConcernForm, TrackForm
from concerns.models import Category, Concern
from concerns.references import tracking_token_for
from concerns.services import staging
from councils import selectors as council_selectors
from councils.models import Municipality
from policing.models import FollowUpAction
from policing.selectors import public_progress
from transitions import add_service_errors

# The receipt is a signed cookie naming the reference, not a session entry: the session is a
# database write after the concern's commit, and when it failed the resident saw a 500 for a
# saved concern and sent it again. The tracking code is derived from the concern, never stored
# in the cookie.
RECEIPT_COOKIE = "concern_receipt"
RECEIPT_SALT = "concerns.receipt"
RECEIPT_SECONDS = 30 * 60


def home(request):
    municipalities = Municipality.objects.filter(is_active=True)
    return render(request, "concerns/public/home.html", {"municipalities": municipalities})


def _too_many(request, message: str):
    return render(request, "429.html", {"message": message}, status=429)


def keep_uploads_for_next_try(form: ConcernForm) -> None:
    """A concern form going back with errors keeps its checked files (a browser cannot put a
    chosen file back into the form)."""
    key = form.cleaned_data.get("submission_key")
    if key is not None:
        form.kept_uploads = staging.keep_for_next_try(
            submission_key=key, kept=form.kept_uploads, new=form.new_uploads
        )


@require_http_methods(["GET", "POST"])
def report(request, code: str | None = None):
    municipality = None
    if code:
        municipality = get_object_or_404(Municipality, code=code.upper(), is_active=True)
    status = 200
    if request.method == "POST":
        status = 400
        form = ConcernForm(request.POST, request.FILES, municipality=municipality)
        # Only accepted concerns count: correcting a form, or a school's shared address,
        # must not use up the limit.
        if ratelimit.is_limited("report", request, settings.CSC["REPORT_RATE_LIMIT"]):
            # The page comes back with everything typed (and the photos kept), not an error page.
            status = 429
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have sent several concerns in a short time. Please wait an hour and "
                    "send this one again, or call your municipality's council. What you wrote "
                    "is still here."
                ),
            )
        elif form.is_valid():
            data = form.cleaned_data
            try:
                receipt = services.submit_concern(
                    services.Submission.from_form(data, language=get_language()),
                    uploads=data["attachments"],
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if receipt.created:
                    ratelimit.hit("report", request, settings.CSC["REPORT_RATE_LIMIT"])
                staging.discard_all_for(data["submission_key"])
                response = redirect("public:report_done")
                response.set_signed_cookie(
                    RECEIPT_COOKIE,
                    receipt.concern.reference,
                    salt=RECEIPT_SALT,
                    max_age=RECEIPT_SECONDS,
                    path=reverse("public:report_done"),
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
                return response
        keep_uploads_for_next_try(form)
    else:
        form = ConcernForm(municipality=municipality)
    context = {"form": form, "municipality": municipality, "categories": form.categories}
    if not form.is_bound:
        context["cached_fields"] = form_cache.rendered_fields(
            (get_language(), municipality.pk if municipality else None),
            lambda: render_to_string("concerns/public/report_fields.html", context, request),
        )
    return render(request, "concerns/public/report.html", context, status=status)


@never_cache
def report_done(request):
    """The reference and tracking code, shown for a short while only: on a shared phone the
    next person must not find the previous reporter's code here."""
    reference = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_SALT, max_age=RECEIPT_SECONDS
    )
    if not reference:
        response = redirect("public:track")
        response.delete_cookie(RECEIPT_COOKIE, path=reverse("public:report_done"))
        return response
    concern = get_object_or_404(Concern.objects.select_related("municipality"), reference=reference)
    tracking_path = services.tracking_path(concern)
    # The first code is derived from the form's key; once the secretary issued another one,
    # the receipt shows only the link (which keeps working).
    code = tracking_codes.code_for_key(concern.submission_key)
    return render(
        request,
        "concerns/public/report_done.html",
        {
            "concern": concern,
            "code": tracking_codes.grouped(code) if concern.check_tracking_code(code) else "",
            "token": tracking_token_for(concern.submission_key),
            "tracking_url": request.build_absolute_uri(tracking_path),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Reference + code; a wrong code and an unknown reference get the same answer."""
    if request.method == "POST" or "reference" in request.GET:
        form = TrackForm(
            request.POST if request.method == "POST" else None,
            initial={"reference": request.GET.get("reference", "")},
        )
        if request.method == "POST" and form.is_valid():
            return _tracking_page(
                request, form.cleaned_data["reference"], form.cleaned_data["token"], form
            )
    else:
        form = TrackForm()
    return render(request, "concerns/public/track.html", {"form": form})


@never_cache
def track_concern(request, reference: str, token: str):
    return _tracking_page(
        request, reference.upper(), token, TrackForm(initial={"reference": reference})
    )


def _tracking_page(request, reference: str, token: str, form: TrackForm):
    limits = settings.CSC
    if not ratelimit.hit_unless_limited(
        "track",
        request,
        limits["TRACK_RATE_LIMIT"],
        blocked_by=("track-fail", limits["TRACK_FAILED_RATE_LIMIT"]),
    ):
        return _too_many(
            request,
            _("Too many look-ups from your connection. Please wait an hour and try again."),
        )
    concern = selectors.concern_for_tracking(reference)
    if concern is None or not concern.check_tracking_token(token):
        ratelimit.hit("track-fail", request, limits["TRACK_FAILED_RATE_LIMIT"])
        form = TrackForm(initial={"reference": reference})
        return render(
            request,
            "concerns/public/track.html",
            {
                "form": form,
                "not_found": True,
            },
            status=404,
        )
    public_actions = (
        FollowUpAction.objects.filter(concern=concern, is_public=True)
        .exclude(public_summary="")
        .order_by("created_at")
    )
    original = concern.duplicate_of
    agenda_meeting = (
        council_selectors.agenda_meeting_for(concern)
        if concern.status == Concern.Status.ON_AGENDA
        else None
    )
    return render(
        request,
        "concerns/public/tracking.html",
        {
            "concern": concern,
            "explanation": explain_status(concern.status),
            "timeline": list(concern.events.all()),
            "public_actions": public_actions,
            "agenda_meeting": agenda_meeting,
            "public_progress": public_progress([concern.pk]).get(concern.pk, []),
            "original": original,
        },
    )


def categories(request):
    """The list of categories with their explanations (also linked from the form)."""
    return render(
        request,
        "concerns/public/categories.html",
        {"categories": Category.objects.filter(is_active=True)},
    )
