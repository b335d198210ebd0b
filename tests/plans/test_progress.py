"""Progress derived from linked actions (verified share) and the latest indicator value."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from plans import selectors, services
from plans.selectors import State, derive_progress
from policing.models import FollowUpAction
from tests.factories import FollowUpActionFactory
from tests.plans.conftest import activities_of, adopted_plan

TODAY = date(2026, 6, 10)


def progress(**kwargs):
    defaults = {
        "activity_id": 1,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "actions_total": 0,
        "actions_verified": 0,
        "baseline": None,
        "target": None,
        "latest_value": None,
        "today": TODAY,
    }
    return derive_progress(**{**defaults, **kwargs})


def test_nothing_recorded_has_no_progress():
    assert progress().percent is None and progress().state == State.UNDER_WAY


def test_actions_count_when_verified():
    assert progress(actions_total=4, actions_verified=1).percent == 25


def test_indicator_is_the_way_from_baseline_to_target():
    p = progress(baseline=Decimal(10), target=Decimal(20), latest_value=Decimal(15))
    assert p.percent == 50


def test_indicator_that_falls_is_measured_the_same_way():
    p = progress(baseline=Decimal(40), target=Decimal(20), latest_value=Decimal(30))
    assert p.percent == 50


def test_past_the_target_counts_as_reached_and_below_baseline_as_nothing():
    assert (
        progress(baseline=Decimal(0), target=Decimal(10), latest_value=Decimal(12)).percent == 100
    )
    assert progress(baseline=Decimal(5), target=Decimal(10), latest_value=Decimal(2)).percent == 0


def test_both_sources_are_averaged():
    p = progress(
        actions_total=2,
        actions_verified=2,
        baseline=Decimal(0),
        target=Decimal(10),
        latest_value=Decimal(0),
    )
    assert p.percent == 50


def test_states_by_timeline():
    assert progress(actions_total=1, actions_verified=1).state == State.DONE
    assert progress(ends_on=date(2026, 5, 31)).state == State.LATE
    assert progress(starts_on=date(2026, 7, 1)).state == State.NOT_STARTED
    assert progress(ends_on=date(2026, 6, 30)).state == State.DUE


@pytest.mark.django_db
def test_plan_progress_from_actions_and_values(world):
    plan = adopted_plan(world)
    first, second = activities_of(plan)
    verified = FollowUpActionFactory(
        council=world.council, responsible_unit=world.unit, status=FollowUpAction.Status.VERIFIED
    )
    open_ = FollowUpActionFactory(council=world.council, responsible_unit=world.unit)
    cancelled = FollowUpActionFactory(
        council=world.council,
        responsible_unit=world.unit,
        status=FollowUpAction.Status.CANCELLED,
        cancel_reason="No longer needed",
    )
    for action in (verified, open_, cancelled):
        services.link_action(first, by=world.secretary, action=action)
    services.record_indicator_value(
        second, by=world.secretary, value=Decimal(5), measured_on=timezone.localdate()
    )
    services.record_indicator_value(
        second,
        by=world.secretary,
        value=Decimal(2),
        measured_on=timezone.localdate() - timedelta(days=30),
    )
    page = selectors.progress_page(plan)
    by_id = {a.pk: a.progress for a in page.activities}
    assert by_id[first.pk].percent == 50  # 1 of 2 live actions verified
    assert by_id[second.pk].percent == 50  # latest value 5 of 0 → 10
    assert page.percent == 50 and page.objectives[0].percent == 50


@pytest.mark.django_db
def test_plan_progress_selector_for_the_periodic_reports(world):
    plan = adopted_plan(world)
    year = plan.starts_on.year
    report = selectors.plan_progress(world.council, year)
    assert report.plan == plan and len(report.activities) == 2
    assert selectors.plan_progress(world.council, year + 5) is None
    assert selectors.plan_progress(world.other, year) is None
    assert selectors.plan_progress(world.council, (plan.starts_on, plan.ends_on)).plan == plan


@pytest.mark.django_db
def test_drafts_do_not_feed_the_reports(world):
    from tests.plans.conftest import draft_plan

    plan = draft_plan(world)
    assert selectors.plan_progress(world.council, plan.starts_on.year) is None
