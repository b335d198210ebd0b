"""A council with a secretary, a co-chair, members and a police unit, for the meetings tests."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from concerns.models import Concern
from councils.models import Membership
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    PoliceUnitFactory,
    SettlementFactory,
    co_chair_of,
    commander_of,
    member_of,
    officer_in,
    secretary_of,
)


@pytest.fixture
def world(db):
    istog = MunicipalityFactory(
        code="IST",
        name="Istog",
        official_languages=["sq", "sr-latn"],
        communities=["Albanian", "Serb", "Roma"],
    )
    council = CouncilFactory(municipality=istog, name="KKSB Istog")
    other = CouncilFactory(municipality=MunicipalityFactory(code="PEJ"), name="KKSB Peja")
    unit = PoliceUnitFactory(municipality=istog, name="Istog police station")
    secretary = secretary_of(council, "sec")
    co_chair = co_chair_of(council, "chair")
    member = member_of(council, "member")
    members = [
        MembershipFactory(
            council=council,
            person=PersonFactory(email=f"m{i}@example.org", community="Albanian"),
            represents=f"NGO {i}",
        )
        for i in range(4)
    ]
    return SimpleNamespace(
        municipality=istog,
        council=council,
        other=other,
        unit=unit,
        secretary=secretary,
        co_chair=co_chair,
        member=member,
        members=members,
        other_secretary=secretary_of(other, "peja"),
        commander=commander_of(unit, "commander"),
        officer=officer_in(unit, "officer").user,
        category=CategoryFactory(code="drugs", name="Drugs"),
        settlement=SettlementFactory(municipality=istog, name="Banjë"),
    )


@pytest.fixture
def triaged(world):
    def make(**kwargs):
        kwargs.setdefault("category", world.category)
        kwargs.setdefault("settlement", world.settlement)
        return ConcernFactory(council=world.council, status=Concern.Status.TRIAGED, **kwargs)

    return make


def in_days(days: int, hour: int = 17):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def voting_members(council) -> int:
    return Membership.objects.current().filter(council=council).exclude(role="observer").count()
