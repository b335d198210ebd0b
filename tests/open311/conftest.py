from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from concerns.models import Concern, ConcernEvent
from open311.models import Client, Jurisdiction, ServiceAttribute, Submission
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
)


def backdate(concern: Concern, days: float) -> None:
    Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def istog(db):
    """Istog with its council, two settlements, a lighting category with questions, a plain
    one, a sensitive one, and concerns in each."""
    municipality = MunicipalityFactory(code="IST", name="Istog", time_zone="Europe/Belgrade")
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    village = SettlementFactory(
        municipality=municipality, name="Banjë", name_translations={"sr-latn": "Banja"}
    )
    town = SettlementFactory(municipality=municipality, name="Istog town")
    lighting = CategoryFactory(
        code="lighting",
        name="Lighting and infrastructure",
        name_translations={"sq": "Ndriçimi dhe infrastruktura"},
        position=1,
    )
    traffic = CategoryFactory(code="traffic-safety", name="Traffic safety", position=2)
    violence = CategoryFactory(
        code="domestic-violence", name="Domestic violence", is_sensitive=True, position=3
    )
    ServiceAttribute.objects.create(
        category=lighting,
        code="settlement",
        datatype=ServiceAttribute.Datatype.SINGLE,
        source=ServiceAttribute.Source.SETTLEMENTS,
        description="Where is it?",
        description_translations={"sq": "Ku është?"},
        position=1,
    )
    ServiceAttribute.objects.create(
        category=lighting,
        code="lamps-out",
        datatype=ServiceAttribute.Datatype.NUMBER,
        description="How many lamps are out?",
        required=True,
        position=2,
    )
    ServiceAttribute.objects.create(
        category=lighting,
        code="hazards",
        datatype=ServiceAttribute.Datatype.MULTI,
        description="What makes it dangerous?",
        values=[
            {
                "key": "school",
                "name": "Near a school",
                "name_translations": {"sq": "Afër shkollës"},
            },
            {"key": "crossing", "name": "At a crossing"},
        ],
        position=3,
    )
    dark_street = ConcernFactory(
        council=council,
        category=lighting,
        settlement=village,
        address="Rruga 7, house 12",
        latitude="42.780000",
        longitude="20.480000",
        description="The street lights by my house at Rruga 7 are out.",
    )
    speeding = ConcernFactory(council=council, category=traffic, status=Concern.Status.RESOLVED)
    ConcernEvent.objects.create(
        concern=speeding,
        kind=ConcernEvent.Kind.STATUS,
        from_status="new",
        to_status="resolved",
        note="Speed bumps were installed.",
        is_public=True,
    )
    ConcernEvent.objects.create(
        concern=speeding,
        kind=ConcernEvent.Kind.NOTE,
        note="Internal: the reporter is a cousin.",
        is_public=False,
    )
    hidden = ConcernFactory(council=council, category=violence)
    Submission.objects.create(concern=hidden, token="sensitive-token")
    return SimpleNamespace(
        municipality=municipality,
        council=council,
        village=village,
        town=town,
        lighting=lighting,
        traffic=traffic,
        violence=violence,
        dark_street=dark_street,
        speeding=speeding,
        hidden=hidden,
    )


@pytest.fixture
def peja(istog):
    municipality = MunicipalityFactory(code="PEJ", name="Pejë")
    council = CouncilFactory(municipality=municipality, name="MCSC Pejë")
    other = ConcernFactory(council=council, category=istog.traffic)
    return SimpleNamespace(municipality=municipality, council=council, concern=other)


@pytest.fixture
def city_app(istog):
    client = Client(name="Istog city app", municipality=istog.municipality)
    key = client.issue_key()
    client.save()
    return SimpleNamespace(client=client, key=key)


@pytest.fixture
def keys_required(istog):
    return Jurisdiction.objects.create(municipality=istog.municipality, require_api_key=True)
