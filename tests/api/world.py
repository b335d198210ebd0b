"""The API tests' world, as a plain function: the pytest fixture ``world`` and the query-count
script (bench/api_queries.py) build the same rows."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from concerns.models import ConcernEvent
from councils.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PoliceUnitFactory,
    SettlementFactory,
    commander_of,
    member_of,
    national_coordinator,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)


def build_world() -> SimpleNamespace:
    """Istog and Peja, a council each; in Istog a concern with a reporter, a sensitive concern,
    an action, a held meeting with its agenda, attendance and a decision."""
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    settlement = SettlementFactory(municipality=istok, name="Dubovë")
    council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    drugs = CategoryFactory(code="drugs", name="Drugs")
    violence = CategoryFactory(
        code="domestic-violence", name="Domestic violence", is_sensitive=True
    )
    unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    body = PartnerBodyFactory(municipality=istok, name="Public services")
    PartnerBodyFactory(municipality=peja, name="Peja public services")
    concern = ConcernFactory(council=council, category=drugs, settlement=settlement)
    ConcernEvent.objects.create(concern=concern, kind=ConcernEvent.Kind.NOTE, note="Internal.")
    sensitive = ConcernFactory(council=council, category=violence)
    pej_concern = ConcernFactory(council=pej_council, category=drugs)
    action = FollowUpActionFactory(council=council, concern=concern, responsible_unit=unit)
    meeting = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        planned_at=timezone.now() - timedelta(days=2),
        held_at=timezone.now() - timedelta(days=2),
    )
    item = AgendaItemFactory(meeting=meeting, position=1, kind="concern", concern=concern)
    secret_item = AgendaItemFactory(
        meeting=meeting,
        position=2,
        kind="concern",
        concern=sensitive,
        is_confidential=True,
        title="Violence at home in Dubovë",
        discussion="Who and where.",
    )
    DecisionFactory(agenda_item=item)
    DecisionFactory(agenda_item=secret_item, text="Refer the family to the centre.")
    pej_meeting = MeetingFactory(council=pej_council)
    secretary = secretary_of(council, "secretary.istok")
    AttendanceFactory(meeting=meeting, membership=secretary.person.memberships.get())
    return SimpleNamespace(
        istok=istok,
        peja=peja,
        settlement=settlement,
        council=council,
        pej_council=pej_council,
        drugs=drugs,
        violence=violence,
        unit=unit,
        body=body,
        concern=concern,
        sensitive=sensitive,
        pej_concern=pej_concern,
        action=action,
        meeting=meeting,
        pej_meeting=pej_meeting,
        secretary=secretary,
        member=member_of(council, "member.istok"),
        safeguarding=safeguarding_officer_of(council, "safeguarding.istok"),
        pej_secretary=secretary_of(pej_council, "secretary.peja"),
        commander=commander_of(unit, "commander.istok"),
        officer=officer_in(unit, "officer.istok").user,
        national=national_coordinator("national"),
    )
