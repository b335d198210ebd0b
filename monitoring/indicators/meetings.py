"""Indicators over meetings and their decisions, by the day a meeting was planned for."""

from datetime import date, timedelta

from django.db.models import F, FloatField, Q, Sum, Value
from django.db.models.functions import Cast, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Decision, Meeting
from councils.policies import meetings_for_staff
from monitoring.indicators.base import Dimension, Indicator, Kind, Source, count, share, targets
from monitoring.periods import Period, end_of_month

Status = Meeting.Status
HELD = Q(status__in=(Status.HELD, Status.MINUTES_DRAFT, *Meeting.APPROVED))

COUNCIL = Dimension(
    "council", _("Council"), "council_id", ("council__name", "council__name_translations")
)
MEETINGS = Source(
    key="meetings",
    queryset=meetings_for_staff,
    anchor="planned_at",
    dimensions={
        "council": COUNCIL,
        "municipality": Dimension(
            "municipality",
            _("Municipality"),
            "council__municipality_id",
            ("council__municipality__name", "council__municipality__name_translations"),
        ),
    },
)


def decisions_visible_to(user):
    return Decision.objects.filter(agenda_item__meeting__in=meetings_for_staff(user))


DECISIONS = Source(
    key="decisions",
    queryset=decisions_visible_to,
    anchor="agenda_item__meeting__planned_at",
    dimensions={
        "council": Dimension(
            "council",
            _("Council"),
            "agenda_item__meeting__council_id",
            (
                "agenda_item__meeting__council__name",
                "agenda_item__meeting__council__name_translations",
            ),
        )
    },
)


def _held(period):
    return MEETINGS.in_period(period) & HELD


def _minutes_in_time(field: str):
    """Held meetings whose minutes reached ``field`` within N days of the meeting; a meeting
    whose N days have not passed yet counts only once it got there."""

    def measure(period):
        days = timedelta(days=targets()["minutes_days"])
        due = Q(held_at__lte=timezone.now() - days) | Q(**{f"{field}__isnull": False})
        return share(Q(**{f"{field}__lte": F("held_at") + days}), _held(period) & due)

    return measure


def _attendance_rate(period):
    recorded = _held(period) & Q(members_present__isnull=False, members_current__gt=0)
    return (
        Cast(Sum("members_present", filter=recorded), FloatField())
        * Value(100.0)
        / NullIf(Cast(Sum("members_current", filter=recorded), FloatField()), Value(0.0))
    )


def meetings_due(cadence: str, period: Period, *, as_of: date | None = None) -> int | None:
    """Regular meetings a council's cadence asks for in the period (None: as needed).

    With ``as_of`` (today), only the weeks, months or quarters of the period that are over
    by then count: a half-year looked at on 15 December asks a monthly council for five
    meetings, not six, and a quarterly one for one. A period of other spans is pro-rated by
    its days gone by."""
    if cadence not in (Council.Cadence.WEEKLY, Council.Cadence.MONTHLY, Council.Cadence.QUARTERLY):
        return None
    end = period.end if as_of is None else min(period.end, as_of - timedelta(days=1))
    days = max(0, (end - period.start).days + 1)
    if cadence == Council.Cadence.WEEKLY:
        return days // 7
    if period.whole_months:
        months = sum(1 for first in period.months() if end_of_month(first) <= end)
    else:
        months = days / (365.25 / 12)
    if cadence == Council.Cadence.MONTHLY:
        return round(months)
    return int(months // 3)


MEETING_INDICATORS = (
    Indicator(
        "meetings_planned",
        "meetings",
        _("Meetings planned"),
        _("Meetings planned for a day in the period, held or not, cancelled ones included."),
        Kind.COUNT,
        lambda period: count(MEETINGS.in_period(period)),
        list_name="meetings",
    ),
    Indicator(
        "meetings_held",
        "meetings",
        _("Meetings held"),
        _("Meetings planned in the period and recorded as held."),
        Kind.COUNT,
        lambda period: count(_held(period)),
        higher_is_better=True,
        list_name="meetings",
        list_filters={"status": "held"},
    ),
    Indicator(
        "regular_meetings_held",
        "meetings",
        _("Regular meetings held"),
        _(
            "Regular meetings held in the period, compared with those the council's cadence "
            "asks for (monthly: one a month)."
        ),
        Kind.COUNT,
        lambda period: count(_held(period) & Q(kind=Meeting.Kind.REGULAR)),
        higher_is_better=True,
        list_name="meetings",
        list_filters={"status": "held", "kind": Meeting.Kind.REGULAR},
    ),
    Indicator(
        "meetings_cancelled",
        "meetings",
        _("Meetings cancelled"),
        _("Meetings planned in the period and cancelled."),
        Kind.COUNT,
        lambda period: count(MEETINGS.in_period(period) & Q(status=Status.CANCELLED)),
        higher_is_better=False,
        list_name="meetings",
        list_filters={"status": "cancelled"},
    ),
    Indicator(
        "quorum_reached",
        "meetings",
        _("Quorum reached"),
        _("Of the meetings held whose attendance was recorded, the share with a quorum present."),
        Kind.PERCENT,
        lambda period: share(
            Q(members_present__gte=F("quorum_required")),
            _held(period) & Q(quorum_required__isnull=False, members_present__isnull=False),
        ),
        higher_is_better=True,
    ),
    Indicator(
        "attendance_rate",
        "meetings",
        _("Attendance rate"),
        _(
            "Members present as a share of the council's members at the time of each meeting "
            "held (members who left since still count for the meetings they were members at)."
        ),
        Kind.PERCENT,
        _attendance_rate,
        higher_is_better=True,
    ),
    Indicator(
        "minutes_approved_in_time",
        "meetings",
        _("Minutes approved in time"),
        _(
            "Of the meetings held, the share whose minutes were approved within %(minutes_days)d days."
        ),
        Kind.PERCENT,
        _minutes_in_time("minutes_approved_at"),
        higher_is_better=True,
    ),
    Indicator(
        "minutes_published_in_time",
        "meetings",
        _("Minutes published in time"),
        _(
            "Of the meetings held, the share whose minutes were published within %(minutes_days)d days."
        ),
        Kind.PERCENT,
        _minutes_in_time("published_at"),
        higher_is_better=True,
    ),
)

DECISION_INDICATORS = (
    Indicator(
        "decisions",
        "decisions",
        _("Decisions"),
        _("Decisions recorded in the minutes of meetings planned in the period."),
        Kind.COUNT,
        lambda period: count(DECISIONS.in_period(period)),
    ),
    Indicator(
        "deferrals",
        "decisions",
        _("Deferrals"),
        _("Agenda items deferred to a next meeting at meetings planned in the period."),
        Kind.COUNT,
        lambda period: count(DECISIONS.in_period(period) & Q(kind=Decision.Kind.DEFERRAL)),
        higher_is_better=False,
    ),
)
