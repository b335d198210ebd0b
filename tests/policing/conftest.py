from types import SimpleNamespace

import pytest

from concerns.models import Concern
from councils.models import Membership
from tests.factories import (
    AgendaItemFactory,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    DecisionFactory,
    MeetingFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PoliceUnitFactory,
    co_chair_of,
    commander_of,
    council_person,
    focal_point_in,
    member_of,
    officer_in,
    secretary_of,
)


@pytest.fixture
def town(db):
    """Istog and Peja, each with a council, a police station with a unit under it, officers
    and a partner body with a focal point; a triaged concern and a decision in Istog."""
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    station = PoliceUnitFactory(municipality=istok, name="Istog police station")
    unit = PoliceUnitFactory(municipality=istok, name="Community policing", parent=station)
    pej_unit = PoliceUnitFactory(municipality=peja, name="Peja police station")
    other_unit = PoliceUnitFactory(municipality=istok, name="Traffic unit")
    body = PartnerBodyFactory(municipality=istok, name="Public services department")
    pej_body = PartnerBodyFactory(municipality=peja, name="Peja public services")
    officer = officer_in(unit, "officer.istok")
    meeting = MeetingFactory(council=council)
    decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
    return SimpleNamespace(
        istok=istok,
        council=council,
        pej_council=pej_council,
        station=station,
        unit=unit,
        other_unit=other_unit,
        pej_unit=pej_unit,
        body=body,
        pej_body=pej_body,
        officer=officer,
        second_officer=officer_in(unit, "officer2.istok"),
        traffic_officer=officer_in(other_unit, "traffic.istok"),
        commander=commander_of(station, "commander.istok"),
        other_commander=commander_of(other_unit, "commander.traffic"),
        pej_commander=commander_of(pej_unit, "commander.peja"),
        pej_officer=officer_in(pej_unit, "officer.peja"),
        secretary=secretary_of(council, "secretary.istok"),
        member=member_of(council, "member.istok"),
        co_chair=co_chair_of(council, "cochair.istok"),
        pej_secretary=secretary_of(pej_council, "secretary.peja"),
        focal=focal_point_in(body, "focal.istok"),
        pej_focal=focal_point_in(pej_body, "focal.peja"),
        observer=council_person(council, Membership.Role.OBSERVER, "observer.istok"),
        category=CategoryFactory(code="lighting", name="Lighting"),
        concern=ConcernFactory(
            council=council,
            status=Concern.Status.TRIAGED,
            reporter_email="resident@example.org",
            consent_to_contact=True,
            language="sq",
        ),
        decision=decision,
        meeting=meeting,
    )
