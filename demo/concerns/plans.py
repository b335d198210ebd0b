"""What each demo concern will be: outcome, place, channel, language, reporter."""

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from concerns.models import Channel
from concerns.services import SafeContactWishes
from demo import texts
from demo.world import World

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
    safe_contact: SafeContactWishes | None = None  # see demo.concerns.safe_contact


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
