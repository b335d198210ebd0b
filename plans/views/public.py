"""Public pages: the adopted plan with its progress; following a priority by email."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from concerns import ratelimit
from plans import policies, public_forms, selectors, services
from plans.services import PlanRuleError


def plan(request, pk: int):
    plan = get_object_or_404(
        policies.public_plans().select_related("council__municipality", "part_of"), pk=pk
    )
    page = selectors.public_plan_page(plan)
    if page is None:
        raise Http404
    part_of = plan.part_of if plan.part_of and plan.part_of.is_public else None
    return render(
        request,
        "plans/public/plan.html",
        {
            "plan": plan,
            "council": plan.council,
            "municipality": plan.council.municipality,
            "page": page,
            "revision": plan.revisions.order_by("-number").first(),
            "part_of": part_of,
            "parts": list(policies.public_plans().filter(part_of=plan).order_by("starts_on")),
        },
    )


@never_cache
def follow(request, pk: int):
    """An email and consent; the answer is the same for a new and a known address."""
    priority = get_object_or_404(
        policies.public_priorities().select_related("council__municipality"), pk=pk
    )
    form = public_forms.FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("follow", request, settings.CSC["TRACK_RATE_LIMIT"]):
            return render(
                request,
                "429.html",
                {"message": _("Too many requests from your connection. Please try again later.")},
                status=429,
            )
        try:
            services.follow_priority(
                priority,
                email=form.cleaned_data["email"],
                language=get_language() or "en",
                consent=form.cleaned_data["consent"],
            )
        except PlanRuleError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return render(request, "plans/public/follow_sent.html", {"priority": priority})
    return render(
        request,
        "plans/public/follow.html",
        {"priority": priority, "municipality": priority.council.municipality, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
def follow_confirm(request, token: str):
    """GET shows a button (link scanners in mail systems open links); POST confirms."""
    if request.method == "POST":
        follower = services.confirm_follower(token)
        if follower is None:
            raise Http404
        return render(
            request,
            "plans/public/follower.html",
            {"follower": follower, "confirmed": True},
        )
    return render(request, "plans/public/follower.html", {"token": token, "confirming": True})


@never_cache
def unsubscribe(request, token: str):
    if request.method == "POST":
        follower = services.unsubscribe(token)
        if follower is None:
            raise Http404
        return render(
            request, "plans/public/follower.html", {"follower": follower, "unsubscribed": True}
        )
    return render(request, "plans/public/follower.html", {"token": token, "unsubscribing": True})
