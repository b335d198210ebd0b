"""The weekly digest per commander (their units and the units under them) and per co-chair
(their council; sensitive-category actions left out, as on their pages).

The overdue actions of a large council are thousands: read as rows of values (``DigestLine``),
not model instances. The digest is composed by the scan: it lists what was overdue then.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from councils.localized import pick_translation
from policing.models import FollowUpAction, PoliceUnit
from reminders import rules
from reminders.decisions import Clock, Decision
from reminders.models import Reminder
from reminders.recipients import Directory

Kind = Reminder.Kind
ACTIVE = FollowUpAction.ACTIVE_STATUSES
LINE_FIELDS = (
    "pk",
    "title",
    "due_date",
    "council_id",
    "responsible_unit_id",
    "responsible_unit__name",
    "responsible_body__name",
    "responsible_body__name_translations",
    "concern__category__is_sensitive",
)


@dataclass(frozen=True)
class DigestLine:
    pk: int
    title: str
    due_date: date
    council_id: int
    responsible_unit_id: int | None
    unit_name: str | None
    body_name: str | None
    body_translations: dict | None
    sensitive: bool | None

    @property
    def responsible(self) -> str:
        """The unit, or the partner body in the active language (the message's)."""
        if self.responsible_unit_id:
            return self.unit_name
        return pick_translation(self.body_name or "", self.body_translations)


def digest_decisions(clock: Clock) -> list[Decision]:
    overdue = Q(pk__in=[])
    for (today, _thresholds), council_ids in clock.groups():
        overdue |= Q(council_id__in=council_ids, due_date__lt=today)
    overdue_actions = FollowUpAction.objects.filter(overdue, status__in=ACTIVE)
    scopes = set(overdue_actions.values_list("council_id", "responsible_unit_id").distinct())
    councils_with = {c for c, _u in scopes}
    units_with = {u for _c, u in scopes if u}
    if not councils_with:
        return []
    units = {u["pk"]: u for u in PoliceUnit.objects.values("pk", "commander_id", "parent_id")}
    commanded: dict[int, set[int]] = defaultdict(set)  # user id -> unit ids with overdue
    for unit_id in units_with:
        node = units.get(unit_id)
        while node is not None:  # the unit's commander and every commander above it
            if node["commander_id"]:
                commanded[node["commander_id"]].add(unit_id)
            node = units.get(node["parent_id"])
    directory = Directory(council_ids=councils_with, body_ids=(), on=timezone.localdate(clock.now))
    chairs: dict[int, set[int]] = defaultdict(set)  # user id -> council ids
    people = {}
    for council_id in councils_with:
        for user in directory.role(council_id, "co_chair"):
            chairs[user.pk].add(council_id)
            people[user.pk] = user
    # The week is the recipient's: judged in the zone of one of their councils.
    zone_council = {u: min(c) for u, c in chairs.items()}
    unit_council: dict[int, int] = {}  # a unit's council: the first with an overdue action
    for council_id, unit_id in sorted((c, u) for c, u in scopes if u):
        unit_council.setdefault(unit_id, council_id)
    for user_id, unit_ids in commanded.items():
        zone_council.setdefault(user_id, unit_council[min(unit_ids)])
    weeks = {
        user_id: rules.digest_week(clock.today[council_id])
        for user_id, council_id in zone_council.items()
    }
    weeks = {u: w for u, w in weeks.items() if w}
    if not weeks:
        return []
    sent = set(
        Reminder.objects.filter(
            kind=Kind.DIGEST, digest_for_id__in=weeks, period__in=set(weeks.values())
        ).values_list("digest_for_id", "period")
    )
    weeks = {u: w for u, w in weeks.items() if (u, w) not in sent}
    if not weeks:
        return []
    wanted_units = {unit for u in weeks for unit in commanded.get(u, ())}
    wanted_councils = {c for u in weeks for c in chairs.get(u, ())}
    lines = [
        DigestLine(*row)
        for row in overdue_actions.filter(
            Q(responsible_unit_id__in=wanted_units) | Q(council_id__in=wanted_councils)
        )
        .order_by("due_date", "pk")
        .values_list(*LINE_FIELDS)
    ]
    people |= {
        u.pk: u for u in User.objects.filter(pk__in=set(weeks) - set(people), is_active=True)
    }
    decisions = []
    for user_id, week in weeks.items():
        user = people.get(user_id)
        if user is None or not user.is_active:
            continue
        units_of, councils_of = commanded.get(user_id, ()), chairs.get(user_id, ())
        mine = [
            (line, (clock.today[line.council_id] - line.due_date).days)
            for line in lines
            if line.responsible_unit_id in units_of
            or (line.council_id in councils_of and not line.sensitive)
        ]
        if mine:
            decisions.append(
                Decision(
                    Kind.DIGEST.value,
                    week,
                    len(mine),
                    clock.councils[zone_council[user_id]],
                    digest_for=user,
                    digest_actions=mine,
                    recipients=[user],
                )
            )
    return decisions
