"""The periodic scan: decide the reminders that are due, record them, queue their messages.

Set-based: a handful of queries whatever the number of actions — the councils (their time
zones and thresholds), the active actions inside any council's window, the reminder rows
those already have, then for what is new only: the actions with their people, the councils'
members and focal points, the users' channel preferences, one INSERT of the reminder rows,
one read-back, one INSERT per channel.

All in one transaction. The rows are inserted with ON CONFLICT DO NOTHING against the unique
(subject, kind, period) constraints and stamped with the scan's id; the rows read back with
that id are the ones this scan decided, and only they get messages. So two scans at once (two
beat instances, a task delivered twice) decide each reminder once: on PostgreSQL the second
INSERT waits for the first transaction and then skips its rows; on SQLite writers take turns.

Emails are handed to workers after commit (notifications outbox). If the broker is down then,
the rows and emails are committed all the same and ``run_scan`` raises ``BrokerUnavailable``
(the beat task fails loudly, the command exits non-zero); the outbox sweep sends them once
the broker is back.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from councils.models import Council, Meeting
from notifications.services import BrokerUnavailable
from policing.models import FollowUpAction, PoliceUnit
from reminders import rules
from reminders.channels import Outgoing, Preferences, configured_channels
from reminders.messages import compose
from reminders.models import Reminder
from reminders.recipients import ACTION_RELATIONS, Directory

Kind = Reminder.Kind
ACTIVE = FollowUpAction.ACTIVE_STATUSES
DIGEST_FIELDS = (
    "title",
    "due_date",
    "council_id",
    "responsible_unit__name",
    "responsible_body__name",
    "responsible_body__name_translations",
    "concern__category__is_sensitive",
)
# Ids per IN (...) list: well under SQLite's limit on variables; PostgreSQL takes any.
ID_CHUNK = 20_000


@dataclass
class Decision:
    kind: str
    period: str
    days: int
    council: Council | None
    action: FollowUpAction | None = None
    meeting: Meeting | None = None
    digest_for: object = None
    digest_actions: list = field(default_factory=list)
    recipients: list = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.action_id, self.meeting_id, self.digest_for_id, self.kind, self.period)

    @property
    def action_id(self):
        return self.action.pk if self.action else None

    @property
    def meeting_id(self):
        return self.meeting.pk if self.meeting else None

    @property
    def digest_for_id(self):
        return self.digest_for.pk if self.digest_for else None

    def describe(self) -> str:
        """One line for ``manage.py reminders --dry-run``: what, why, to whom."""
        if self.action:
            subject = f"action {self.action.pk} “{self.action.title}”"
            why = {
                Kind.DUE_SOON: f"due {self.action.due_date} (in {self.days} days)",
                Kind.OVERDUE: f"due {self.action.due_date}, {self.days} days overdue",
                Kind.ESCALATION: f"{self.days} days overdue (escalation after "
                f"{self.council.escalation_days})",
            }[self.kind]
        elif self.meeting:
            subject = f"meeting {self.meeting.pk} of {self.council}"
            why = (
                f"planned {self.period} (in {self.days} days)"
                if self.kind == Kind.MEETING_TOMORROW
                else f"held {self.period}, minutes unapproved after {self.days} days"
            )
        else:
            subject = f"digest for {self.digest_for}"
            why = f"{len(self.digest_actions)} overdue actions in their scope"
        people = (
            ", ".join(user.get_username() for user in self.recipients) or "nobody (no recipient)"
        )
        return f"{self.kind:<18} {self.period:<14} {subject}: {why} → {people}"


@dataclass
class ScanResult:
    decided: list[Decision] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)
    not_queued: int = 0

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for decision in self.decided:
            counts[decision.kind] += 1
        return dict(counts)


class Clock:
    """Every active council's calendar day in its own zone, and its thresholds."""

    def __init__(self, now: datetime):
        self.now = now
        self.councils = {
            council.pk: council
            for council in Council.objects.filter(is_active=True).select_related("municipality")
        }
        self.today = {pk: rules.local_today(c.zone, now) for pk, c in self.councils.items()}

    def groups(self):
        """Councils sharing a day and thresholds: one OR-term each in the action query."""
        groups = defaultdict(list)
        for pk, council in self.councils.items():
            groups[(self.today[pk], rules.Thresholds.of(council))].append(pk)
        return groups.items()


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def _action_decisions(clock: Clock) -> list[Decision]:
    window = Q(pk__in=[])
    for (today, thresholds), council_ids in clock.groups():
        horizon = rules.latest_due_date_with_reminders(today, thresholds)
        window |= Q(council_id__in=council_ids, due_date__lte=horizon)
    candidates = FollowUpAction.objects.filter(window, status__in=ACTIVE)
    due: dict[int, list[rules.Due]] = {}
    for pk, council_id, due_date in candidates.values_list("pk", "council_id", "due_date"):
        council = clock.councils[council_id]
        found = rules.action_reminders(
            due_date, clock.today[council_id], rules.Thresholds.of(council)
        )
        if found:
            due[pk] = found
    if not due:
        return []
    existing = set(
        Reminder.objects.filter(
            action__in=candidates.values("pk"), kind__in=Reminder.ACTION_KINDS
        ).values_list("action_id", "kind", "period")
    )
    new = {
        pk: [d for d in found if (pk, d.kind, d.period) not in existing]
        for pk, found in due.items()
    }
    new = {pk: found for pk, found in new.items() if found}
    actions = []
    for chunk in _chunks(new):
        actions += FollowUpAction.objects.filter(pk__in=chunk).select_related(*ACTION_RELATIONS)
    directory = Directory.for_actions(actions, on=timezone.localdate(clock.now))
    decisions = []
    for action in actions:
        for found in new[action.pk]:
            if found.kind == Kind.ESCALATION:
                people = directory.escalation_recipients(action)
            else:
                people = directory.responsible_people(action)
            decisions.append(
                Decision(
                    found.kind,
                    found.period,
                    found.days,
                    clock.councils[action.council_id],
                    action=action,
                    recipients=people,
                )
            )
    return decisions


def _meeting_decisions(clock: Clock) -> list[Decision]:
    planned = Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        agenda_published_at__isnull=False,
        planned_at__gt=clock.now,
        planned_at__lte=clock.now + timedelta(days=2),
    )
    unapproved = Meeting.objects.filter(status__in=Meeting.EDITABLE_MINUTES, held_at__isnull=False)
    meetings = list(
        (planned | unapproved)
        .filter(council_id__in=clock.councils)
        .select_related("council__municipality")
    )
    found = []
    for meeting in meetings:
        council = meeting.council
        today = clock.today[council.pk]
        if meeting.status == Meeting.Status.PLANNED:
            due = rules.meeting_tomorrow(meeting.local_planned_at.date(), today)
        else:
            held_day = timezone.localtime(meeting.held_at, council.zone).date()
            due = rules.minutes_unapproved(held_day, today, council.minutes_reminder_days)
        if due:
            found.append((meeting, due))
    if not found:
        return []
    existing = set(
        Reminder.objects.filter(
            meeting__in=[m.pk for m, _ in found], kind__in=Reminder.MEETING_KINDS
        ).values_list("meeting_id", "kind", "period")
    )
    found = [(m, d) for m, d in found if (m.pk, d.kind, d.period) not in existing]
    directory = Directory(
        council_ids={m.council_id for m, _ in found}, body_ids=(), on=timezone.localdate(clock.now)
    )
    return [
        Decision(
            due.kind,
            due.period,
            due.days,
            meeting.council,
            meeting=meeting,
            recipients=directory.meeting_members(meeting.council_id)
            if due.kind == Kind.MEETING_TOMORROW
            else directory.secretaries(meeting.council_id),
        )
        for meeting, due in found
    ]


def _digest_decisions(clock: Clock) -> list[Decision]:
    """One digest a week per commander (their units and the units under them) and per co-chair
    (their council; sensitive-category actions left out, as on their pages)."""
    overdue = Q(pk__in=[])
    for (today, _thresholds), council_ids in clock.groups():
        overdue |= Q(council_id__in=council_ids, due_date__lt=today)
    overdue_actions = FollowUpAction.objects.filter(overdue, status__in=ACTIVE)
    scopes = overdue_actions.values_list("council_id", "responsible_unit_id").distinct()
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
    unit_council = dict(
        FollowUpAction.objects.filter(responsible_unit_id__in=units_with)
        .values_list("responsible_unit_id", "council_id")
        .distinct()
    )
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
    actions = list(
        overdue_actions.filter(
            Q(responsible_unit_id__in=wanted_units) | Q(council_id__in=wanted_councils)
        )
        # What a digest line shows, and nothing more: thousands of rows in a large council.
        .select_related("responsible_unit", "responsible_body", "concern__category")
        .only(*DIGEST_FIELDS)
        .order_by("due_date", "pk")
    )
    from accounts.models import User

    people |= {
        u.pk: u for u in User.objects.filter(pk__in=set(weeks) - set(people), is_active=True)
    }
    decisions = []
    for user_id, week in weeks.items():
        user = people.get(user_id)
        if user is None or not user.is_active:
            continue
        mine = [
            (a, (clock.today[a.council_id] - a.due_date).days)
            for a in actions
            if a.responsible_unit_id in commanded.get(user_id, ())
            or (
                a.council_id in chairs.get(user_id, ())
                and not (a.concern_id and a.concern.category.is_sensitive)
            )
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


def decide(now: datetime | None = None) -> list[Decision]:
    """Every reminder due now that has no row yet: read-only (the dry run stops here)."""
    clock = Clock(now or timezone.now())
    return _action_decisions(clock) + _meeting_decisions(clock) + _digest_decisions(clock)


def _record(decisions: list[Decision], scan: uuid.UUID) -> dict[tuple, int]:
    Reminder.objects.bulk_create(
        [
            Reminder(
                action=d.action,
                meeting=d.meeting,
                digest_for=d.digest_for,
                kind=d.kind,
                period=d.period,
                recipients=[user.pk for user in d.recipients],
                scan=scan,
            )
            for d in decisions
        ],
        ignore_conflicts=True,
    )
    rows = Reminder.objects.filter(scan=scan).values_list(
        "pk", "action_id", "meeting_id", "digest_for_id", "kind", "period"
    )
    return {tuple(row[1:]): row[0] for row in rows}


def _send(decisions: list[Decision], mine: dict[tuple, int], channels) -> dict[str, int]:
    decided = [d for d in decisions if d.key in mine]
    preferences = Preferences({user.pk for d in decided for user in d.recipients})
    batches = {channel.name: [] for channel in channels}
    for decision in decided:
        reminder_id = mine[decision.key]
        for user in decision.recipients:
            message = None
            for channel in channels:
                if channel.reaches(user) and preferences.wants(
                    user.pk, channel.name, decision.kind
                ):
                    message = message or compose(decision, user)
                    batches[channel.name].append(Outgoing(reminder_id, user, message))
    for channel in channels:
        if batches[channel.name]:
            channel.send(batches[channel.name])
    return {name: len(batch) for name, batch in batches.items()}


def run_scan(*, now: datetime | None = None, dry_run: bool = False) -> ScanResult:
    """Decide, record and queue every reminder due ``now``; see the module's docstring."""
    if dry_run:
        return ScanResult(decided=decide(now))
    scan = uuid.uuid4()
    channels = configured_channels()
    with transaction.atomic():
        decisions = decide(now)
        mine = _record(decisions, scan) if decisions else {}
        result = ScanResult(
            decided=[d for d in decisions if d.key in mine],
            messages=_send(decisions, mine, channels) if mine else {},
        )
    result.not_queued = sum(getattr(channel, "not_queued", 0) for channel in channels)
    if result.not_queued:
        raise BrokerUnavailable(
            f"{result.not_queued} reminder emails are recorded but could not be queued: "
            "the outbox sweep sends them when the broker is back"
        )
    return result
