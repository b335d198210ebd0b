"""Every change to plans and priorities: one function per step, each in one transaction that
checks the policy, changes the state and writes a PlanEvent; emails go through the outbox.
Callers import from the package: ``from plans import services``.
"""

from plans.services.common import PlanRuleError
from plans.services.plans import (
    add_activity,
    add_objective,
    adopt_plan,
    create_plan,
    record_adoption_decision,
    record_assembly_approval,
    remove_activity,
    snapshot,
    start_revision,
    submit_plan,
    update_activity,
    update_objective,
    update_plan,
)
from plans.services.priorities import (
    add_update,
    close_priority,
    confirm_follower,
    follow_priority,
    link_concern,
    publish_priority,
    set_priority,
    unsubscribe,
    update_priority,
)
from plans.services.progress import (
    link_action,
    link_decision,
    record_indicator_value,
    unlink,
)

__all__ = [
    "PlanRuleError",
    "add_activity",
    "add_objective",
    "add_update",
    "adopt_plan",
    "close_priority",
    "confirm_follower",
    "create_plan",
    "follow_priority",
    "link_action",
    "link_concern",
    "link_decision",
    "publish_priority",
    "record_adoption_decision",
    "record_assembly_approval",
    "record_indicator_value",
    "remove_activity",
    "set_priority",
    "snapshot",
    "start_revision",
    "submit_plan",
    "unlink",
    "unsubscribe",
    "update_activity",
    "update_objective",
    "update_plan",
    "update_priority",
]
