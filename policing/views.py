"""The action pages: the commander's queue, "my actions", the list behind every count, the
workload, creating an action and its page. Transitions are served by policing/transitions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from concerns import policies as concern_policies
from concerns.attachments import extension_for
from concerns.models import Attachment, Category, Concern
from councils.models import Council, Decision, Municipality
from exports.responses import respond, wants_export
from policing import exports, policies, selectors, services
from policing import workload as workload_of
from policing.forms import ActionForm, BulkAssignForm
from policing.models import FollowUpAction, Officer, PartnerBody, PoliceUnit, ProgressAttachment
from policing.selectors import ActionFilters, Bucket
from policing.transitions import action_transitions
from policing.workload import WORKLOAD_COLUMNS
from reminders.selectors import reminder_log
from transitions import add_service_errors
from workspace.scopes import scope_of

PAGE_SIZE = 30


def _require_actions_area(user) -> None:
    if not policies.sees_actions_page(user):
        raise PermissionDenied


def _page(request, actions):
    """A page of rows without counting the whole list: one row more tells there is a next."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(actions[start : start + PAGE_SIZE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    prefix = (query.urlencode() + "&") if query else ""
    return {
        "actions": rows[:PAGE_SIZE],
        "page_number": number,
        "previous_url": f"?{prefix}page={number - 1}" if number > 1 else "",
        "next_url": f"?{prefix}page={number + 1}" if len(rows) > PAGE_SIZE else "",
    }


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def index(request):
    """The actions area's landing page: the commander's queue, else the user's own actions,
    else the list of the actions they may read."""
    scope = scope_of(request.user)
    _require_actions_area(request.user)
    if scope.commands:
        return redirect("policing:queue")
    if scope.officer_id or scope.focal_point_of:
        return redirect("policing:mine")
    return redirect("policing:list")


@login_required
def queue(request):
    if not scope_of(request.user).commands:
        raise PermissionDenied
    if wants_export(request):
        return respond(request, exports.QUEUE)
    waiting = selectors.commander_queue(request.user)
    return render(
        request,
        "policing/queue.html",
        {
            "queue": waiting,
            "officers": selectors.assignable_officers(request.user),
            "tabs": _tabs(request, "queue"),
        },
    )


@login_required
@require_POST
def bulk_assign(request):
    """Assign several actions of the queue at once (one service call, all or none)."""
    if not scope_of(request.user).commands:
        raise PermissionDenied
    form = BulkAssignForm(
        request.POST,
        actions=FollowUpAction.objects.filter(
            responsible_unit_id__in=scope_of(request.user).commands
        ),
        officers=selectors.assignable_officers(request.user),
    )
    if form.is_valid():
        try:
            with transaction.atomic():
                done = services.assign_actions(
                    form.cleaned_data["actions"],
                    by=request.user,
                    assignee=form.cleaned_data["assignee"],
                )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(
                request,
                _("%(count)d action(s) assigned to %(officer)s.")
                % {"count": len(done), "officer": form.cleaned_data["assignee"]},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("policing:queue")


@login_required
def mine(request):
    scope = scope_of(request.user)
    if not (scope.officer_id or scope.focal_point_of):
        raise PermissionDenied
    if wants_export(request):
        return respond(request, exports.MY_ACTIONS)
    context = _page(request, selectors.my_actions(request.user))
    context["tabs"] = _tabs(request, "mine")
    return render(request, "policing/mine.html", context)


@login_required
def action_list(request):
    _require_actions_area(request.user)
    if wants_export(request):
        return respond(request, exports.ACTION_LIST)
    filters = ActionFilters.from_query(request.GET)
    context = _page(request, selectors.action_list(request.user, filters))
    context["filters"] = filters
    context["filter_label"] = _filter_label(filters)
    context["tabs"] = _tabs(request, "list")
    return render(request, "policing/list.html", context)


def _filter_label(filters: ActionFilters) -> str:
    parts = []
    if filters.units:
        parts += [str(u) for u in PoliceUnit.objects.filter(pk__in=filters.units).order_by("name")]
    if filters.bodies:
        parts += [str(b) for b in PartnerBody.objects.filter(pk__in=filters.bodies)]
    if filters.officer:
        parts.append(
            str(Officer.objects.filter(pk=filters.officer).select_related("user").first() or "")
        )
    if filters.council:
        parts.append(str(Council.objects.filter(pk=filters.council).first() or ""))
    if filters.municipality:
        parts.append(str(Municipality.objects.filter(pk=filters.municipality).first() or ""))
    if filters.category:
        parts.append(str(Category.objects.filter(pk=filters.category).first() or ""))
    labels = {
        Bucket.OPEN: _("open"),
        Bucket.DUE_THIS_WEEK: _("due this week"),
        Bucket.OVERDUE: _("overdue"),
        Bucket.COMPLETED_THIS_MONTH: _("completed this month"),
        Bucket.WAITING_FOR_VERIFICATION: _("waiting for verification"),
    }
    if filters.bucket:
        parts.append(labels[filters.bucket])
    for start, end, text in (
        (filters.created_from, filters.created_to, _("created %(start)s – %(end)s")),
        (filters.due_from, filters.due_to, _("due %(start)s – %(end)s")),
    ):
        if start or end:
            parts.append(
                text
                % {
                    "start": date_format(start, "SHORT_DATE_FORMAT") if start else "…",
                    "end": date_format(end, "SHORT_DATE_FORMAT") if end else "…",
                }
            )
    return " · ".join(p for p in parts if p)


WORKLOAD_BUCKETS = (
    Bucket.OPEN,
    Bucket.DUE_THIS_WEEK,
    Bucket.OVERDUE,
    Bucket.COMPLETED_THIS_MONTH,
)


@login_required
def workload(request):
    _require_actions_area(request.user)
    if wants_export(request):
        return respond(request, exports.WORKLOAD)
    sort, descending = workload_of.workload_order(request.GET)
    groups = workload_of.sorted_workload(request.user, sort, descending)
    buckets = dict(zip(WORKLOAD_COLUMNS, WORKLOAD_BUCKETS, strict=True))
    for rows in groups.values():
        for row in rows:
            row.cells = [(f, buckets[f], getattr(row, f)) for f in WORKLOAD_COLUMNS]
    return render(
        request,
        "policing/workload.html",
        {
            "groups": [
                ("units", _("Police units"), "unit", groups["units"]),
                ("officers", _("Officers"), "officer", groups["officers"]),
                ("bodies", _("Partner bodies"), "body", groups["bodies"]),
            ],
            "columns": [
                ("open", Bucket.OPEN, _("Open")),
                ("due_this_week", Bucket.DUE_THIS_WEEK, _("Due this week")),
                ("overdue", Bucket.OVERDUE, _("Overdue")),
                ("completed_this_month", Bucket.COMPLETED_THIS_MONTH, _("Completed this month")),
            ],
            "sort": sort,
            "descending": descending,
            "tabs": _tabs(request, "workload"),
        },
    )


def _tabs(request, current: str) -> list[dict]:
    scope = scope_of(request.user)
    tabs = []
    if scope.commands:
        tabs.append(("queue", _("Queue"), "policing:queue"))
    if scope.officer_id or scope.focal_point_of:
        tabs.append(("mine", _("My actions"), "policing:mine"))
    tabs.append(("list", _("All actions"), "policing:list"))
    tabs.append(("workload", _("Workload"), "policing:workload"))
    return [
        {"name": name, "label": label, "url": reverse(url), "current": name == current}
        for name, label, url in tabs
    ]


# --- Creating an action


def _creation_context(request):
    """The concern or decision the action is for (from the link that led here), if any."""
    concern = decision = None
    concern_id = _int(request.GET.get("concern") or request.POST.get("concern"))
    decision_id = _int(request.GET.get("decision") or request.POST.get("decision"))
    if concern_id:
        concern = get_object_or_404(Concern.objects.select_related("council"), pk=concern_id)
        if not concern_policies.can_view_concern(request.user, concern):
            raise Http404
    if decision_id:
        decision = get_object_or_404(
            Decision.objects.select_related(
                "agenda_item__meeting__council", "agenda_item__concern"
            ),
            pk=decision_id,
        )
        if decision.agenda_item.meeting.council_id not in scope_of(request.user).member_of:
            raise Http404
        concern = concern or decision.agenda_item.concern
    return concern, decision


def _council_for(request, concern, decision) -> Council:
    if decision is not None:
        return decision.agenda_item.meeting.council
    if concern is not None:
        return concern.council
    scope = scope_of(request.user)
    council = (
        Council.objects.filter(
            municipality__police_units__in=scope.commands,
            level=Council.Level.MUNICIPAL,
            is_active=True,
        ).first()
        if scope.commands
        else None
    )
    if council is None:
        raise PermissionDenied
    return council


@never_cache
@login_required
def create(request):
    concern, decision = _creation_context(request)
    council = _council_for(request, concern, decision)
    scope = scope_of(request.user)
    for_item = concern is not None or decision is not None
    secretary = for_item and council.pk in scope.secretary_of
    units = PoliceUnit.objects.filter(municipality_id=council.municipality_id, is_active=True)
    bodies = PartnerBody.objects.filter(municipality_id=council.municipality_id, is_active=True)
    if not secretary:
        units = units.filter(pk__in=scope.commands)
        if council.pk not in scope.co_chair_of:
            bodies = bodies.none()
    units, bodies = list(units.order_by("name")), list(bodies.order_by("name"))
    if not units and not bodies:
        raise PermissionDenied
    officers = selectors.assignable_officers(request.user) if scope.commands else None
    initial = {"due_date": None}
    if concern is not None:
        initial["priority"] = concern.priority
    if decision is not None:
        initial["title"] = decision.text[:250]
    form = ActionForm(
        request.POST or None, units=units, bodies=bodies, officers=officers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.create_action(
                by=request.user,
                council=council,
                title=data["title"],
                description=data["description"],
                responsible_unit=data["responsible_unit"],
                responsible_body=data["responsible_body"],
                assignee=data.get("assignee"),
                due_date=data["due_date"],
                priority=data["priority"],
                concern=concern,
                decision=decision,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The action was created."))
            return redirect("policing:detail", pk=action.pk)
    return render(
        request,
        "policing/create.html",
        {"form": form, "concern": concern, "decision": decision, "council": council},
        status=400 if request.method == "POST" else 200,
    )


# --- One action


@login_required
def detail(request, pk: int):
    try:
        action = selectors.action_for_staff(pk, request.user)
    except FollowUpAction.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "policing/detail.html",
        {
            "action": action,
            "events": selectors.timeline(action),
            "due_date_changes": list(action.due_date_changes.select_related("changed_by")),
            "reminder_log": reminder_log(action),
            "transitions": action_transitions.available_for(request, action),
            "can_open_concern": action.concern_id is not None
            and concern_policies.can_view_concern(request.user, action.concern),
        },
    )


@login_required
def attachment(request, pk: int):
    """Downloads check the action's policy; files are never served as static media."""
    found = get_object_or_404(ProgressAttachment.objects.select_related("update__action"), pk=pk)
    if not policies.can_download_attachment(request.user, found.update.action):
        raise Http404
    name = f"action-{found.update.action_id}-{found.pk}{extension_for(found.content_type)}"
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=found.content_type == Attachment.Kind.PDF,
        filename=name,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
