"""What the demo builders share: the places, people and the seeded random generator."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from accounts.models import User
from concerns.models import Category
from councils.models import Council
from demo.bodies import FOCAL_POINTS
from demo.places import Places
from policing.models import Officer, PartnerBody, PoliceUnit


@dataclass
class World:
    places: Places
    users: dict[str, User]
    categories: dict[str, Category]
    officers: dict[int, list[Officer]]  # by unit id
    rng: random.Random
    # Jitter of clock times only: how often it is drawn may depend on the hour the demo runs,
    # so it has its own generator and the data's shape (``rng``) stays the same on every run.
    clock: random.Random
    now: datetime
    today: date
    # Objects whose timestamps are set after the services ran, written with bulk_update.
    backdated: dict[type, dict[int, object]] = field(default_factory=dict)
    backdated_fields: dict[type, set[str]] = field(default_factory=dict)
    bodies: dict[tuple[str, str], PartnerBody] = field(default_factory=dict)  # (code, key)

    def secretary(self, council: Council | int) -> User:
        council_id = council if isinstance(council, int) else council.pk
        key = next(k for k, c in self.places.councils.items() if c.pk == council_id)
        return self.users[self.places.specs[key].secretary]

    def unit_for(self, council: Council, category_code: str) -> PoliceUnit:
        code = council.municipality.code
        if code == "IST" and category_code in {"youth-and-schools", "inter-ethnic-incident"}:
            return self.places.units["Community Policing Unit"]
        return self.places.station_of(code)

    def body_for(self, council: Council, key: str) -> PartnerBody:
        return self.bodies[council.municipality.code, key]

    def focal_point(self, body: PartnerBody) -> User | None:
        for username, key in FOCAL_POINTS.items():
            if self.bodies.get(key) == body:
                return self.users[username]
        return None

    def moment_between(self, start: datetime, end: datetime, share: float) -> datetime:
        """A time ``share`` (0..1) of the way from ``start`` to ``end``."""
        return start + (end - start) * share

    def days(self, low: float, high: float) -> timedelta:
        return timedelta(days=self.rng.uniform(low, high))

    def backdate(self, instance, **values) -> None:
        for name, value in values.items():
            setattr(instance, name, value)
        self.backdated.setdefault(type(instance), {})[instance.pk] = instance
        self.backdated_fields.setdefault(type(instance), set()).update(values)

    def write_backdated(self) -> None:
        """One bulk_update per model: every instance holds its final values for these fields."""
        for model, instances in self.backdated.items():
            fields = sorted(self.backdated_fields[model])
            model.objects.bulk_update(list(instances.values()), fields, batch_size=100)
        self.backdated.clear()
        self.backdated_fields.clear()
