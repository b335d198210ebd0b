"""The dashboards as tables: each table one query (see monitoring.figures), each count a link
to the list behind it. Views render them; exports stream them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import figures
from monitoring.builders import (
    Dashboard,
    breakdown_table,
    headline_table,
    month_table,
)
from monitoring.indicators import (
    ACTION_INDICATORS,
    ACTIONS,
    ATTENDEES,
    CONCERN_INDICATORS,
    CONCERNS,
    DECISION_INDICATORS,
    DECISIONS,
    MEETING_INDICATORS,
    MEETINGS,
    MEMBERS,
    REPRESENTATION_INDICATORS,
    indicator,
    meetings_due,
)
from monitoring.monthly.actions import MonthlyActions, monthly_actions, with_responsible
from monitoring.monthly.read import monthly_rows
from monitoring.periods import Period
from monitoring.tables import Cell, Chart, Table


def _representation(members, attendees, period: Period) -> list[Table]:
    tables = []
    members_indicator, attendance_indicator = REPRESENTATION_INDICATORS
    for dimension, title in (
        ("community", _("Members by community")),
        ("gender", _("Members by gender")),
    ):
        tables.append(
            breakdown_table(
                f"members_{dimension}",
                title,
                MEMBERS,
                members,
                [members_indicator],
                period,
                dimension,
            )
        )
    for dimension, title in (
        ("community", _("Attendance by community")),
        ("gender", _("Attendance by gender")),
    ):
        tables.append(
            breakdown_table(
                f"attendance_{dimension}",
                title,
                ATTENDEES,
                attendees,
                [attendance_indicator],
                period,
                dimension,
            )
        )
    return tables


def concern_rows(user, period: Period, councils=None):
    """The concerns ``user`` counts (of ``councils``, or all they read) for ``period``: from
    the monthly tables when they can answer for it, else the concerns themselves."""
    rows = monthly_rows(user, period, councils)
    if rows is not None:
        return rows
    concerns = CONCERNS.queryset(user)
    if councils is not None:
        concerns = concerns.filter(council__in=[c.pk for c in councils])
    return concerns


def action_rows(user, period: Period, **filters):
    """The actions ``user`` counts for ``period``, narrowed by ``filters`` (council: an id,
    units / bodies: ids): from the monthly table when it can answer, else the actions."""
    rows = monthly_actions(user, period, **filters)
    if rows is not None:
        return rows
    actions = ACTIONS.queryset(user)
    if "council" in filters:
        actions = actions.filter(council_id=filters["council"])
    if "councils" in filters:
        actions = actions.filter(council_id__in=filters["councils"])
    if "units" in filters:
        actions = actions.filter(responsible_unit_id__in=filters["units"])
    if "bodies" in filters:
        actions = actions.filter(responsible_body_id__in=filters["bodies"])
    return actions


def _with_responsible(actions, dimension: str):
    if isinstance(actions, MonthlyActions):
        return with_responsible(actions, dimension)
    field = {"unit": "responsible_unit__isnull", "body": "responsible_body__isnull"}[dimension]
    return actions.filter(**{field: False})


def council_dashboard(user, council, period: Period) -> Dashboard:
    concerns = concern_rows(user, period, [council])
    actions = action_rows(user, period, council=council.pk)
    meetings = MEETINGS.queryset(user).filter(council=council)
    decisions = DECISIONS.queryset(user).filter(agenda_item__meeting__council=council)
    members = MEMBERS.queryset(user).filter(council=council)
    attendees = ATTENDEES.queryset(user).filter(meeting__council=council)
    fixed = {"council": council.pk}
    meeting_figures = figures.headline(MEETINGS, meetings, MEETING_INDICATORS, period)
    meeting_table = headline_table(
        "meetings", _("Meetings"), meeting_figures, period, council=council.pk
    )
    today = timezone.localdate(timezone=period.zone)
    due = meetings_due(council.meeting_cadence, period, as_of=today)
    due_text = _(
        "Regular meetings the council's cadence (%(cadence)s) asks for in the weeks, months "
        "or quarters of the period that are over."
    ) % {"cadence": council.get_meeting_cadence_display()}
    meeting_table.rows.insert(
        0,
        [
            Cell(_("Regular meetings due"), _("Regular meetings due")),
            Cell.of(due),
            Cell.of(meetings_due(council.meeting_cadence, period.previous(), as_of=today)),
            Cell(None, ""),
            Cell(due_text, due_text),
        ],
    )
    decision_table = headline_table(
        "decisions",
        _("Decisions"),
        figures.headline(DECISIONS, decisions, DECISION_INDICATORS, period),
        period,
        **fixed,
    )
    meeting_table.rows += decision_table.rows
    tables = [
        headline_table(
            "concerns",
            _("Concerns"),
            figures.headline(CONCERNS, concerns, CONCERN_INDICATORS, period),
            period,
            **fixed,
        ),
        headline_table(
            "actions",
            _("Follow-up actions"),
            figures.headline(ACTIONS, actions, ACTION_INDICATORS, period),
            period,
            **fixed,
        ),
        meeting_table,
        month_table(
            "months",
            _("By month"),
            [
                (CONCERNS, concerns, indicator("concerns_received")),
                (ACTIONS, actions, indicator("actions_created")),
            ],
            period,
            fixed=fixed,
        ),
    ]
    per_concern = [
        indicator(k)
        for k in (
            "concerns_received",
            "triaged_in_time",
            "days_to_triage_median",
            "days_to_resolution_median",
            "residents_told",
        )
    ]
    for dimension, title in (
        ("category", _("By category")),
        ("channel", _("By channel")),
        ("settlement", _("By settlement")),
    ):
        tables.append(
            breakdown_table(
                dimension, title, CONCERNS, concerns, per_concern, period, dimension, fixed=fixed
            )
        )
    tables += _action_breakdowns(actions, period, fixed)
    tables += _representation(members, attendees, period)
    return Dashboard(str(council), period, tables)


PER_ACTION_KEYS = (
    "actions_open",
    "actions_overdue",
    "actions_overdue_share",
    "actions_due",
    "verified_on_time",
)


def _action_breakdowns(actions, period, fixed, dimensions=("unit", "body")) -> list[Table]:
    per_action = [indicator(k) for k in PER_ACTION_KEYS]
    titles = {"unit": _("By police unit"), "body": _("By partner body")}
    tables = []
    for dimension in dimensions:
        tables.append(
            breakdown_table(
                dimension,
                titles[dimension],
                ACTIONS,
                _with_responsible(actions, dimension),
                per_action,
                period,
                dimension,
                fixed=fixed,
            )
        )
    return tables


def actions_dashboard(
    user, title: str, actions, period: Period, dimension: str, *, fixed: dict | None = None
) -> Dashboard:
    """The commander's (their units) or focal point's (their bodies) dashboard; ``fixed``
    filters the lists behind its figures to those units or bodies."""
    fixed = fixed or {}
    tables = [
        headline_table(
            "actions",
            _("Follow-up actions"),
            figures.headline(ACTIONS, actions, ACTION_INDICATORS, period),
            period,
            **fixed,
        ),
        month_table(
            "months",
            _("By month"),
            [(ACTIONS, actions, indicator("actions_created"))],
            period,
            fixed=fixed,
        ),
        *_action_breakdowns(actions, period, fixed, dimensions=(dimension,)),
        breakdown_table(
            "council",
            _("By council"),
            ACTIONS,
            actions,
            [indicator(k) for k in PER_ACTION_KEYS],
            period,
            "council",
            fixed=fixed,
        ),
    ]
    return Dashboard(title, period, tables)


def councils_side_by_side(user) -> list:
    """The councils the national dashboard compares, as it lists them."""
    from monitoring.policies import dashboard_councils

    return list(dashboard_councils(user).order_by("municipality__name", "level", "name"))


def national_dashboard(user, councils: list, period: Period) -> Dashboard:
    from monitoring.scorecard import scorecard_table
    from monitoring.sensitive_statistics import sensitive_by_municipality_table

    concerns = concern_rows(user, period)
    actions = action_rows(user, period)
    meetings = MEETINGS.queryset(user)
    per_municipality = [
        indicator(k)
        for k in (
            "concerns_received",
            "triaged_in_time",
            "days_to_triage_median",
            "days_to_action_median",
            "days_to_resolution_median",
            "reopened",
            "residents_told",
        )
    ]
    municipalities = breakdown_table(
        "municipalities",
        _("Municipalities side by side"),
        CONCERNS,
        concerns,
        per_municipality,
        period,
        "municipality",
    )
    municipalities.chart = Chart("bar", ("concerns_received", "prev_concerns_received"))
    tables = [
        headline_table(
            "concerns",
            _("Concerns"),
            figures.headline(CONCERNS, concerns, CONCERN_INDICATORS, period),
            period,
        ),
        headline_table(
            "actions",
            _("Follow-up actions"),
            figures.headline(ACTIONS, actions, ACTION_INDICATORS, period),
            period,
        ),
        headline_table(
            "meetings",
            _("Meetings"),
            figures.headline(MEETINGS, meetings, MEETING_INDICATORS, period),
            period,
        ),
        municipalities,
        scorecard_table(user, councils, period),
        month_table(
            "months",
            _("Trend by month"),
            [
                (CONCERNS, concerns, indicator("concerns_received")),
                (ACTIONS, actions, indicator("actions_created")),
                (MEETINGS, meetings, indicator("meetings_held")),
            ],
            period,
            kind="line",
        ),
        breakdown_table(
            "category",
            _("By category"),
            CONCERNS,
            concerns,
            per_municipality[:2] + per_municipality[-1:],
            period,
            "category",
        ),
        breakdown_table(
            "channel",
            _("By channel"),
            CONCERNS,
            concerns,
            per_municipality[:2],
            period,
            "channel",
        ),
    ]
    municipalities = list({c.municipality_id: c.municipality for c in councils}.values())
    tables.append(sensitive_by_municipality_table(municipalities, period.end.year))
    return Dashboard(_("All municipalities"), period, tables)
