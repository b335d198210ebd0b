"""Sensitive-category actions: the assigned people, the commander, the safeguarding officer."""

import pytest

from policing import policies
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    FollowUpActionFactory,
    national_coordinator,
    safeguarding_officer_of,
)


@pytest.fixture
def sensitive(town):
    category = CategoryFactory(code="domestic-violence", is_sensitive=True)
    concern = ConcernFactory(council=town.council, category=category)
    return FollowUpActionFactory(
        council=town.council,
        concern=concern,
        responsible_unit=town.unit,
        assignee=town.officer,
        status="assigned",
    )


def visible(user, action) -> bool:
    listed = policies.actions_visible_to(user).filter(pk=action.pk).exists()
    assert listed is policies.can_view_action(user, action)
    return listed


def test_a_sensitive_action_is_seen_by_the_assigned_officer_commander_and_safeguarding_officer(
    town, sensitive
):
    safeguarding = safeguarding_officer_of(town.council)
    for user in (town.officer.user, town.commander, safeguarding):
        assert visible(user, sensitive)


@pytest.mark.parametrize(
    "who", ["secretary", "member", "co_chair", "second_officer", "other_commander", "focal"]
)
def test_a_sensitive_action_is_hidden_from_everyone_else(town, sensitive, who):
    user = getattr(town, who)
    assert not visible(getattr(user, "user", user), sensitive)


def test_the_national_coordinator_does_not_see_sensitive_actions(town, sensitive):
    assert not visible(national_coordinator(), sensitive)


def test_the_safeguarding_officer_sees_no_other_action_of_the_council(town):
    ordinary = FollowUpActionFactory(council=town.council, responsible_unit=town.unit)
    assert not visible(safeguarding_officer_of(town.council), ordinary)
