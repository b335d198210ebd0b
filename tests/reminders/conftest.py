import zoneinfo
from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
import time_machine

from accounts.models import User
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PoliceUnitFactory,
    co_chair_of,
    commander_of,
    focal_point_in,
    member_of,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
BAGHDAD = zoneinfo.ZoneInfo("Asia/Baghdad")


def at(day: date, hour: int = 12, minute: int = 0, zone=BELGRADE) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def send_outbox() -> list:
    """What a worker does after the scan's commit: send the unsent outbox emails in batches
    (composing the reminders' words first); returns the messages the mail server got."""
    from django.core import mail

    from notifications.models import OutgoingEmail
    from notifications.tasks import send_outgoing_emails

    send_outgoing_emails(
        list(OutgoingEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))
    )
    return list(mail.outbox)


def inbox_of(client, user, language: str = "en") -> str:
    """The in-app list as the user reads it, in the language their browser asks for."""
    from django.urls import reverse

    client.force_login(user)
    return client.get(
        reverse("notifications:inbox"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()


@pytest.fixture
def travel():
    """travel(moment): the clock stands still at that moment for the rest of the test."""
    travellers = []

    def go(moment: datetime):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    if travellers:
        travellers.pop().stop()


@pytest.fixture
def istog(db):
    """Istog's council (Europe/Belgrade, default thresholds 2/3/7) with both co-chairs, a
    secretary, a member and a safeguarding officer; a police station with a unit and an
    officer; a partner body with a focal point."""
    municipality = MunicipalityFactory(code="IST", name="Istog", time_zone="Europe/Belgrade")
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    station = PoliceUnitFactory(municipality=municipality, name="Istog police station")
    unit = PoliceUnitFactory(municipality=municipality, name="Community policing", parent=station)
    body = PartnerBodyFactory(municipality=municipality, name="Public lighting")
    world = SimpleNamespace(
        municipality=municipality,
        council=council,
        station=station,
        unit=unit,
        body=body,
        commander=commander_of(station, "commander.istog"),
        officer=officer_in(unit, "officer.istog"),
        focal=focal_point_in(body, "focal.istog"),
        deputy_mayor=co_chair_of(council, "deputy.mayor"),
        police_chair=co_chair_of(council, "police.chair"),
        secretary=secretary_of(council, "secretary.istog"),
        member=member_of(council, "member.istog"),
        safeguarding=safeguarding_officer_of(council, "safeguarding.istog"),
    )
    # English unless a test says otherwise (users without a choice get Albanian, Istog's first
    # official language).
    User.objects.update(preferred_language="en")
    world.police_action = lambda **kw: FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        title=kw.pop("title", "Patrol the school road"),
        **kw,
    )
    world.body_action = lambda **kw: FollowUpActionFactory(
        council=council,
        responsible_unit=None,
        responsible_body=body,
        title=kw.pop("title", "Repair the street lights"),
        **kw,
    )
    world.sensitive_concern = lambda: ConcernFactory(
        council=council,
        category=CategoryFactory(code="dv", name="Domestic violence", is_sensitive=True),
    )
    return world
