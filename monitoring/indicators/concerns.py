"""Indicators over concerns: each counts the concerns received in the period (a cohort), so
that a figure and the inbox list behind it (filtered on the same days) hold the same rows."""

from datetime import timedelta

from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from concerns.models import Channel, Concern, ConcernEvent
from concerns.policies import concerns_visible_to
from concerns.selectors import was_reopened
from monitoring.aggregates import DaysBetween, Percentile
from monitoring.indicators.base import Dimension, Indicator, Kind, Source, count, share, targets
from policing.models import FollowUpAction, ProgressUpdate

Status = Concern.Status


def _first_action_at():
    return Subquery(
        FollowUpAction.objects.filter(concern=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )


def _given_public_word() -> Q:
    """A public text on the tracking page (a reason, a note, a message to the reporter: kept
    in ``ConcernEvent.public_text``), or a public progress update of one of its actions."""
    return Q(
        pk__in=ConcernEvent.objects.filter(is_public=True)
        .exclude(public_text={})
        .values("concern_id")
    ) | Q(pk__in=ProgressUpdate.objects.filter(is_public=True).values("action__concern_id"))


CONCERNS = Source(
    key="concerns",
    queryset=concerns_visible_to,
    anchor="created_at",
    dimensions={
        "council": Dimension(
            "council", _("Council"), "council_id", ("council__name", "council__name_translations")
        ),
        "municipality": Dimension(
            "municipality",
            _("Municipality"),
            "municipality_id",
            ("municipality__name", "municipality__name_translations"),
        ),
        "category": Dimension(
            "category",
            _("Category"),
            "category_id",
            ("category__name", "category__name_translations"),
        ),
        "channel": Dimension("channel", _("Channel"), "channel", choices=tuple(Channel.choices)),
        "settlement": Dimension(
            "settlement",
            _("Settlement"),
            "settlement_id",
            ("settlement__name", "settlement__name_translations"),
        ),
    },
    annotations={"first_action_at": _first_action_at},
)

# Duplicates point to another concern and rejections end at once: they are left out of the
# shares of how concerns were handled.
HANDLED = ~Q(status__in=(Status.DUPLICATE, Status.REJECTED))
ANSWERABLE = ~Q(status=Status.DUPLICATE)


def _received(period):
    return CONCERNS.in_period(period)


def _triaged_in_time(period):
    days = targets()["triage_days"]
    return share(
        Q(triaged_at__isnull=False, triaged_at__lte=F("created_at") + timedelta(days=days)),
        _received(period) & HANDLED,
    )


def _days(until: str, fraction: float):
    def measure(period):
        return Percentile(
            DaysBetween("created_at", until),
            fraction,
            filter=_received(period) & Q(**{f"{until}__isnull": False}),
        )

    return measure


CONCERN_INDICATORS = (
    Indicator(
        "concerns_received",
        "concerns",
        _("Concerns received"),
        _("Concerns received in the period, by the day they were received, whatever their status."),
        Kind.COUNT,
        lambda period: count(_received(period)),
        list_name="inbox",
    ),
    Indicator(
        "triaged_in_time",
        "concerns",
        _("Triaged in time"),
        _(
            "Of the concerns received (duplicates and rejections left out), the share first "
            "triaged within %(triage_days)d days of being received."
        ),
        Kind.PERCENT,
        _triaged_in_time,
        higher_is_better=True,
    ),
    Indicator(
        "days_to_triage_median",
        "concerns",
        _("Days to triage (median)"),
        _(
            "Half of the triaged concerns received in the period were triaged within this many days."
        ),
        Kind.DAYS,
        _days("triaged_at", 0.5),
        higher_is_better=False,
    ),
    Indicator(
        "days_to_triage_p90",
        "concerns",
        _("Days to triage (90th percentile)"),
        _(
            "Nine in ten triaged concerns received in the period were triaged within this many days."
        ),
        Kind.DAYS,
        _days("triaged_at", 0.9),
        higher_is_better=False,
    ),
    Indicator(
        "days_to_action_median",
        "concerns",
        _("Days to first action (median)"),
        _(
            "For the concerns received in the period that have a follow-up action: half got "
            "their first action within this many days."
        ),
        Kind.DAYS,
        _days("first_action_at", 0.5),
        higher_is_better=False,
        needs=("first_action_at",),
    ),
    Indicator(
        "days_to_action_p90",
        "concerns",
        _("Days to first action (90th percentile)"),
        _(
            "For the concerns received in the period that have a follow-up action: nine in ten "
            "got their first action within this many days."
        ),
        Kind.DAYS,
        _days("first_action_at", 0.9),
        higher_is_better=False,
        needs=("first_action_at",),
    ),
    Indicator(
        "days_to_resolution_median",
        "concerns",
        _("Days to resolution (median)"),
        _(
            "For the concerns received in the period and resolved (a reopened concern counts "
            "from its latest resolution): half were resolved within this many days."
        ),
        Kind.DAYS,
        _days("resolved_at", 0.5),
        higher_is_better=False,
    ),
    Indicator(
        "days_to_resolution_p90",
        "concerns",
        _("Days to resolution (90th percentile)"),
        _(
            "For the concerns received in the period and resolved: nine in ten were resolved "
            "within this many days."
        ),
        Kind.DAYS,
        _days("resolved_at", 0.9),
        higher_is_better=False,
    ),
    Indicator(
        "reopened",
        "concerns",
        _("Reopened"),
        _("Concerns received in the period that were reopened after being resolved or closed."),
        Kind.COUNT,
        lambda period: count(_received(period) & was_reopened()),
        higher_is_better=False,
        list_name="inbox",
        list_filters={"reopened": "on"},
    ),
    Indicator(
        "residents_told",
        "concerns",
        _("Residents told"),
        _(
            "Of the concerns received (duplicates left out), the share whose reporter was given "
            "a public response, a public reason or a public progress update: the “nobody told "
            "us” figure."
        ),
        Kind.PERCENT,
        lambda period: share(
            ~Q(public_response={}) | ~Q(rejection_reason={}) | _given_public_word(),
            _received(period) & ANSWERABLE,
        ),
        higher_is_better=True,
    ),
)
