"""The staff dashboards: council, police, partner body, national; and the meeting list behind
the meeting figures. Every table of a page exports with ?export=csv (or xlsx)&table=<key>."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from councils.models import Council
from exports.responses import respond, wants_export
from monitoring import dashboards, exports, links, policies
from monitoring.forms import PeriodForm
from monitoring.periods import Period, add_months, end_of_month, site_zone
from monitoring.responsible_dashboards import partner_dashboard, police_dashboard

MEETING_LIST_LIMIT = 200


@login_required
def index(request):
    """Each role's own dashboard: national, else their council, else their units or bodies."""
    user = request.user
    if policies.can_view_national_dashboard(user):
        return redirect("monitoring:national")
    councils = list(policies.dashboard_councils(user).values_list("pk", flat=True)[:1])
    if councils:
        return redirect("monitoring:council", pk=councils[0])
    if policies.can_view_police_dashboard(user):
        return redirect("monitoring:police")
    if policies.can_view_partner_dashboard(user):
        return redirect("monitoring:partners")
    raise PermissionDenied


def _presets(zone, today) -> list[tuple[str, Period]]:
    this_month = today.replace(day=1)
    half = 1 if today.month <= 6 else 7
    return [
        (_("This month"), Period(this_month, end_of_month(this_month), zone)),
        (_("Last month"), Period.months_to(add_months(this_month, -1), 1, zone)),
        (_("Last 6 months"), Period.months_to(this_month, 6, zone)),
        (
            _("This half-year"),
            Period(
                this_month.replace(month=half),
                end_of_month(this_month.replace(month=half + 5)),
                zone,
            ),
        ),
        (
            _("This year"),
            Period(today.replace(month=1, day=1), today.replace(month=12, day=31), zone),
        ),
        (
            _("Last year"),
            Period(
                today.replace(year=today.year - 1, month=1, day=1),
                today.replace(year=today.year - 1, month=12, day=31),
                zone,
            ),
        ),
    ]


def _page(request, dashboard, *, template="monitoring/dashboard.html", form, **context):
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        table = dashboard.table(request.GET.get("table", ""))
        if table is None:
            raise Http404
        return exports.export_table(table, fmt, dashboard.title)
    sort = request.GET.get("sort", "")
    descending = request.GET.get("dir", "desc") == "desc"
    if "." in sort:
        table_key, column = sort.split(".", 1)
        table = dashboard.table(table_key)
        if table is not None:
            table.sorted_by(column, descending)
    from django.utils import timezone

    query = request.GET.copy()
    for key in ("sort", "dir", "export", "table"):
        query.pop(key, None)
    return render(
        request,
        template,
        {
            "other_dashboards": _other_dashboards(request.user),
            "dashboard": dashboard,
            "form": form,
            "presets": _presets(form.zone or site_zone(), timezone.localdate()),
            "query": query.urlencode(),
            "sort": sort,
            "descending": descending,
            "xlsx": exports.xlsx_available(),
            **context,
        },
    )


def _other_dashboards(user) -> list[tuple[str, str]]:
    """The reader's dashboards besides their councils' (a commander may also be a co-chair)."""
    links = []
    if policies.can_view_national_dashboard(user):
        links.append((_("All municipalities"), reverse("monitoring:national")))
    if policies.can_view_police_dashboard(user):
        links.append((_("Police units"), reverse("monitoring:police")))
    if policies.can_view_partner_dashboard(user):
        links.append((_("Partner bodies"), reverse("monitoring:partners")))
    return links


@login_required
def council(request, pk: int):
    item = get_object_or_404(Council.objects.select_related("municipality"), pk=pk)
    if not policies.can_view_council_dashboard(request.user, item):
        raise PermissionDenied
    form = PeriodForm(request.GET, zone=item.zone)
    dashboard = dashboards.council_dashboard(request.user, item, form.period())
    return _page(
        request,
        dashboard,
        form=form,
        council=item,
        councils=list(policies.dashboard_councils(request.user)[:100]),
    )


@login_required
def police(request):
    if not policies.can_view_police_dashboard(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    return _page(request, police_dashboard(request.user, form.period()), form=form)


@login_required
def partners(request):
    if not policies.can_view_partner_dashboard(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    return _page(request, partner_dashboard(request.user, form.period()), form=form)


@login_required
def national(request):
    if not policies.can_view_national_dashboard(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    councils = dashboards.councils_side_by_side(request.user)
    dashboard = dashboards.national_dashboard(request.user, councils, form.period())
    return _page(request, dashboard, form=form, national=True)


@login_required
def meetings(request):
    """The meetings a meeting figure counts: council, planned in the period, status, kind."""
    council_id = links.meeting_list_council(request.GET)
    item = get_object_or_404(Council, pk=council_id) if council_id else None
    if item is not None and not policies.can_view_council_dashboard(request.user, item):
        raise PermissionDenied
    if item is None and not policies.can_view_national_dashboard(request.user):
        raise PermissionDenied
    if wants_export(request):
        return respond(request, exports.MEETING_LIST)
    period, rows = links.meeting_list(request.user, item, request.GET)
    rows = list(rows[: MEETING_LIST_LIMIT + 1])
    return render(
        request,
        "monitoring/meetings.html",
        {
            "meetings": rows[:MEETING_LIST_LIMIT],
            "more": len(rows) > MEETING_LIST_LIMIT,
            "council": item,
            "period": period,
        },
    )
