"""The staff plan and priority pages: who reads and who is refused, what members may not read of
linked actions, query counts that do not grow with the plan (public pages: test_public_views)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern
from plans import services
from plans.models import Activity, Objective, SafetyPlan
from policing.models import FollowUpAction
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    FollowUpActionFactory,
    national_coordinator,
)
from tests.plans.conftest import (
    activities_of,
    adopt,
    adopted_plan,
    draft_plan,
    text,
    visible_text,
)
from tests.plans.test_priorities import set_priority

pytestmark = pytest.mark.django_db


# --- Staff pages


def test_members_read_a_draft_plan(client, world):
    plan = draft_plan(world)
    client.force_login(world.member)
    response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    assert "Aktiviteti 1" in visible_text(response)
    assert 'id="objective-form"' not in response.content.decode()


def test_secretary_of_another_council_does_not_see_the_plan(client, world):
    plan = draft_plan(world)
    client.force_login(world.other_secretary)
    assert client.get(reverse("plans:plan", args=[plan.pk])).status_code == 404
    activity = activities_of(plan)[0]
    assert client.get(reverse("plans:activity", args=[activity.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    plan = draft_plan(world)
    response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_cannot_draft_edit_or_add(client, world):
    plan = draft_plan(world)
    client.force_login(world.member)
    assert client.get(reverse("plans:new_plan", args=[world.council.pk])).status_code == 403
    assert client.get(reverse("plans:edit_plan", args=[plan.pk])).status_code == 403
    objective = plan.objectives.get()
    assert client.get(reverse("plans:add_activity", args=[objective.pk])).status_code == 403
    client.post(reverse("plans:add_objective", args=[plan.pk]), {"title_sq": "Hack"})
    assert plan.objectives.count() == 1


def test_secretary_drafts_through_the_pages(client, world):
    client.force_login(world.secretary)
    response = client.post(
        reverse("plans:new_plan", args=[world.council.pk]),
        {"title_sq": "Plani 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
    )
    plan = SafetyPlan.objects.get()
    assert response.status_code == 302
    client.post(reverse("plans:add_objective", args=[plan.pk]), {"title_sq": "Shkolla të sigurta"})
    objective = plan.objectives.get()
    response = client.post(
        reverse("plans:add_activity", args=[objective.pk]),
        {
            "title_sq": "Patrulla te shkollat",
            "responsible_unit": world.unit.pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
            "indicator_sq": "Patrulla në muaj",
            "baseline": "0",
            "target": "20",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:plan", args=[plan.pk]))
    assert "Patrulla te shkollat" in visible_text(page)


def test_only_a_co_chair_gets_the_adoption_step(client, world):
    plan = adopted_plan(world)
    services.start_revision(plan, by=world.secretary, reason="Update")
    url = reverse("plans:plan_transition", kwargs={"pk": plan.pk, "name": "adopt"})
    client.force_login(world.secretary)
    assert client.post(url).status_code == 403
    client.force_login(world.member)
    assert client.post(url).status_code == 403


def test_member_cannot_record_a_value_through_the_page(client, world):
    activity = activities_of(adopted_plan(world))[0]
    client.force_login(world.member)
    client.post(
        reverse("plans:record_value", args=[activity.pk]),
        {"value": "4", "measured_on": timezone.localdate().isoformat()},
    )
    assert not activity.values.exists()


def test_secretary_drafts_a_yearly_part_of_a_multi_year_plan(client, world):
    multi_year = services.create_plan(
        world.council,
        by=world.secretary,
        title=text("Plani shumëvjeçar"),
        starts_on=date(2026, 1, 1),
        ends_on=date(2028, 12, 31),
    )
    client.force_login(world.secretary)
    response = client.post(
        reverse("plans:new_plan", args=[world.council.pk]),
        {
            "title_sq": "Pjesa 2027",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "part_of": multi_year.pk,
        },
    )
    part = SafetyPlan.objects.get(part_of=multi_year)
    assert response.status_code == 302
    parent_page = client.get(reverse("plans:plan", args=[multi_year.pk]))
    assert reverse("plans:plan", args=[part.pk]) in parent_page.content.decode()
    part_page = visible_text(client.get(reverse("plans:plan", args=[part.pk])))
    assert "Yearly part of" in part_page and "Plani shumëvjeçar" in part_page
    edit = client.get(reverse("plans:edit_plan", args=[part.pk]))
    assert 'name="part_of"' not in edit.content.decode(), "a plan's part never changes"


def test_activity_page_shows_a_sensitive_action_only_as_a_count(client, world):
    plan = adopted_plan(world)
    activity = activities_of(plan)[0]
    trafficking = CategoryFactory(code="trafficking", name="Human trafficking", is_sensitive=True)
    sensitive = ConcernFactory(
        council=world.council, category=trafficking, status=Concern.Status.TRIAGED
    )
    secret = FollowUpActionFactory(
        council=world.council,
        concern=sensitive,
        responsible_unit=world.unit,
        title="Interview the family in Banjë",
    )
    services.link_action(activity, by=world.secretary, action=secret)
    services.link_action(
        activity,
        by=world.secretary,
        action=FollowUpActionFactory(
            council=world.council, responsible_unit=world.unit, title="Patrol the school gate"
        ),
    )
    FollowUpActionFactory(  # not linked yet: the secretary's list must not offer it
        council=world.council,
        concern=sensitive,
        responsible_unit=world.unit,
        title="Escort the witness",
    )
    for reader in (world.member, world.secretary, national_coordinator("national")):
        client.force_login(reader)
        response = client.get(reverse("plans:activity", args=[activity.pk]))
        page = visible_text(response)
        assert response.status_code == 200
        assert "Patrol the school gate" in page
        assert "Interview the family" not in page and "Escort the witness" not in page
        assert "1 more linked action that you may not read" in page
        assert "0 of 2 actions verified" in visible_text(
            client.get(reverse("plans:plan", args=[plan.pk]))
        )
        history = visible_text(client.get(reverse("plans:plan", args=[plan.pk])))
        assert "Interview the family" not in history
    client.force_login(world.commander)  # who commands the unit reads it, on its own pages
    assert client.get(reverse("policing:detail", args=[secret.pk])).status_code == 200


def big_plan(world, objectives: int, per_objective: int) -> SafetyPlan:
    """An adopted plan; in each objective an action linked to the first activity and a value
    recorded for the second, so what the pages count grows with the plan."""
    plan = draft_plan(world, activities=0)
    plan.objectives.all().delete()
    rows = Objective.objects.bulk_create(
        Objective(plan=plan, position=i + 1, title=text(f"Objektivi {i + 1}"))
        for i in range(objectives)
    )
    today = timezone.localdate()
    Activity.objects.bulk_create(
        Activity(
            objective=objective,
            position=j + 1,
            title=text(f"Aktiviteti {j + 1}"),
            responsible_unit=world.unit,
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=j),
            indicator=text("Numri"),
            baseline=0,
            target=10,
        )
        for objective in rows
        for j in range(per_objective)
    )
    for activity in Activity.objects.filter(objective__plan=plan, position__lte=2):
        if activity.position == 1:
            services.link_action(
                activity,
                by=world.secretary,
                action=FollowUpActionFactory(
                    council=world.council,
                    responsible_unit=world.unit,
                    status=FollowUpAction.Status.VERIFIED,
                ),
            )
        else:
            services.record_indicator_value(
                activity, by=world.secretary, value=3, measured_on=timezone.localdate()
            )
    return adopt(world, plan)


def queries_of(client, url: str) -> int:
    client.get(url)  # warm the session, the scope and the translations
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page, who",
    [("plans:plan", "secretary"), ("plans:plan", "member"), ("plans:public_plan", None)],
)
def test_plan_pages_make_as_many_queries_for_100_activities_as_for_10(
    client, world, django_assert_num_queries, page, who
):
    if who:
        client.force_login(getattr(world, who))
    small = big_plan(world, 2, 5)
    few = queries_of(client, reverse(page, args=[small.pk]))
    large = big_plan(world, 20, 5)
    assert Activity.objects.filter(objective__plan=large).count() == 100
    with django_assert_num_queries(few):
        response = client.get(reverse(page, args=[large.pk]))
    text_ = visible_text(response)
    assert text_.count("Aktiviteti") == 100 and text_.count("Objektivi") >= 20
    assert text_.count("1 of 1 actions") == 20  # each objective's first activity


def test_member_reads_a_priority_but_cannot_update_it(client, world):
    priority = set_priority(world)
    client.force_login(world.member)
    assert client.get(reverse("plans:priority", args=[priority.pk])).status_code == 200
    client.post(
        reverse("plans:add_update", args=[priority.pk]),
        {"on": timezone.localdate().isoformat(), "text_sq": "x"},
    )
    assert not priority.updates.exists()
    url = reverse("plans:priority_transition", kwargs={"pk": priority.pk, "name": "publish"})
    assert client.post(url).status_code == 403
    client.force_login(world.other_secretary)
    assert client.get(reverse("plans:priority", args=[priority.pk])).status_code == 404


def test_a_concern_reclassified_as_sensitive_leaves_no_title_in_the_plans_history(client, world):
    import importlib

    from django.apps import apps

    from plans.models import PlanEvent

    plan = adopted_plan(world)
    activity = activities_of(plan)[0]
    concern = ConcernFactory(council=world.council, status=Concern.Status.TRIAGED)
    action = FollowUpActionFactory(
        council=world.council, concern=concern, responsible_unit=world.unit, title="Visit the flat"
    )
    services.link_action(activity, by=world.secretary, action=action)
    # Written before the fix: the title in the note (the migration takes it out).
    old = PlanEvent.objects.create(
        council=world.council, plan=plan, kind="linked", note=f"{activity}: Visit the flat"
    )
    concern.category = CategoryFactory(code="dv", name="Domestic violence", is_sensitive=True)
    concern.save()
    importlib.import_module("plans.migrations.0003_linked_notes_without_titles").drop_titles(
        apps, None
    )
    old.refresh_from_db()
    assert old.note == str(activity)
    client.force_login(world.member)
    history = visible_text(client.get(reverse("plans:plan", args=[plan.pk])))
    assert "Visit the flat" not in history and "Linked to an activity" in history
