"""The national scorecard of how each council functions, and which need support.

Each measure has a threshold; a council below (or, for overdue actions, above) it is flagged on
that measure, and a council with two flags or more is flagged as needing support. The figures
come from one query per source grouped by council, never one per council.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.models import Membership
from monitoring import figures
from monitoring.indicators import ACTIONS, CONCERNS, MEETINGS, indicator, meetings_due
from monitoring.links import figure_url
from monitoring.periods import Period
from monitoring.tables import Cell, Column, Table

NEEDS_SUPPORT_FLAGS = 2


@dataclass(frozen=True)
class Threshold:
    key: str
    label: object
    limit: float
    below_is_bad: bool = True

    def flags(self, value) -> bool:
        if value is None:
            return False
        return value < self.limit if self.below_is_bad else value > self.limit


THRESHOLDS = (
    Threshold("cadence", gettext_lazy("meetings below cadence"), 75.0),
    Threshold("quorum_reached", gettext_lazy("quorum often missed"), 75.0),
    Threshold("attendance_rate", gettext_lazy("low attendance"), 60.0),
    Threshold("minutes_published_in_time", gettext_lazy("minutes late"), 75.0),
    Threshold("communities_missing", gettext_lazy("communities not represented"), 0, False),
    Threshold("actions_overdue_share", gettext_lazy("many actions overdue"), 25.0, False),
    Threshold("verified_on_time", gettext_lazy("actions late"), 50.0),
)


def threshold_text() -> str:
    return _(
        "A council is flagged when regular meetings held are under 75 %% of those its cadence "
        "asks for, quorum is reached at under 75 %% of meetings held, attendance is under 60 %%, "
        "under 75 %% of minutes are published within the target, a community of the "
        "municipality has no member, over 25 %% of open actions are overdue or under 50 %% of "
        "actions due were verified on time; with %(flags)d flags or more it needs support."
    ) % {"flags": NEEDS_SUPPORT_FLAGS}


def communities_missing(councils, period: Period) -> dict[int, list[str]]:
    """Per council, the municipality's communities that no member on the period's last day
    belongs to (one query)."""
    present: dict[int, set[str]] = {}
    rows = (
        Membership.objects.filter(council__in=[c.pk for c in councils])
        .filter(
            Q(start_date__lte=period.end), Q(end_date__isnull=True) | Q(end_date__gte=period.end)
        )
        .exclude(person__community="")
        .values_list("council_id", "person__community")
        .distinct()
    )
    for council_id, community in rows:
        present.setdefault(council_id, set()).add(community.strip().lower())
    return {
        c.pk: [
            name
            for name in (c.municipality.communities or [])
            if name.strip().lower() not in present.get(c.pk, set())
        ]
        for c in councils
    }


def scorecard_table(user, councils: list, period: Period) -> Table:
    from monitoring.dashboards import action_rows, concern_rows

    council_ids = [c.pk for c in councils]
    concern_rows = {
        r.key: r.figures
        for r in figures.breakdown(
            CONCERNS,
            concern_rows(user, period, councils),
            [
                indicator("concerns_received"),
                indicator("triaged_in_time"),
                indicator("residents_told"),
            ],
            period,
            "council",
            compare=False,
        )
    }
    meeting_rows = {
        r.key: r.figures
        for r in figures.breakdown(
            MEETINGS,
            MEETINGS.queryset(user).filter(council__in=council_ids),
            [
                indicator(k)
                for k in (
                    "regular_meetings_held",
                    "quorum_reached",
                    "attendance_rate",
                    "minutes_published_in_time",
                )
            ],
            period,
            "council",
            compare=False,
        )
    }
    action_rows = {
        r.key: r.figures
        for r in figures.breakdown(
            ACTIONS,
            action_rows(user, period, councils=council_ids),
            [indicator("actions_overdue_share"), indicator("verified_on_time")],
            period,
            "council",
            compare=False,
        )
    }
    missing = communities_missing(councils, period)
    today = timezone.localdate(timezone=period.zone)
    table = Table(
        "scorecard",
        _("Council scorecard"),
        [
            Column("council", _("Council"), numeric=False, sortable=True),
            Column("municipality", _("Municipality"), numeric=False, sortable=True),
            Column("concerns_received", _("Concerns received"), sortable=True),
            Column("triaged_in_time", _("Triaged in time"), sortable=True),
            Column("residents_told", _("Residents told"), sortable=True),
            Column("regular_meetings_held", _("Regular meetings held"), sortable=True),
            Column("meetings_due", _("Regular meetings due"), sortable=True),
            Column("quorum_reached", _("Quorum reached"), sortable=True),
            Column("attendance_rate", _("Attendance rate"), sortable=True),
            Column("minutes_published_in_time", _("Minutes published in time"), sortable=True),
            Column("communities_missing", _("Communities not represented"), sortable=True),
            Column("actions_overdue_share", _("Overdue (share of open)"), sortable=True),
            Column("verified_on_time", _("Verified on time"), sortable=True),
            Column("flags", _("Flags"), sortable=True),
            Column("support", _("Needs support"), numeric=False, sortable=True),
        ],
        description=threshold_text(),
    )
    for council in councils:
        values = {}
        for source in (concern_rows, meeting_rows, action_rows):
            for key, figure in source.get(council.pk, {}).items():
                values[key] = figure.value
        due = meetings_due(council.meeting_cadence, period, as_of=today)
        held = values.get("regular_meetings_held") or 0
        values["cadence"] = min(100.0, held * 100.0 / due) if due else None
        values["communities_missing"] = len(missing[council.pk])
        flags = [str(t.label) for t in THRESHOLDS if t.flags(values.get(t.key))]
        needs = len(flags) >= NEEDS_SUPPORT_FLAGS
        url = figure_url(indicator("concerns_received"), period, council=council.pk)
        table.rows.append(
            [
                Cell(str(council), str(council), url=_council_url(council, period)),
                Cell(str(council.municipality), str(council.municipality)),
                Cell.of(values.get("concerns_received") or 0, url=url),
                Cell.of(values.get("triaged_in_time"), "percent"),
                Cell.of(values.get("residents_told"), "percent"),
                Cell.of(
                    held,
                    url=figure_url(indicator("regular_meetings_held"), period, council=council.pk),
                    css="flag" if THRESHOLDS[0].flags(values["cadence"]) else "",
                ),
                Cell.of(due),
                _flagged(values, "quorum_reached"),
                _flagged(values, "attendance_rate"),
                _flagged(values, "minutes_published_in_time"),
                Cell(
                    len(missing[council.pk]),
                    ", ".join(missing[council.pk]) or "0",
                    css="flag" if missing[council.pk] else "",
                ),
                _flagged(values, "actions_overdue_share"),
                _flagged(values, "verified_on_time"),
                Cell(len(flags), str(len(flags)), note="; ".join(flags)),
                Cell(
                    _("yes") if needs else _("no"),
                    _("Needs support") if needs else "",
                    note="; ".join(flags),
                    css="flag" if needs else "",
                ),
            ]
        )
    return table


def _flagged(values: dict, key: str) -> Cell:
    threshold = next(t for t in THRESHOLDS if t.key == key)
    return Cell.of(
        values.get(key), "percent", css="flag" if threshold.flags(values.get(key)) else ""
    )


def _council_url(council, period: Period) -> str:
    from django.urls import reverse

    return f"{reverse('monitoring:council', args=[council.pk])}?{period.query()}"
