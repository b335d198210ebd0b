"""Demo concerns, submitted and worked through the real services, then spread over 18 months.

Every concern goes through ``concerns.services`` as its council's secretary, so its events are
the ones the application writes. The services stamp everything "now"; afterwards the events are
moved back in time, in their order, from the concern's planned date of receipt, and the
references renumbered so that year and sequence follow the dates.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from concerns import services
from concerns.models import Channel, Concern, ConcernEvent, Priority, ReferenceCounter
from concerns.references import format_reference
from demo import texts
from demo.actions import ActionPlan, create_action, lay_out
from demo.categories import SENSITIVE
from demo.world import World

Status = Concern.Status
MINUTE = 1 / 1440

# outcome: (weight, received between N and M days ago). "reopened" ends as triaged again.
OUTCOMES = {
    "new": (8, 1, 20),
    "triaged": (9, 3, 60),
    "reopened": (3, 60, 400),
    "on_agenda": (10, 10, 120),
    "in_action": (18, 20, 300),
    "resolved": (14, 30, 500),
    "closed": (20, 60, 540),
    "rejected": (8, 2, 540),
    "duplicate": (6, 2, 300),
}
MUNICIPALITY_WEIGHTS = {"IST": 60, "PEJ": 25, "PRI": 15}
CHANNEL_WEIGHTS = {
    Channel.WEB: 35,
    Channel.MEETING: 10,
    Channel.PHONE: 15,
    Channel.WALK_IN: 12,
    Channel.OPEN311: 15,
    Channel.LOCAL_COUNCIL: 13,
}
LANGUAGE_WEIGHTS = {"sq": 55, "en": 30, "sr-latn": 10, "ar": 5}
SERB_VILLAGES = {"Osojan", "Gorazhdec"}
URGENT = {"domestic-violence", "human-trafficking"}
SERIOUS = {"drugs", "inter-ethnic-incident", "organised-crime", "corruption"}


@dataclass
class ConcernPlan:
    outcome: str
    received: datetime
    code: str
    settlement: object
    channel: str
    category: str
    language: str
    description: str
    key: uuid.UUID
    anonymous: bool
    reporter: tuple[str, str, str, bool] = ("", "", "", False)  # name, phone, email, consent
    misfiled: bool = False  # the reporter chose "other"; the secretary corrects it at triage


def plan_concerns(world: World, count: int) -> list[ConcernPlan]:
    """What each concern will be, in order of receipt; every outcome and channel at least once."""
    rng = world.rng

    def draw(weights: dict, must_have: list) -> list:
        values = must_have[:count] + rng.choices(
            list(weights), weights=list(weights.values()), k=max(0, count - len(must_have))
        )
        rng.shuffle(values)
        return values

    outcomes = draw({k: v[0] for k, v in OUTCOMES.items()}, list(OUTCOMES))
    channels = draw(CHANNEL_WEIGHTS, list(Channel))
    plans = [
        _plan_one(world, outcome, channel)
        for outcome, channel in zip(outcomes, channels, strict=True)
    ]
    return sorted(plans, key=lambda plan: plan.received)


def _plan_one(world: World, outcome: str, channel: str) -> ConcernPlan:
    rng = world.rng
    code = rng.choices(list(MUNICIPALITY_WEIGHTS), weights=MUNICIPALITY_WEIGHTS.values())[0]
    settlements = world.places.settlements[code]
    if channel == Channel.LOCAL_COUNCIL:
        settlement = rng.choice([s for s in settlements if s.pk in world.places.local_councils])
    else:
        settlement = rng.choice(settlements) if rng.random() > 0.1 else None
    if channel == Channel.OPEN311:
        language = "en"
    elif settlement is not None and settlement.name in SERB_VILLAGES and rng.random() < 0.7:
        language = "sr-latn"
    else:
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=LANGUAGE_WEIGHTS.values())[0]
    category, _, description = rng.choice([t for t in texts.CONCERN_TEMPLATES if t[1] == language])
    _, low, high = OUTCOMES[outcome]
    received = timezone.make_aware(
        datetime.combine(
            world.today - timedelta(days=rng.randint(max(1, low), high)),
            time(rng.randint(7, 20), rng.randint(0, 59)),
        )
    )
    anonymous = rng.random() < (0.5 if category in URGENT else 0.2)
    plan = ConcernPlan(
        outcome=outcome,
        received=received,
        code=code,
        settlement=settlement,
        channel=channel,
        category=category,
        language=language,
        description=description,
        key=uuid.UUID(int=rng.getrandbits(128), version=4),
        anonymous=anonymous,
        misfiled=category != "other" and rng.random() < 0.1,
    )
    if not anonymous:
        name = rng.choice(texts.REPORTERS[language])
        phone = f"+383 4{rng.randint(3, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        email = name.lower().replace(" ", ".").replace("-", "") + "@example.org"
        plan.reporter = (
            name,
            phone if rng.random() < 0.8 else "",
            email if name.isascii() and rng.random() < 0.5 else "",
            rng.random() < 0.7,
        )
    return plan


@dataclass
class Story:
    """One concern's steps through the services, with the gap (days) before each event."""

    world: World
    concern: Concern
    gaps: list[float] = field(default_factory=lambda: [0.0])
    marks: dict[str, int] = field(default_factory=dict)
    actions: list[tuple[ActionPlan, str, str | None]] = field(default_factory=list)

    def step(self, low: float, high: float, service, *, mark: str = "", by=None, **kwargs):
        before = len(self.gaps)
        by = by or self.world.secretary(self.concern.council_id)
        result = service(self.concern, by=by, **kwargs)
        written = ConcernEvent.objects.filter(concern=self.concern).count() - before
        self.gaps += [self.world.rng.uniform(low, high)] + [MINUTE] * (written - 1)
        if mark:
            self.marks[mark] = before
        return result

    def add_actions(self, *, finished: bool, ends_at: str | None) -> None:
        """Actions in their final status, then the concern moves to "in action"."""
        mark = f"act{len(self.marks)}"
        count = 2 if self.world.rng.random() < 0.3 else 1
        templates = texts.ACTIONS[self.concern.category.code]
        for template in self.world.rng.sample(templates, min(count, len(templates))):
            plan = create_action(
                self.world,
                council=self.concern.council,
                category_code=self.concern.category.code,
                finished=finished,
                concern=self.concern,
                template=template,
            )
            self.actions.append((plan, mark, ends_at))
        if finished and self.world.rng.random() < 0.15:
            plan = create_action(
                self.world,
                council=self.concern.council,
                category_code=self.concern.category.code,
                status="cancelled",
                concern=self.concern,
            )
            self.actions.append((plan, mark, ends_at))
        self.step(3, 25, services.start_action, mark=mark)


def build_concerns(world: World, count: int) -> list[Concern]:
    counters = {
        (c.municipality_id, c.year): c.last_value
        for c in ReferenceCounter.objects.filter(
            municipality__in=world.places.municipalities.values()
        )
    }
    by_council: dict[int, list[Concern]] = defaultdict(list)
    concerns = []
    for plan in plan_concerns(world, count):
        story = _submit(world, plan)
        _work(story, plan, by_council)
        _date(story, plan)
        by_council[story.concern.council_id].append(story.concern)
        concerns.append(story.concern)
    _renumber(world, concerns, counters)
    return concerns


def _submit(world: World, plan: ConcernPlan) -> Story:
    rng = world.rng
    municipality = world.places.municipalities[plan.code]
    municipal = world.places.municipal_council(plan.code)
    latitude = longitude = None
    if plan.channel in {Channel.WEB, Channel.OPEN311} and rng.random() < 0.6:
        lat, lon = world.places.centres[plan.code]
        latitude = Decimal(f"{lat + rng.uniform(-0.015, 0.015):.6f}")
        longitude = Decimal(f"{lon + rng.uniform(-0.015, 0.015):.6f}")
    name, phone, _email, consent = plan.reporter
    submission = services.Submission(
        municipality=municipality,
        category=world.categories["other" if plan.misfiled else plan.category],
        description=plan.description,
        channel=plan.channel,
        language=plan.language,
        settlement=plan.settlement,
        address=rng.choice(texts.ADDRESSES[plan.language]) if rng.random() < 0.6 else "",
        latitude=latitude,
        longitude=longitude,
        occurred_at=plan.received - world.days(0, 3) if rng.random() < 0.5 else None,
        is_anonymous=plan.anonymous,
        reporter_name=name,
        reporter_phone=phone,
        # The email is added after the workflow (see _date): no mail to these invented people.
        reporter_email="",
        consent_to_contact=consent,
        council=municipal if plan.channel == Channel.LOCAL_COUNCIL else None,
    )
    by = None
    if plan.channel == Channel.LOCAL_COUNCIL:
        by = world.secretary(municipal)
    elif plan.channel not in {Channel.WEB, Channel.OPEN311}:
        by = world.secretary(services.responsible_council(municipality, plan.settlement))
    receipt = services.submit_concern(submission, by=by, submission_key=plan.key)
    return Story(world, receipt.concern)


def _work(story: Story, plan: ConcernPlan, by_council: dict) -> None:
    concern, rng = story.concern, story.world.rng
    outcome = plan.outcome
    if outcome == "duplicate":
        earlier = [c for c in by_council[concern.council_id] if c.status != Status.DUPLICATE]
        same = [c for c in earlier if c.category.code == plan.category] or earlier
        if same:
            if rng.random() < 0.3:
                _triage(story, plan)
            story.step(
                0.3,
                5,
                services.mark_duplicate,
                original=rng.choice(same),
                note=texts.DUPLICATE_NOTE,
            )
            return
        outcome = "triaged"
    if outcome == "new":
        return
    if outcome == "rejected":
        if rng.random() < 0.5:
            _triage(story, plan)
        story.step(0.5, 7, services.reject_concern, reason=rng.choice(texts.REJECTION_REASONS))
        return
    _triage(story, plan)
    if outcome == "triaged":
        return
    # Sensitive concerns are handled apart: never on a council's agenda.
    sensitive = plan.category in SENSITIVE
    if sensitive and outcome == "on_agenda":
        outcome = "in_action"
    if concern.council.level == "local" and rng.random() < 0.5:
        story.step(0.5, 3, services.refer_to_parent_council)
    if outcome == "reopened":
        story.step(7, 50, services.resolve_concern, public_response=texts.RESPONSES[plan.language])
        if rng.random() < 0.5:
            story.step(3, 20, services.close_concern, note=rng.choice(texts.CLOSE_NOTES))
        story.step(5, 40, services.reopen_concern, reason=rng.choice(texts.REOPEN_REASONS))
        return
    if (outcome == "on_agenda" or rng.random() < 0.65) and not sensitive:
        story.step(2, 20, services.put_on_agenda, mark="agenda")
    if outcome == "on_agenda":
        if rng.random() < 0.4:  # acted on, and back on the agenda to report
            story.add_actions(finished=True, ends_at="agenda-again")
            story.step(5, 30, services.put_on_agenda, mark="agenda-again")
        return
    if outcome == "in_action":
        story.add_actions(finished=False, ends_at=None)
        return
    if rng.random() < 0.75:
        story.add_actions(finished=True, ends_at="resolve")
    story.step(
        7,
        50,
        services.resolve_concern,
        mark="resolve",
        public_response=texts.RESPONSES[plan.language],
    )
    if outcome == "closed":
        story.step(3, 20, services.close_concern, note=rng.choice(texts.CLOSE_NOTES))


def _triage(story: Story, plan: ConcernPlan) -> None:
    world, rng = story.world, story.world.rng
    if plan.category in URGENT:
        priority = rng.choice([Priority.HIGH, Priority.URGENT])
    elif plan.category in SERIOUS:
        priority = rng.choice([Priority.HIGH, Priority.NORMAL])
    else:
        priority = rng.choice([Priority.NORMAL, Priority.NORMAL, Priority.LOW])
    note = rng.choice(texts.TRIAGE_NOTES) if rng.random() < 0.35 else ""
    story.step(
        0.2,
        4,
        services.triage_concern,
        category=world.categories[plan.category],
        priority=priority,
        note=note,
    )
    if rng.random() < 0.2:
        story.step(0.1, 3, services.add_internal_note, text=rng.choice(texts.TRIAGE_NOTES))
    if story.concern.council == world.places.councils["ist"] and rng.random() < 0.15:
        # Members never see sensitive concerns: the safeguarding officer writes there instead.
        if plan.category in SENSITIVE:
            by, comments = world.users["safeguarding.istok"], texts.SAFEGUARDING_COMMENTS
        else:
            by, comments = world.users["member.istok"], texts.MEMBER_COMMENTS
        story.step(0.5, 6, services.add_internal_note, by=by, text=rng.choice(comments))


def _date(story: Story, plan: ConcernPlan) -> None:
    """Spread the events from the day of receipt up to now at most, keeping their order."""
    world, concern = story.world, story.concern
    window = (world.now - plan.received).total_seconds() / 86400 - 1 / 24
    scale = min(1.0, window / sum(story.gaps)) if sum(story.gaps) else 1.0
    times, moment = [plan.received], plan.received
    for gap in story.gaps[1:]:
        if gap == MINUTE:  # written by the same call as the event before
            moment += timedelta(minutes=1)
        else:
            moment = _office_hours(world, moment, moment + timedelta(days=gap * scale))
        times.append(moment)
    events = list(ConcernEvent.objects.filter(concern=concern).order_by("id"))
    for event, moment in zip(events, times, strict=True):
        world.backdate(event, created_at=moment)

    def last(status: str):
        found = [e.created_at for e in events if e.kind == "status" and e.to_status == status]
        return found[-1] if found else None

    concern.refresh_from_db()
    triaged = [e.created_at for e in events if e.to_status == Status.TRIAGED]
    world.backdate(
        concern,
        created_at=plan.received,
        updated_at=times[-1],
        triaged_at=triaged[0] if triaged else None,
        resolved_at=last(Status.RESOLVED) if concern.resolved_at else None,
        closed_at=last(Status.CLOSED) if concern.closed_at else None,
        occurred_at=min(concern.occurred_at, plan.received) if concern.occurred_at else None,
        reporter_email="" if concern.is_anonymous else plan.reporter[2],
    )
    for action_plan, start_mark, end_mark in story.actions:
        start = times[story.marks[start_mark]] - timedelta(minutes=5)
        end = times[story.marks[end_mark]] - timedelta(hours=1) if end_mark else world.now
        lay_out(world, action_plan, start, end)


def _office_hours(world: World, previous: datetime, moment: datetime) -> datetime:
    """``moment`` moved into the working day (8:00–19:00), still after ``previous``."""
    local = timezone.localtime(moment)
    if not 8 <= local.hour < 19:
        local = local.replace(hour=world.clock.randint(8, 18))
    if local <= previous or local >= world.now:
        local = min(previous + timedelta(minutes=world.clock.randint(5, 60)), world.now)
    return local


def _renumber(world: World, concerns: list[Concern], counters: dict) -> None:
    """References in order of (backdated) receipt: ``IST-2025-00001``, one sequence a year.

    The service numbered them in the year they were seeded; numbers a counter had already given
    out before the seed are skipped, so no reference is ever handed out twice.
    """
    groups = defaultdict(list)
    for concern in sorted(concerns, key=lambda c: (c.created_at, c.pk)):
        year = timezone.localtime(concern.created_at).year
        groups[(concern.municipality, year)].append(concern)
    for concern in concerns:
        concern.reference = f"DEMO-{concern.pk}"
    Concern.objects.bulk_update(concerns, ["reference"], batch_size=500)
    for (municipality, year), items in groups.items():
        start = counters.get((municipality.pk, year), 0)
        for number, concern in enumerate(items, start + 1):
            concern.reference = format_reference(municipality.code, year, number)
        ReferenceCounter.objects.update_or_create(
            municipality=municipality, year=year, defaults={"last_value": start + len(items)}
        )
    this_year = world.today.year
    for municipality in world.places.municipalities.values():
        if (municipality, this_year) not in groups:
            ReferenceCounter.objects.filter(municipality=municipality, year=this_year).update(
                last_value=counters.get((municipality.pk, this_year), 0)
            )
    Concern.objects.bulk_update(concerns, ["reference"], batch_size=500)
