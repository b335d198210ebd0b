"""Indicators as code: each is a name, a definition shown next to its figure, and an aggregate
over one source table. ``monitoring.figures`` asks for all the indicators of a source at once:
one query per table or chart, none per row.

    from monitoring.indicators import CONCERNS, ACTIONS, MEETINGS, indicator
    indicator("concerns_received").definition   # in the active language
"""

from monitoring.indicators.actions import ACTION_INDICATORS, ACTIONS
from monitoring.indicators.base import Dimension, Indicator, Kind, Source, targets
from monitoring.indicators.concerns import CONCERN_INDICATORS, CONCERNS
from monitoring.indicators.meetings import (
    DECISION_INDICATORS,
    DECISIONS,
    MEETING_INDICATORS,
    MEETINGS,
    meetings_due,
)
from monitoring.indicators.people import ATTENDEES, MEMBERS, REPRESENTATION_INDICATORS

ALL = (
    *CONCERN_INDICATORS,
    *ACTION_INDICATORS,
    *MEETING_INDICATORS,
    *DECISION_INDICATORS,
    *REPRESENTATION_INDICATORS,
)
_BY_KEY = {i.key: i for i in ALL}


def indicator(key: str) -> Indicator:
    return _BY_KEY[key]


__all__ = [
    "ACTIONS",
    "ACTION_INDICATORS",
    "ALL",
    "ATTENDEES",
    "CONCERNS",
    "CONCERN_INDICATORS",
    "DECISIONS",
    "DECISION_INDICATORS",
    "Dimension",
    "Indicator",
    "Kind",
    "MEETINGS",
    "MEETING_INDICATORS",
    "MEMBERS",
    "REPRESENTATION_INDICATORS",
    "Source",
    "indicator",
    "meetings_due",
    "targets",
]
