"""Indicators over follow-up actions. Open and overdue are counted now (a snapshot, as the
action lists show them); created and due are counted in the period."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.indicators.base import Dimension, Indicator, Kind, Source, count, share
from policing.models import FollowUpAction
from policing.policies import actions_visible_to

Status = FollowUpAction.Status
ACTIVE = Q(status__in=FollowUpAction.ACTIVE_STATUSES)


def _overdue() -> Q:
    return ACTIVE & Q(due_date__lt=timezone.localdate())


ACTIONS = Source(
    key="actions",
    queryset=actions_visible_to,
    anchor="created_at",
    snapshot_rows=ACTIVE,
    other_dates=("due_date",),
    dimensions={
        "council": Dimension(
            "council", _("Council"), "council_id", ("council__name", "council__name_translations")
        ),
        "municipality": Dimension(
            "municipality",
            _("Municipality"),
            "council__municipality_id",
            ("council__municipality__name", "council__municipality__name_translations"),
        ),
        "unit": Dimension(
            "unit", _("Police unit"), "responsible_unit_id", ("responsible_unit__name",)
        ),
        "body": Dimension(
            "body",
            _("Partner body"),
            "responsible_body_id",
            ("responsible_body__name", "responsible_body__name_translations"),
        ),
        "category": Dimension(
            "category",
            _("Category"),
            "concern__category_id",
            ("concern__category__name", "concern__category__name_translations"),
        ),
    },
)


def _due(period) -> Q:
    return period.covers_day("due_date") & ~Q(status=Status.CANCELLED)


ACTION_INDICATORS = (
    Indicator(
        "actions_created",
        "actions",
        _("Actions created"),
        _("Follow-up actions created in the period, from concerns or meeting decisions."),
        Kind.COUNT,
        lambda period: count(ACTIONS.in_period(period)),
        list_name="actions",
        list_dates="created",
    ),
    Indicator(
        "actions_open",
        "actions",
        _("Open actions"),
        _("Actions not yet completed, verified or cancelled, today."),
        Kind.COUNT,
        lambda period: count(ACTIVE),
        snapshot=True,
        list_name="actions",
        list_filters={"bucket": "open"},
    ),
    Indicator(
        "actions_overdue",
        "actions",
        _("Overdue actions"),
        _("Open actions whose due date has passed, today."),
        Kind.COUNT,
        lambda period: count(_overdue()),
        snapshot=True,
        higher_is_better=False,
        list_name="actions",
        list_filters={"bucket": "overdue"},
    ),
    Indicator(
        "actions_overdue_share",
        "actions",
        _("Overdue (share of open)"),
        _("Overdue actions as a share of the open actions, today."),
        Kind.PERCENT,
        lambda period: share(Q(due_date__lt=timezone.localdate()), ACTIVE),
        snapshot=True,
        higher_is_better=False,
    ),
    Indicator(
        "actions_due",
        "actions",
        _("Actions due"),
        _("Actions whose due date fell in the period (cancelled ones left out)."),
        Kind.COUNT,
        lambda period: count(_due(period)),
        list_name="actions",
        list_dates="due",
    ),
    Indicator(
        "verified_on_time",
        "actions",
        _("Verified on time"),
        _(
            "Of the actions due in the period, the share completed by their due date and "
            "verified by the commander or co-chair."
        ),
        Kind.PERCENT,
        lambda period: share(
            Q(status=Status.VERIFIED, completed_at__date__lte=F("due_date")), _due(period)
        ),
        higher_is_better=True,
    ),
)
