"""One demo concern's way through the real services, as its council's secretary."""

from dataclasses import dataclass, field
from decimal import Decimal

from concerns import services
from concerns.models import Channel, Concern, ConcernEvent, Priority
from demo import texts
from demo.actions import ActionPlan, create_action
from demo.categories import SENSITIVE
from demo.concerns.plans import SERIOUS, URGENT, ConcernPlan
from demo.world import World

Status = Concern.Status
MINUTE = 1 / 1440  # the gap of an event written by the same call as the one before


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


def submit(world: World, plan: ConcernPlan) -> Story:
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
        # The email is added after the workflow (see dating.backdate): no mail to these invented people.
        reporter_email="",
        consent_to_contact=consent,
        safe_contact=plan.safe_contact,
        council=municipal if plan.channel == Channel.LOCAL_COUNCIL else None,
    )
    by = None
    if plan.channel == Channel.LOCAL_COUNCIL:
        by = world.secretary(municipal)
    elif plan.channel not in {Channel.WEB, Channel.OPEN311}:
        by = world.secretary(services.responsible_council(municipality, plan.settlement))
    receipt = services.submit_concern(submission, by=by, submission_key=plan.key)
    return Story(world, receipt.concern)


def work(story: Story, plan: ConcernPlan, by_council: dict) -> None:
    concern, rng = story.concern, story.world.rng
    outcome = plan.outcome
    if outcome == "duplicate":
        earlier = [c for c in by_council[concern.council_id] if c.status != Status.DUPLICATE]
        same = [c for c in earlier if c.category.code == plan.category] or earlier
        if same:
            if rng.random() < 0.3:
                triage(story, plan)
            story.step(
                0.3,
                5,
                services.mark_duplicate,
                original=rng.choice(same),
                note=_official(concern, texts.DUPLICATE_NOTE),
            )
            return
        outcome = "triaged"
    if outcome == "new":
        return
    if outcome == "rejected":
        if rng.random() < 0.5:
            triage(story, plan)
        reason = _official(concern, rng.choice(texts.REJECTION_REASONS))
        story.step(0.5, 7, services.reject_concern, reason=reason)
        return
    triage(story, plan)
    if outcome == "triaged":
        return
    # Sensitive concerns are handled apart: never on a council's agenda.
    sensitive = plan.category in SENSITIVE
    if sensitive and outcome == "on_agenda":
        outcome = "in_action"
    if concern.council.level == "local" and rng.random() < 0.5:
        story.step(0.5, 3, services.refer_to_parent_council)
    if outcome == "reopened":
        story.step(7, 50, services.resolve_concern, public_response=_official(concern))
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
        if rng.random() < 0.5:
            update = _official(concern, rng.choice(texts.PUBLIC_UPDATES))
            story.step(2, 10, services.post_public_update, text=update)
        return
    if rng.random() < 0.75:
        story.add_actions(finished=True, ends_at="resolve")
    story.step(
        7,
        50,
        services.resolve_concern,
        mark="resolve",
        public_response=_official(concern),
    )
    if outcome == "closed":
        story.step(3, 20, services.close_concern, note=rng.choice(texts.CLOSE_NOTES))


def _official(concern: Concern, text: dict[str, str] | None = None) -> dict[str, str]:
    """A text for the reporter in the official languages of the concern's municipality."""
    return texts.in_official_languages(
        texts.RESPONSES if text is None else text, concern.municipality.official_languages
    )


def triage(story: Story, plan: ConcernPlan) -> None:
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
