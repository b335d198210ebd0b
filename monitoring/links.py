"""The list behind a figure: the inbox, the action list and the meeting list, with the
filters that select exactly the rows a figure counts (their query parameters)."""

from urllib.parse import urlencode

from django.urls import reverse

from monitoring.indicators import Indicator
from monitoring.periods import Period

# A dimension's rows, as a filter of each list (None: the list cannot filter on it).
INBOX_PARAMS = {
    "council": "council",
    "municipality": "municipality",
    "category": "category",
    "channel": "channel",
    "settlement": "settlement",
}
ACTION_PARAMS = {
    "council": "council",
    "municipality": "municipality",
    "unit": "unit",
    "body": "body",
    "category": "category",
}
MEETING_PARAMS = {"council": "council"}


def figure_url(item: Indicator, period: Period, **filters) -> str:
    """The URL of the list behind ``item``'s figure for ``filters`` (dimension -> value, or a
    list of values: a commander's units), or "" when that list cannot show exactly those rows."""
    if not item.list_name:
        return ""
    params = {
        "inbox": INBOX_PARAMS,
        "actions": ACTION_PARAMS,
        "meetings": MEETING_PARAMS,
    }[item.list_name]
    query = {}
    for dimension, value in filters.items():
        if value is None:
            continue
        if dimension not in params:
            return ""
        query[params[dimension]] = value
    query.update(item.list_filters)
    if item.list_name == "inbox":
        query["received_from"] = period.start.isoformat()
        query["received_to"] = period.end.isoformat()
        return f"{reverse('concerns:inbox')}?{urlencode(query, doseq=True)}"
    if item.list_name == "actions":
        if item.list_dates:
            query[f"{item.list_dates}_from"] = period.start.isoformat()
            query[f"{item.list_dates}_to"] = period.end.isoformat()
        return f"{reverse('policing:list')}?{urlencode(query, doseq=True)}"
    query["start"] = period.start.isoformat()
    query["end"] = period.end.isoformat()
    return f"{reverse('monitoring:meetings')}?{urlencode(query, doseq=True)}"


def meeting_list_council(params) -> int | None:
    try:
        return int(params.get("council", ""))
    except ValueError:
        return None


def meeting_list(user, council, params):
    """The meeting list behind a figure: the period (the council's days) and its rows."""
    from councils.models import Meeting
    from monitoring.forms import PeriodForm
    from monitoring.indicators import MEETINGS
    from monitoring.indicators.meetings import HELD

    period = PeriodForm(params, zone=council.zone if council else None).period()
    rows = MEETINGS.queryset(user).filter(MEETINGS.in_period(period))
    if council is not None:
        rows = rows.filter(council=council)
    status = params.get("status", "")
    if status == "held":
        rows = rows.filter(HELD)
    elif status in Meeting.Status.values:
        rows = rows.filter(status=status)
    kind = params.get("kind", "")
    if kind in Meeting.Kind.values:
        rows = rows.filter(kind=kind)
    return period, rows.select_related("council", "council__municipality").order_by("planned_at")
