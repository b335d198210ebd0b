"""Follow-up actions with their events, progress updates and due-date changes.

The rows are written with the ORM in their final status, respecting the model's constraints
(the services would date everything today); their history (events, updates, dates) is laid
out afterwards by ``lay_out``, once the concern's or meeting's own dates are known.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.models import User
from concerns.models import Concern, Priority
from councils.models import Council, Decision
from demo import texts
from demo.action_summaries import public_summary
from demo.world import World
from policing.models import ActionEvent, DueDateChange, FollowUpAction, ProgressUpdate

Status = FollowUpAction.Status

ACTIVE_WEIGHTS = {
    Status.OPEN: 2,
    Status.ASSIGNED: 3,
    Status.IN_PROGRESS: 4,
    Status.REOPENED: 1,
}
FINISHED_WEIGHTS = {Status.COMPLETED: 3, Status.VERIFIED: 5}

# The steps an action went through to reach its status; each step is one event.
PATHS = {
    Status.OPEN: [],
    Status.ASSIGNED: ["assign"],
    Status.IN_PROGRESS: ["assign", "start", "middle"],
    Status.COMPLETED: ["assign", "start", "middle", "done"],
    Status.VERIFIED: ["assign", "start", "done", "verify"],
    Status.REOPENED: ["assign", "start", "done", "reopen"],
    Status.CANCELLED: ["cancel"],
}
STEP_STATUS = {
    "assign": (Status.OPEN, Status.ASSIGNED),
    "start": (Status.ASSIGNED, Status.IN_PROGRESS),
    "middle": (Status.IN_PROGRESS, Status.IN_PROGRESS),
    "done": (Status.IN_PROGRESS, Status.COMPLETED),
    "verify": (Status.COMPLETED, Status.VERIFIED),
    "reopen": (Status.COMPLETED, Status.REOPENED),
    "cancel": (Status.OPEN, Status.CANCELLED),
}
STEP_KIND = {
    "assign": ActionEvent.Kind.ASSIGNED,
    "start": ActionEvent.Kind.STARTED,
    "middle": ActionEvent.Kind.PROGRESS,
    "done": ActionEvent.Kind.COMPLETED,
    "verify": ActionEvent.Kind.VERIFIED,
    "reopen": ActionEvent.Kind.REOPENED,
    "cancel": ActionEvent.Kind.CANCELLED,
}
# Steps whose text is the worker's report: a progress update, not only an event note.
REPORTS = {"middle", "done"}


@dataclass
class ActionPlan:
    action: FollowUpAction
    due_in_days: int
    change_due_by: int = 0  # days added by a due-date change, 0 for none
    steps: list[str] = field(default_factory=list)


def pick_status(world: World, weights: dict, *, police: bool) -> str:
    if not police:
        # Without a unit nobody is assigned: another body's action is open or under way.
        weights = {s: w for s, w in weights.items() if s not in {Status.ASSIGNED, Status.REOPENED}}
    return world.rng.choices(list(weights), weights=list(weights.values()))[0]


def create_action(
    world: World,
    *,
    council: Council,
    category_code: str,
    status: str | None = None,
    finished: bool = False,
    concern: Concern | None = None,
    decision: Decision | None = None,
    template: tuple | None = None,
) -> ActionPlan:
    """One action in its final ``status`` (drawn when not given) with a plan for its history."""
    rng = world.rng
    title, description, summary, body = template or rng.choice(texts.ACTIONS[category_code])
    unit = world.unit_for(council, category_code) if body is texts.POLICE else None
    if status is None:
        status = pick_status(
            world, FINISHED_WEIGHTS if finished else ACTIVE_WEIGHTS, police=unit is not None
        )
    assignee = None
    if unit is not None and (status != Status.OPEN or rng.random() < 0.3):
        assignee = rng.choice(world.officers[unit.pk])
    if unit is None and status in {Status.ASSIGNED, Status.REOPENED}:
        status = Status.IN_PROGRESS
    action = FollowUpAction.objects.create(
        title=title,
        description=description,
        council=council,
        concern=concern,
        decision=decision,
        responsible_unit=unit,
        responsible_body=None if unit else world.body_for(council, body),
        assignee=assignee,
        due_date=world.today,  # set by lay_out
        priority=concern.priority if concern else Priority.NORMAL,
        status=status,
        is_public=bool(summary) and concern is not None,
        public_summary=summary,
        cancel_reason=rng.choice(texts.CANCEL_REASONS) if status == Status.CANCELLED else "",
        created_by=unit.commander if unit else world.secretary(council),
        # set by lay_out
        completed_at=world.now if status in {Status.COMPLETED, Status.VERIFIED} else None,
        verified_at=world.now if status == Status.VERIFIED else None,  # set by lay_out
        verified_by=(unit.commander if unit else world.secretary(council))
        if status == Status.VERIFIED
        else None,
    )
    steps = list(PATHS[status])
    if assignee is None:
        steps = [step for step in steps if step != "assign"]
    change = rng.randint(14, 28) if assignee is not None and rng.random() < 0.12 else 0
    return ActionPlan(action, rng.randint(10, 40), change, steps)


def lay_out(world: World, plan: ActionPlan, start: datetime, end: datetime) -> None:
    """Date the action from ``start`` and spread its updates until ``end`` (finished or now)."""
    rng = world.rng
    action = plan.action
    end = max(end, start + timedelta(hours=2))
    due = (start + timedelta(days=plan.due_in_days)).date()
    # Work happens in the first weeks; an action still open later has gone quiet since.
    busy_until = end if not action.is_active else min(end, start + world.days(10, 60))
    times = sorted(
        world.moment_between(start, busy_until, (i + rng.uniform(0.3, 0.9)) / len(plan.steps))
        for i in range(len(plan.steps))
    )
    progress = texts.PROGRESS if action.responsible_unit else texts.PROGRESS_OTHER_BODY
    municipality = action.council.municipality
    official = list(municipality.official_languages) if municipality else ["sq", "sr-latn"]
    creator = action.created_by
    events = [
        ActionEvent(
            action=action,
            kind=ActionEvent.Kind.CREATED,
            actor=creator,
            to_status=Status.OPEN,
            created_at=start,
        )
    ]
    reports = []
    completed_at = verified_at = completed_by = None
    for step, moment in zip(plan.steps, times, strict=True):
        author = _author(world, action, step)
        from_status, to_status = STEP_STATUS[step]
        if step == "start" and action.assignee is None:
            from_status = Status.OPEN
        if step == "cancel":
            text = action.cancel_reason
        elif step == "assign":
            text = ""
        else:
            text = rng.choice(progress[step])
        event = ActionEvent(
            action=action,
            kind=STEP_KIND[step],
            actor=author,
            from_status=from_status,
            to_status=to_status,
            note="" if step in REPORTS else text,
            created_at=moment,
        )
        events.append(event)
        if step in REPORTS:
            public = step == "done" and bool(action.public_summary) and action.concern_id
            update = ProgressUpdate(
                action=action,
                author=author,
                text=text,
                is_public=bool(public),
                public_summary=public_summary(action.public_summary, official) if public else {},
                created_at=moment,
            )
            reports.append((update, event))
        if step == "done":
            completed_at, completed_by = moment, author
        if step == "verify":
            verified_at = moment
    ProgressUpdate.objects.bulk_create([update for update, _ in reports])
    for update, event in reports:
        event.update = update
    ActionEvent.objects.bulk_create(events)
    times = times or [start]
    new_due = due + timedelta(days=plan.change_due_by) if plan.change_due_by else None
    # The commander moves the date the day before it falls due...
    changed_at = datetime.combine(due, start.timetz()) - timedelta(days=1)
    extend = rng.random() < 0.5  # drawn every time: the generator's sequence stays the same
    if action.is_active and (new_due or due) < world.today and extend:
        # ...or, for half the late ones, extended it lately: those are not overdue.
        new_due = world.today + timedelta(days=rng.randint(3, 30))
        changed_at = world.now - timedelta(days=world.clock.uniform(1, 14))
    if new_due:
        change = DueDateChange.objects.create(
            action=action,
            old_due_date=due,
            new_due_date=new_due,
            reason=rng.choice(texts.DUE_DATE_REASONS),
            changed_by=_author(world, action, "assign"),
        )
        changed_at = max(start, min(end, changed_at))
        world.backdate(change, created_at=changed_at)
        ActionEvent.objects.create(
            action=action,
            kind=ActionEvent.Kind.DUE_DATE_CHANGED,
            actor=change.changed_by,
            from_status=action.status,
            to_status=action.status,
            note=f"{due.isoformat()} → {new_due.isoformat()}: {change.reason}",
            created_at=changed_at,
        )
        times.append(changed_at)
        due = new_due
    world.backdate(
        action,
        created_at=start,
        updated_at=max(times, default=start),
        due_date=due,
        # A reopened action was completed once; its completion was rejected.
        completed_at=completed_at if action.status != Status.REOPENED else None,
        completed_by=completed_by if action.status != Status.REOPENED else None,
        verified_at=verified_at,
    )


def _author(world: World, action: FollowUpAction, step: str) -> User:
    if action.responsible_unit is None:
        # The body's focal point works on it; the council (its secretary) follows it up.
        focal_point = world.focal_point(action.responsible_body)
        if step in {"start", "middle", "done"} and focal_point is not None:
            return focal_point
        return world.secretary(action.council_id)
    if step in {"assign", "verify", "reopen", "cancel"} or action.assignee is None:
        return action.responsible_unit.commander
    return action.assignee.user
