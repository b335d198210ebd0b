"""Who a reminder goes to, for many actions and meetings at once (a few queries in all).

- due soon and overdue: the assigned officer; without one, the unit's commander (police) or
  the partner body's current focal points;
- escalation: the unit's commander (police) or, for a partner body, the deputy mayor co-chair,
  and the council's co-chairs. For an action of a sensitive category the council's
  safeguarding officers stand in for the co-chairs, who may not see it (DOMAIN: safeguarding);
- meeting tomorrow: the council's current members with an account; minutes unapproved: its
  secretaries.

Nobody is left without a reader: a partner body without a focal point (or a unit without a
commander) falls to who escalations go to, and those to the council's secretaries when no
co-chair has an account.

Inactive accounts get nothing. ``escalation_recipients(action)`` and ``responsible_people``
answer for one action with the same rules.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from accounts.models import User
from councils.models import Membership
from policing.models import FocalPoint, FollowUpAction

ACTION_RELATIONS = (
    "council__municipality",
    "concern__category",
    "assignee__user",
    "responsible_unit__commander",
    "responsible_unit__parent__commander",
    "responsible_body",
)


def _active(users: Iterable[User | None]) -> list[User]:
    seen, result = set(), []
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


def _is_sensitive(action: FollowUpAction) -> bool:
    return action.concern_id is not None and action.concern.category.is_sensitive


class Directory:
    """The people behind a set of actions' councils and partner bodies, loaded once."""

    def __init__(self, *, council_ids: Iterable[int], body_ids: Iterable[int], on: date):
        self.members: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
        memberships = (
            Membership.objects.current(on)
            .filter(council_id__in=set(council_ids), person__user__isnull=False)
            .select_related("person__user")
            .order_by("council_id", "role", "person__full_name")
        )
        for membership in memberships:
            self.members[membership.council_id][membership.role].append(membership.person.user)
        self.focal_points: dict[int, list[User]] = defaultdict(list)
        terms = (
            FocalPoint.objects.current(on)
            .filter(body_id__in=set(body_ids))
            .select_related("user")
            .order_by("body_id", "user__last_name", "user__first_name")
        )
        for term in terms:
            self.focal_points[term.body_id].append(term.user)

    @classmethod
    def for_actions(cls, actions: list[FollowUpAction], *, on: date | None = None) -> "Directory":
        return cls(
            council_ids={a.council_id for a in actions},
            body_ids={a.responsible_body_id for a in actions if a.responsible_body_id},
            on=on or timezone.localdate(),
        )

    def role(self, council_id: int, role: str) -> list[User]:
        return self.members[council_id][role]

    def commander(self, action: FollowUpAction) -> User | None:
        """The unit's commander, else the commander of the station above it."""
        unit = action.responsible_unit
        if unit is None:
            return None
        if unit.commander_id:
            return unit.commander
        return unit.parent.commander if unit.parent_id and unit.parent.commander_id else None

    def responsible_people(self, action: FollowUpAction) -> list[User]:
        if action.assignee_id and action.assignee.user.is_active:
            return [action.assignee.user]
        if action.responsible_unit_id:
            people = _active([self.commander(action)])
        else:
            people = _active(self.focal_points[action.responsible_body_id])
        # Nobody acts for the body (no focal point, no commander): whoever commands it hears.
        return people or self.escalation_recipients(action)

    def council_heads(self, action: FollowUpAction) -> list[User]:
        """Co-chairs; for a sensitive action the safeguarding officers instead."""
        if _is_sensitive(action):
            return self.role(action.council_id, Membership.Role.SAFEGUARDING_OFFICER)
        return self.role(action.council_id, Membership.Role.CO_CHAIR)

    def escalation_recipients(self, action: FollowUpAction) -> list[User]:
        # A partner body answers to the council's co-chairs (the deputy mayor), who are also
        # told of every escalation: council_heads covers both. A council whose co-chairs have
        # no account yet: its secretary, so that nothing overdue goes unnoticed.
        people = _active([self.commander(action), *self.council_heads(action)])
        return people or self.secretaries(action.council_id)

    def meeting_members(self, council_id: int) -> list[User]:
        return _active(user for users in self.members[council_id].values() for user in users)

    def secretaries(self, council_id: int) -> list[User]:
        return _active(self.role(council_id, Membership.Role.SECRETARY))


def _loaded(action: FollowUpAction) -> FollowUpAction:
    return FollowUpAction.objects.select_related(*ACTION_RELATIONS).get(pk=action.pk)


def responsible_people(action: FollowUpAction) -> list[User]:
    """Who a due-soon or overdue reminder of this action goes to."""
    action = _loaded(action)
    return Directory.for_actions([action]).responsible_people(action)


def escalation_recipients(action: FollowUpAction) -> list[User]:
    """Who an escalation of this action goes to."""
    action = _loaded(action)
    return Directory.for_actions([action]).escalation_recipients(action)
