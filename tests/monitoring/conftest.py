"""A small hand-made data set with known answers, November 2026 in Europe/Belgrade (UTC+1),
compared with October; "today" is 15 December 2026."""

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine

from concerns.models import Concern, ConcernEvent
from councils.models import Attendance, Decision, Meeting, Person
from monitoring.monthly.build import rebuild as rebuild_monthly_figures
from monitoring.periods import Period
from policing.models import FollowUpAction
from tests.factories import (
    AgendaItemFactory,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PersonFactory,
    PoliceUnitFactory,
    co_chair_of,
    commander_of,
    focal_point_in,
    member_of,
    national_coordinator,
    secretary_of,
)

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30), BELGRADE)
TODAY = datetime(2026, 12, 15, 10, 0, tzinfo=BELGRADE)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=BELGRADE)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def concern(council, category, received: datetime, **changes) -> Concern:
    item = ConcernFactory(council=council, category=category)
    Concern.objects.filter(pk=item.pk).update(created_at=received, **changes)
    rebuild_monthly_figures([council.pk])  # what a service's save would have refreshed
    item.refresh_from_db()
    return item


def action(council, concern_=None, *, created: datetime, **fields) -> FollowUpAction:
    item = FollowUpActionFactory(council=council, concern=concern_, **fields)
    FollowUpAction.objects.filter(pk=item.pk).update(created_at=created)
    return item


@pytest.fixture
def world(db, today):
    istok = MunicipalityFactory(code="IST", name="Istog", time_zone="Europe/Belgrade")
    peja = MunicipalityFactory(code="PEJ", name="Pejë", time_zone="Europe/Belgrade")
    council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    theft = CategoryFactory(code="property-crime", name="Property crime")
    lighting = CategoryFactory(code="lighting", name="Lighting")
    violence = CategoryFactory(
        code="domestic-violence", name="Domestic violence", is_sensitive=True
    )
    unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    body = PartnerBodyFactory(municipality=istok, name="Public services")

    # Concerns of November (5) and October (1); c3 and c4 are 31 October in UTC.
    c1 = concern(
        council,
        theft,
        local(2026, 11, 2, 10),
        status=Concern.Status.RESOLVED,
        triaged_at=local(2026, 11, 3, 10),
        resolved_at=local(2026, 11, 12, 10),
        public_response={"sq": "The street is patrolled."},
    )
    c2 = concern(
        council,
        lighting,
        local(2026, 11, 5, 9),
        status=Concern.Status.TRIAGED,
        triaged_at=local(2026, 11, 10, 9),
        channel="phone",
    )
    c3 = concern(
        council,
        theft,
        datetime(2026, 10, 31, 23, 30, tzinfo=UTC),  # 1 November 00:30 in Istog
        status=Concern.Status.REOPENED,
        triaged_at=datetime(2026, 11, 2, 23, 30, tzinfo=UTC),
    )
    ConcernEvent.objects.create(
        concern=c3, kind="status", from_status="resolved", to_status="reopened", is_public=True
    )
    ConcernEvent.objects.create(
        concern=c3, kind="public_update", public_text={"sq": "We are on it."}, is_public=True
    )
    c4 = concern(
        council,
        lighting,
        datetime(2026, 10, 31, 22, 30, tzinfo=UTC),  # 31 October 23:30 in Istog
        triaged_at=datetime(2026, 11, 1, 8, 0, tzinfo=UTC),
        status=Concern.Status.TRIAGED,
    )
    c5 = concern(council, theft, local(2026, 11, 6, 12))
    Concern.objects.filter(pk=c5.pk).update(status=Concern.Status.DUPLICATE, duplicate_of=c1)
    c6 = concern(
        council,
        lighting,
        local(2026, 11, 30, 23, 59),
        status=Concern.Status.REJECTED,
        rejection_reason={"sq": "Not a safety matter."},
    )
    sensitive = concern(council, violence, local(2026, 11, 8, 12), status=Concern.Status.TRIAGED)
    concern(pej_council, theft, local(2026, 11, 8, 12))
    concern(pej_council, theft, local(2026, 11, 9, 12))

    # Actions: a1 on time, a2 late, a3 overdue, a4 open, a5 cancelled; c1's first on 5 Nov.
    a1 = action(
        council,
        c1,
        created=local(2026, 11, 5, 10),
        responsible_unit=unit,
        due_date=date(2026, 11, 20),
        status=FollowUpAction.Status.VERIFIED,
        completed_at=local(2026, 11, 18, 10),
        verified_at=local(2026, 11, 19, 10),
    )
    action(
        council,
        c1,
        created=local(2026, 11, 7, 10),
        responsible_unit=unit,
        due_date=date(2026, 11, 25),
        status=FollowUpAction.Status.VERIFIED,
        completed_at=local(2026, 11, 27, 10),
        verified_at=local(2026, 11, 28, 10),
    )
    action(
        council,
        created=local(2026, 10, 10, 10),
        responsible_unit=unit,
        due_date=date(2026, 11, 10),
        status=FollowUpAction.Status.IN_PROGRESS,
    )
    action(
        council,
        created=local(2026, 11, 20, 10),
        responsible_unit=None,
        responsible_body=body,
        due_date=date(2026, 12, 20),
    )
    action(
        council,
        created=local(2026, 11, 5, 10),
        responsible_unit=unit,
        due_date=date(2026, 11, 15),
        status=FollowUpAction.Status.CANCELLED,
        cancel_reason="Done by the utility.",
    )
    action(pej_council, created=local(2026, 11, 5, 10), due_date=date(2026, 11, 1))

    # People: Ana stays, Bojan left on 15 November, Cen joins in December.
    ana = PersonFactory(full_name="Ana", gender=Person.Gender.FEMALE, community="Albanian")
    bojan = PersonFactory(full_name="Bojan", gender=Person.Gender.MALE, community="Serb")
    cen = PersonFactory(full_name="Cen", gender=Person.Gender.MALE, community="Roma")
    m_ana = MembershipFactory(person=ana, council=council, start_date=date(2025, 1, 1))
    m_bojan = MembershipFactory(
        person=bojan, council=council, start_date=date(2025, 1, 1), end_date=date(2026, 11, 15)
    )
    MembershipFactory(person=cen, council=council, start_date=date(2026, 12, 1))

    # Meetings: m1 held with quorum, m2 held without, m3 cancelled, m0 in October.
    m1 = MeetingFactory(
        council=council,
        planned_at=local(2026, 11, 10, 10),
        status=Meeting.Status.MINUTES_APPROVED,
        held_at=local(2026, 11, 10, 10),
        minutes_approved_at=local(2026, 11, 20, 10),
        members_current=10,
        members_present=7,
        quorum_required=6,
    )
    m2 = MeetingFactory(
        council=council,
        kind=Meeting.Kind.EXTRAORDINARY,
        planned_at=local(2026, 11, 20, 10),
        status=Meeting.Status.HELD,
        held_at=local(2026, 11, 20, 10),
        members_current=10,
        members_present=4,
        quorum_required=6,
    )
    MeetingFactory(
        council=council,
        planned_at=local(2026, 11, 25, 10),
        status=Meeting.Status.CANCELLED,
        cancel_reason="The hall was closed.",
    )
    MeetingFactory(
        council=council,
        planned_at=local(2026, 10, 15, 10),
        status=Meeting.Status.PUBLISHED,
        held_at=local(2026, 10, 15, 10),
        minutes_approved_at=local(2026, 10, 20, 10),
        published_at=local(2026, 10, 21, 10),
        members_current=10,
        members_present=8,
        quorum_required=6,
    )
    item = AgendaItemFactory(meeting=m1)
    DecisionFactory(agenda_item=item, kind=Decision.Kind.RECOMMENDATION)
    DecisionFactory(agenda_item=item, kind=Decision.Kind.DEFERRAL, carry_to=council)
    Attendance.objects.create(meeting=m1, membership=m_ana, status="present")
    Attendance.objects.create(meeting=m1, membership=m_bojan, status="present")
    Attendance.objects.create(meeting=m2, membership=m_ana, status="present")
    Attendance.objects.create(meeting=m2, membership=m_bojan, status="absent")
    Attendance.objects.create(meeting=m2, guest_name="A journalist", status="present")
    # The concerns were back-dated with QuerySet.update, which no service does and no signal
    # sees: rebuild the monthly figures as the nightly check would.
    rebuild_monthly_figures()

    return SimpleNamespace(
        istok=istok,
        peja=peja,
        council=council,
        pej_council=pej_council,
        theft=theft,
        lighting=lighting,
        violence=violence,
        unit=unit,
        body=body,
        concerns=SimpleNamespace(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6, sensitive=sensitive),
        a1=a1,
        m1=m1,
        secretary=secretary_of(council, "sec.istok"),
        co_chair=co_chair_of(council, "cochair.istok"),
        member=member_of(council, "member.istok"),
        pej_secretary=secretary_of(pej_council, "sec.peja"),
        commander=commander_of(unit, "commander.istok"),
        focal_point=focal_point_in(body, "focal.istok"),
        national=national_coordinator("national"),
    )


@pytest.fixture
def november():
    return NOVEMBER


__all__ = ["NOVEMBER", "timedelta"]
