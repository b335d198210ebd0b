"""Due soon, overdue and escalation reminders: four queries whatever the number of actions.

1. the active actions inside any council's window (three columns; the rules run in Python);
2. the reminder rows those already have for the periods due now;
3. what the new ones need to be addressed (``ActionFacts``: ids, no model instance);
4. (the directory) memberships, focal points and the accounts of officers and commanders.
"""

from django.db.models import Q
from django.utils import timezone

from policing.models import FollowUpAction
from reminders import rules
from reminders.decisions import Clock, Decision
from reminders.models import Reminder
from reminders.recipients import Directory, action_facts

Kind = Reminder.Kind
ACTIVE = FollowUpAction.ACTIVE_STATUSES
FEW = 500


def window(clock: Clock) -> Q:
    """Active councils' actions due early enough to need a reminder by today."""
    found = Q(pk__in=[])
    for (today, thresholds), council_ids in clock.groups():
        horizon = rules.latest_due_date_with_reminders(today, thresholds)
        found |= Q(council_id__in=council_ids, due_date__lte=horizon)
    return found


def action_decisions(clock: Clock) -> list[Decision]:
    candidates = FollowUpAction.objects.filter(window(clock), status__in=ACTIVE)
    due: dict[int, list[rules.Due]] = {}
    # Thousands of actions share a few dozen due dates: the rules run once per date.
    by_date: dict[tuple, list[rules.Due]] = {}
    for pk, council_id, due_date in candidates.values_list("pk", "council_id", "due_date"):
        key = (council_id, due_date)
        if key not in by_date:
            by_date[key] = rules.action_reminders(
                due_date, clock.today[council_id], rules.Thresholds.of(clock.councils[council_id])
            )
        if by_date[key]:
            due[pk] = by_date[key]
    if not due:
        return []
    existing = set(
        Reminder.objects.filter(
            action__in=candidates.values("pk"),
            kind__in=Reminder.ACTION_KINDS,
            period__in={d.period for found in due.values() for d in found},
        ).values_list("action_id", "kind", "period")
    )
    new = {
        pk: [d for d in found if (pk, d.kind, d.period) not in existing]
        for pk, found in due.items()
    }
    new = {pk: found for pk, found in new.items() if found}
    if not new:
        return []
    # One query either way: a few new ones by id; many (a first scan, the morning after a
    # holiday) by the window again, with what addresses them, keeping the new ones: an IN
    # list of thousands of ids costs more to build and parse than the rows it saves.
    if len(new) <= FEW:
        facts = action_facts(FollowUpAction.objects.filter(pk__in=list(new)))
    else:
        facts = [f for f in action_facts(candidates) if f.pk in new]
    directory = Directory.for_actions(facts, on=timezone.localdate(clock.now))
    decisions = []
    for action in facts:
        council = clock.councils[action.council_id]
        for found in new[action.pk]:
            if found.kind == Kind.ESCALATION:
                people = directory.escalation_recipients(action)
            else:
                people = directory.responsible_people(action)
            decisions.append(
                Decision(found.kind, found.period, found.days, council, action, recipients=people)
            )
    return decisions
