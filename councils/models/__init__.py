"""The councils app's data, by topic; import from the package."""

from councils.models.meetings import (
    AgendaItem,
    Attendance,
    CouncilEvent,
    Decision,
    Meeting,
    MinutesRevision,
)
from councils.models.members import (
    Membership,
    MembershipQuerySet,
    Person,
)
from councils.models.places import (
    Council,
    Municipality,
    Settlement,
    emergency_number_for,
    validate_time_zone,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "Council",
    "CouncilEvent",
    "Decision",
    "Meeting",
    "Membership",
    "MembershipQuerySet",
    "MinutesRevision",
    "Municipality",
    "Person",
    "Settlement",
    "emergency_number_for",
    "validate_time_zone",
]
