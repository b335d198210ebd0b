"""The secretary's page of a council's members: appoint, end, representation at a glance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils import forms, policies, selectors, services
from councils.models import Council, Membership
from transitions import add_service_errors


def _council(request, pk: int) -> Council:
    council = get_object_or_404(
        policies.councils_visible_to(request.user).select_related("municipality"), pk=pk
    )
    return council


@login_required
def members(request, pk: int, appoint_form=None):
    council = _council(request, pk)
    current = list(selectors.members_on(council, timezone.localdate()))
    past = list(
        Membership.objects.filter(council=council, end_date__lt=timezone.localdate())
        .select_related("person")
        .order_by("-end_date")
    )
    manages = policies.can_manage_members(request.user, council)
    return render(
        request,
        "councils/staff/members.html",
        {
            "council": council,
            "current": current,
            "past": past,
            "representation": selectors.representation(council, current),
            "manages": manages,
            "appoint_form": appoint_form or (forms.AppointForm() if manages else None),
            "end_form": forms.EndMembershipForm() if manages else None,
        },
        status=400 if appoint_form is not None else 200,
    )


@login_required
@require_POST
def appoint(request, pk: int):
    council = _council(request, pk)
    if not policies.can_manage_members(request.user, council):
        raise PermissionDenied
    form = forms.AppointForm(request.POST)
    if form.is_valid():
        try:
            services.appoint_member(council, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member is appointed."))
            return redirect("councils:members", council.pk)
    return members(request, pk, appoint_form=form)


@login_required
@require_POST
def end(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("council", "person"), pk=pk)
    council = _council(request, membership.council_id)
    form = forms.EndMembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the end date and the reason."))
    else:
        try:
            services.end_membership(membership, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            messages.success(request, _("The membership has ended; its history is kept."))
    return redirect("councils:members", council.pk)
