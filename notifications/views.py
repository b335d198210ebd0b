"""A signed-in user's own in-app notifications and channel preferences: nobody else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import Notification
from workspace.pagination import BoundedPaginator

PAGE_SIZE = 30


@login_required
def inbox(request):
    unread_only = request.GET.get("show") == "unread"
    rows = selectors.notifications_of(request.user, unread_only=unread_only)
    page = BoundedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page,
            "notifications": selectors.with_texts(page.object_list, request.user),
            "unread_only": unread_only,
        },
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    """Mark one notification read; with ``open``, go on to the page it links to."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(notification)
    target = notification.url
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(request.POST.get("next") or "notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.set_channel_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
