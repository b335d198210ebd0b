"""The plans app's data, by topic; import from the package."""

from plans.models.events import PlanEvent
from plans.models.plan import (
    Activity,
    ActivityLink,
    IndicatorValue,
    Objective,
    PlanRevision,
    SafetyPlan,
)
from plans.models.priorities import (
    Priority,
    PriorityConcern,
    PriorityFollower,
    PriorityUpdate,
)

__all__ = [
    "Activity",
    "ActivityLink",
    "IndicatorValue",
    "Objective",
    "PlanEvent",
    "PlanRevision",
    "Priority",
    "PriorityConcern",
    "PriorityFollower",
    "PriorityUpdate",
    "SafetyPlan",
]
