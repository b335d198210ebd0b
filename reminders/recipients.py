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

Inactive accounts get nothing. The scan works on ``ActionFacts`` (a row of ids, read with
``values_list``: no model instance per action); ``escalation_recipients(action)`` and
``responsible_people`` answer for one action with the same rules.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.utils import timezone

from accounts.models import User
from councils.models import Membership
from policing.models import FocalPoint, FollowUpAction


class ActionFacts(NamedTuple):
    """What the scan needs of an action to decide and address its reminders."""

    pk: int
    council_id: int
    title: str
    due_date: date
    assignee_user_id: int | None
    responsible_unit_id: int | None
    # The unit's commander, else the commander of the station above it.
    commander_id: int | None
    responsible_body_id: int | None
    sensitive: bool


FACT_FIELDS = (
    "pk",
    "council_id",
    "title",
    "due_date",
    "assignee__user_id",
    "responsible_unit_id",
    "responsible_unit__commander_id",
    "responsible_unit__parent__commander_id",
    "responsible_body_id",
    "concern__category__is_sensitive",
)


def action_facts(actions) -> list[ActionFacts]:
    """One query: ``actions`` is a FollowUpAction queryset."""
    return [
        ActionFacts(pk, council, title, due, assignee, unit, commander or parent, body, bool(s))
        for pk, council, title, due, assignee, unit, commander, parent, body, s in (
            actions.values_list(*FACT_FIELDS)
        )
    ]


def _active(users: Iterable[User | None]) -> list[User]:
    seen, result = set(), []
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


class Directory:
    """The people behind a set of actions' councils and partner bodies, loaded once: three
    queries (memberships, focal points, the officers' and commanders' accounts)."""

    def __init__(
        self,
        *,
        council_ids: Iterable[int],
        body_ids: Iterable[int],
        on: date,
        user_ids: Iterable[int] = (),
    ):
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
        body_ids = set(body_ids)
        terms = (
            FocalPoint.objects.current(on)
            .filter(body_id__in=body_ids)
            .select_related("user")
            .order_by("body_id", "user__last_name", "user__first_name")
            if body_ids
            else ()
        )
        for term in terms:
            self.focal_points[term.body_id].append(term.user)
        user_ids = set(user_ids)
        self.users: dict[int, User] = User.objects.in_bulk(user_ids) if user_ids else {}
        self._answers: dict[tuple, list[User]] = {}

    @classmethod
    def for_actions(cls, actions: list[ActionFacts], *, on: date | None = None) -> "Directory":
        return cls(
            council_ids={a.council_id for a in actions},
            body_ids={a.responsible_body_id for a in actions if a.responsible_body_id},
            user_ids={u for a in actions for u in (a.assignee_user_id, a.commander_id) if u},
            on=on or timezone.localdate(),
        )

    def role(self, council_id: int, role: str) -> list[User]:
        return self.members[council_id][role]

    def _memo(self, name: str, action: ActionFacts, find) -> list[User]:
        # Thousands of actions share an officer, a unit or a body: each answer is found once.
        key = (
            name,
            action.council_id,
            action.assignee_user_id,
            action.responsible_unit_id,
            action.commander_id,
            action.responsible_body_id,
            action.sensitive,
        )
        if key not in self._answers:
            self._answers[key] = find(action)
        return self._answers[key]

    def responsible_people(self, action: ActionFacts) -> list[User]:
        return self._memo("responsible", action, self._responsible_people)

    def escalation_recipients(self, action: ActionFacts) -> list[User]:
        return self._memo("escalation", action, self._escalation_recipients)

    def _responsible_people(self, action: ActionFacts) -> list[User]:
        assignee = self.users.get(action.assignee_user_id)
        if assignee is not None and assignee.is_active:
            return [assignee]
        if action.responsible_unit_id:
            people = _active([self.users.get(action.commander_id)])
        else:
            people = _active(self.focal_points[action.responsible_body_id])
        # Nobody acts for the body (no focal point, no commander): whoever commands it hears.
        return people or self.escalation_recipients(action)

    def council_heads(self, action: ActionFacts) -> list[User]:
        """Co-chairs; for a sensitive action the safeguarding officers instead."""
        if action.sensitive:
            return self.role(action.council_id, Membership.Role.SAFEGUARDING_OFFICER)
        return self.role(action.council_id, Membership.Role.CO_CHAIR)

    def _escalation_recipients(self, action: ActionFacts) -> list[User]:
        # A partner body answers to the council's co-chairs (the deputy mayor), who are also
        # told of every escalation: council_heads covers both. A council whose co-chairs have
        # no account yet: its secretary, so that nothing overdue goes unnoticed.
        commander = self.users.get(action.commander_id)
        people = _active([commander, *self.council_heads(action)])
        return people or self.secretaries(action.council_id)

    def meeting_members(self, council_id: int) -> list[User]:
        return _active(user for users in self.members[council_id].values() for user in users)

    def secretaries(self, council_id: int) -> list[User]:
        return _active(self.role(council_id, Membership.Role.SECRETARY))


def _one(action: FollowUpAction) -> tuple[Directory, ActionFacts]:
    facts = action_facts(FollowUpAction.objects.filter(pk=action.pk))[0]
    return Directory.for_actions([facts]), facts


def responsible_people(action: FollowUpAction) -> list[User]:
    """Who a due-soon or overdue reminder of this action goes to."""
    directory, facts = _one(action)
    return directory.responsible_people(facts)


def escalation_recipients(action: FollowUpAction) -> list[User]:
    """Who an escalation of this action goes to."""
    directory, facts = _one(action)
    return directory.escalation_recipients(facts)
