"""Each indicator on the hand-made data set of conftest.py, with the answer worked out by hand."""

import zoneinfo
from datetime import date

import pytest

from monitoring import figures
from monitoring.aggregates import percentile_cont
from monitoring.indicators import (
    ACTION_INDICATORS,
    ACTIONS,
    ATTENDEES,
    CONCERN_INDICATORS,
    CONCERNS,
    DECISION_INDICATORS,
    DECISIONS,
    MEETING_INDICATORS,
    MEETINGS,
    MEMBERS,
    REPRESENTATION_INDICATORS,
    meetings_due,
)
from monitoring.periods import Period
from tests.monitoring.conftest import BELGRADE, NOVEMBER


def _concerns(user, council):
    return CONCERNS.queryset(user).filter(council=council)


def _values(result):
    return {key: (f.value, f.previous) for key, f in result.items()}


def test_concern_indicators_of_november_against_october(world):
    result = _values(
        figures.headline(
            CONCERNS, _concerns(world.member, world.council), CONCERN_INDICATORS, NOVEMBER
        )
    )
    # c1, c2, c3 (00:30 on 1 November in Istog), c5 (duplicate), c6 (23:59 on 30 November);
    # October: c4 (23:30 on 31 October in Istog).
    assert result["concerns_received"] == (5, 1)
    # c1 (1 day) and c3 (2 days) of c1, c2, c3 within 3 days; October's c4 in 8.5 hours.
    assert result["triaged_in_time"] == (66.7, 100.0)
    # Days to triage 1, 5, 2: median 2, 90th percentile 2 + 0.8 × 3.
    assert result["days_to_triage_median"] == (2.0, pytest.approx(0.4, abs=0.05))
    assert result["days_to_triage_p90"][0] == 4.4
    # c1's first action three days after it came in; resolved after ten.
    assert result["days_to_action_median"] == (3.0, None)
    assert result["days_to_resolution_median"] == (10.0, None)
    assert result["days_to_resolution_p90"] == (10.0, None)
    assert result["reopened"] == (1, 0)
    # c1 (public response), c3 (public note), c6 (reason) of c1, c2, c3, c6.
    assert result["residents_told"] == (75.0, 0.0)


def test_sensitive_concerns_count_only_for_who_reads_them(world):
    def received(user):
        rows = _concerns(user, world.council)
        return figures.headline(CONCERNS, rows, CONCERN_INDICATORS[:1], NOVEMBER)[
            "concerns_received"
        ].value

    assert received(world.secretary) == 6
    assert received(world.member) == 5
    assert received(world.national) == 5


def test_month_boundary_follows_the_council_time_zone(world):
    autumn = Period(date(2026, 10, 1), date(2026, 11, 30), BELGRADE)
    months = figures.by_month(
        CONCERNS, _concerns(world.member, world.council), CONCERN_INDICATORS[:1], autumn
    )
    assert [(r.label, r.figures["concerns_received"].value) for r in months] == [
        ("2026-10", 1),
        ("2026-11", 5),
    ]
    # In UTC, c3 is an October concern (c6, 22:59 UTC on 30 November, stays in November).
    utc = Period(date(2026, 10, 1), date(2026, 11, 30), zoneinfo.ZoneInfo("UTC"))
    months = figures.by_month(
        CONCERNS, _concerns(world.member, world.council), CONCERN_INDICATORS[:1], utc
    )
    assert [r.figures["concerns_received"].value for r in months] == [2, 4]


def test_breakdown_by_category_and_channel(world):
    rows = figures.breakdown(
        CONCERNS,
        _concerns(world.member, world.council),
        CONCERN_INDICATORS[:1],
        NOVEMBER,
        "category",
    )
    assert [
        (r.label, r.figures["concerns_received"].value, r.figures["concerns_received"].previous)
        for r in rows
    ] == [
        ("Property crime", 3, 0),
        ("Lighting", 2, 1),
    ]
    rows = figures.breakdown(
        CONCERNS,
        _concerns(world.member, world.council),
        CONCERN_INDICATORS[:1],
        NOVEMBER,
        "channel",
    )
    assert {r.key: r.figures["concerns_received"].value for r in rows} == {"web": 4, "phone": 1}


def test_action_indicators(world):
    rows = ACTIONS.queryset(world.member).filter(council=world.council)
    result = _values(figures.headline(ACTIONS, rows, ACTION_INDICATORS, NOVEMBER))
    assert result["actions_created"] == (4, 1)
    # Open today (15 December): a3 (due 10 November) and a4 (due 20 December).
    assert result["actions_open"] == (2, None)
    assert result["actions_overdue"] == (1, None)
    assert result["actions_overdue_share"] == (50.0, None)
    # Due in November: a1, a2, a3 (a5 cancelled); a1 completed by its due date.
    assert result["actions_due"] == (3, 0)
    assert result["verified_on_time"] == (33.3, None)


def test_actions_by_police_unit_and_partner_body(world):
    rows = ACTIONS.queryset(world.national).filter(council=world.council)
    units = figures.breakdown(ACTIONS, rows, ACTION_INDICATORS, NOVEMBER, "unit")
    by_unit = {r.label: r.figures["actions_open"].value for r in units}
    assert by_unit == {"Istog police station": 1, "": 1}
    bodies = figures.breakdown(ACTIONS, rows, ACTION_INDICATORS, NOVEMBER, "body")
    assert {r.label: r.figures["actions_open"].value for r in bodies} == {
        "": 1,
        "Public services": 1,
    }


def test_meeting_indicators_count_cancelled_meetings_apart(world):
    rows = MEETINGS.queryset(world.member).filter(council=world.council)
    result = _values(figures.headline(MEETINGS, rows, MEETING_INDICATORS, NOVEMBER))
    assert result["meetings_planned"] == (3, 1)
    assert result["meetings_held"] == (2, 1)
    assert result["regular_meetings_held"] == (1, 1)
    assert result["meetings_cancelled"] == (1, 0)
    assert result["quorum_reached"] == (50.0, 100.0)
    assert result["attendance_rate"] == (55.0, 80.0)
    # m1 approved in 10 days; m2's 30 days are not over yet (15 December), so it waits.
    assert result["minutes_approved_in_time"] == (100.0, 100.0)
    # m1 held on 10 November, 30 days passed, not published.
    assert result["minutes_published_in_time"] == (0.0, 100.0)
    assert meetings_due("monthly", NOVEMBER) == 1
    assert meetings_due("quarterly", Period(date(2026, 7, 1), date(2026, 12, 31), BELGRADE)) == 2
    assert meetings_due("weekly", NOVEMBER) == 4
    assert meetings_due("as_needed", NOVEMBER) is None


def test_decisions_and_deferrals(world):
    rows = DECISIONS.queryset(world.member)
    result = _values(figures.headline(DECISIONS, rows, DECISION_INDICATORS, NOVEMBER))
    assert result == {"decisions": (2, 0), "deferrals": (1, 0)}


def test_representation_counts_who_was_a_member_then(world):
    members = MEMBERS.queryset(world.member).filter(council=world.council, person__gender__gt="")
    by_gender = figures.breakdown(
        MEMBERS, members, REPRESENTATION_INDICATORS[:1], NOVEMBER, "gender"
    )
    # Bojan left on 15 November, Cen joined in December: Ana only at the end of November;
    # at the end of October Ana and Bojan.
    assert [
        (r.key, r.figures["members"].value, r.figures["members"].previous) for r in by_gender
    ] == [
        ("female", 1, 1),
        ("male", 0, 1),
    ]
    attendees = ATTENDEES.queryset(world.member).filter(meeting__council=world.council)
    by_community = figures.breakdown(
        ATTENDEES, attendees, REPRESENTATION_INDICATORS[1:], NOVEMBER, "community", compare=False
    )
    # Bojan, a member then, still counts for m1; the guest is no member; absences don't count.
    assert {r.key: r.figures["attendances"].value for r in by_community} == {
        "Albanian": 2,
        "Serb": 1,
    }


def test_percentile_matches_postgresql_interpolation():
    assert percentile_cont([1, 5, 2], 0.5) == 2
    assert percentile_cont([1, 5, 2], 0.9) == pytest.approx(4.4)
    assert percentile_cont([3], 0.9) == 3
    assert percentile_cont([], 0.5) is None


def test_previous_period_of_whole_months_is_as_many_months_before():
    half = Period(date(2026, 7, 1), date(2026, 12, 31), BELGRADE)
    assert half.previous() == Period(date(2026, 1, 1), date(2026, 6, 30), BELGRADE)
    assert NOVEMBER.previous() == Period(date(2026, 10, 1), date(2026, 10, 31), BELGRADE)
    days = Period(date(2026, 11, 10), date(2026, 11, 19), BELGRADE)
    assert days.previous() == Period(date(2026, 10, 31), date(2026, 11, 9), BELGRADE)
