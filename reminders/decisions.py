"""What the scan decides: a reminder due now, for whom; and the clock it judges by."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from councils.models import Council, Meeting
from reminders import rules
from reminders.models import Reminder
from reminders.recipients import ActionFacts

Kind = Reminder.Kind


@dataclass
class Decision:
    kind: str
    period: str
    days: int
    council: Council | None
    action: ActionFacts | None = None
    meeting: Meeting | None = None
    digest_for: object = None
    digest_actions: list = field(default_factory=list)
    recipients: list = field(default_factory=list)

    # Computed once: a first scan looks them up for tens of thousands of decisions.
    key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.key = (self.action_id, self.meeting_id, self.digest_for_id, self.kind, self.period)

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
