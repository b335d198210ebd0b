"""The permission matrix: every role against every policy, own scope and other scope.

Two municipalities (Istog, Peja), each with a municipal council and a police unit; a local
committee under Istog. Each case names the roles that are allowed; every other role is
expected to be refused, so the refused side is covered as thoroughly as the allowed one.
Expectations come from DOMAIN.md's role table and the policies' docstrings.
"""

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from concerns import policies as concern_policies
from councils import policies as council_policies
from councils.models import Meeting, Membership
from policing import policies as policing_policies
from policing.models import FollowUpAction
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    LocalCouncilFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    PersonFactory,
    PoliceUnitFactory,
    UserFactory,
    co_chair_of,
    commander_of,
    focal_point_in,
    member_of,
    national_coordinator,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)
from workspace.scopes import forget_scope, scope_of

pytestmark = pytest.mark.django_db

ROLES = (
    "secretary_istok",
    "member_istok",
    "co_chair_istok",
    "secretary_peja",
    "secretary_local",
    "commander_istok",
    "officer_istok",
    "commander_peja",
    "focal_istok",
    "focal_peja",
    "national",
    "superuser",
    "no_role",
    "anonymous",
    "former_member_istok",
    "inactive_secretary_istok",
    "safeguarding_istok",
    "safeguarding_peja",
)
ISTOK_MEMBERS = {"secretary_istok", "member_istok", "co_chair_istok"}
READ_ALL = {"national", "superuser"}
ISTOK_SENSITIVE = {"secretary_istok", "safeguarding_istok"}
PEJA_SENSITIVE = {"secretary_peja", "safeguarding_peja"}


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    ist_council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    ist_local = LocalCouncilFactory(
        municipality=istok, parent=ist_council, name="Local committee Dubravë"
    )
    ist_unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    pej_unit = PoliceUnitFactory(municipality=peja, name="Peja police station")
    ist_body = PartnerBodyFactory(municipality=istok, name="Municipal roads department")
    pej_body = PartnerBodyFactory(municipality=peja, name="Peja public services")

    officer = officer_in(ist_unit, "officer.istok")
    former = UserFactory(username="former.member.istok")
    MembershipFactory(
        person=PersonFactory(user=former),
        council=ist_council,
        role=Membership.Role.MEMBER,
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=1),
    )
    inactive = secretary_of(ist_council, "inactive.secretary.istok")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    users = {
        "secretary_istok": secretary_of(ist_council, "secretary.istok"),
        "member_istok": member_of(ist_council, "member.istok"),
        "co_chair_istok": co_chair_of(ist_council, "co_chair.istok"),
        "secretary_peja": secretary_of(pej_council, "secretary.peja"),
        "secretary_local": secretary_of(ist_local, "secretary.local"),
        "commander_istok": commander_of(ist_unit, "commander.istok"),
        "officer_istok": officer.user,
        "commander_peja": commander_of(pej_unit, "commander.peja"),
        "focal_istok": focal_point_in(ist_body, "focal.istok"),
        "focal_peja": focal_point_in(pej_body, "focal.peja"),
        "national": national_coordinator("national"),
        "superuser": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "no_role": UserFactory(username="nobody"),
        "anonymous": AnonymousUser(),
        "former_member_istok": former,
        "inactive_secretary_istok": inactive,
        "safeguarding_istok": safeguarding_officer_of(ist_council, "safeguarding.istok"),
        "safeguarding_peja": safeguarding_officer_of(pej_council, "safeguarding.peja"),
    }

    ist_concern = ConcernFactory(council=ist_council)
    pej_concern = ConcernFactory(council=pej_council)
    local_concern = ConcernFactory(council=ist_local)
    anonymous_concern = ConcernFactory(
        council=ist_council,
        is_anonymous=True,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        consent_to_contact=False,
    )
    sensitive = CategoryFactory(code="domestic-violence", is_sensitive=True)
    # A sensitive concern referred to police (an action for the Istog unit): still hidden from
    # the commander.
    ist_sensitive = ConcernFactory(council=ist_council, category=sensitive)
    FollowUpActionFactory(council=ist_council, concern=ist_sensitive, responsible_unit=ist_unit)
    now = timezone.now()
    objects = {
        "ist_sensitive_concern": ist_sensitive,
        "pej_sensitive_concern": ConcernFactory(council=pej_council, category=sensitive),
        "local_sensitive_concern": ConcernFactory(council=ist_local, category=sensitive),
        "ist_council": ist_council,
        "pej_council": pej_council,
        "ist_local": ist_local,
        "ist_unit": ist_unit,
        "pej_unit": pej_unit,
        "ist_body": ist_body,
        "pej_body": pej_body,
        "ist_concern": ist_concern,
        "pej_concern": pej_concern,
        "local_concern": local_concern,
        "anonymous_concern": anonymous_concern,
        "ist_action_assigned": FollowUpActionFactory(
            council=ist_council,
            concern=ist_concern,
            responsible_unit=ist_unit,
            assignee=officer,
            status=FollowUpAction.Status.ASSIGNED,
        ),
        "ist_action_unassigned": FollowUpActionFactory(
            council=ist_council, concern=ist_concern, responsible_unit=ist_unit
        ),
        "ist_action_other_body": FollowUpActionFactory(
            council=ist_council,
            concern=ist_concern,
            responsible_unit=None,
            responsible_body=ist_body,
        ),
        "pej_action": FollowUpActionFactory(
            council=pej_council, concern=pej_concern, responsible_unit=pej_unit
        ),
        "ist_draft_meeting": MeetingFactory(
            council=ist_council, status=Meeting.Status.MINUTES_DRAFT, held_at=now
        ),
        "ist_published_meeting": MeetingFactory(
            council=ist_council,
            status=Meeting.Status.PUBLISHED,
            held_at=now,
            minutes_approved_at=now,
            published_at=now,
        ),
        "pej_draft_meeting": MeetingFactory(
            council=pej_council, status=Meeting.Status.MINUTES_DRAFT, held_at=now
        ),
    }
    return SimpleNamespace(users=users, objects=objects)


# --- The checks, each as check(user, obj) -> bool


def _in(queryset_for):
    return lambda user, obj: queryset_for(user).filter(pk=obj.pk).exists()


CHECKS = {
    "concerns_visible_to": _in(concern_policies.concerns_visible_to),
    "can_view_concern": concern_policies.can_view_concern,
    "can_read_internal_notes": concern_policies.can_read_internal_notes,
    "can_read_sensitive": concern_policies.can_read_sensitive,
    "can_manage_concern": concern_policies.can_manage_concern,
    "can_see_reporter_identity": concern_policies.can_see_reporter_identity,
    "can_comment": concern_policies.can_comment,
    "can_enter_concern_for": lambda user, council: concern_policies.can_enter_concern_for(
        user, council.pk
    ),
    "councils_visible_to": _in(council_policies.councils_visible_to),
    "meetings_visible_to": _in(council_policies.meetings_visible_to),
    "can_manage_meetings": council_policies.can_manage_meetings,
    "can_read_draft_minutes": council_policies.can_read_draft_minutes,
    "can_approve_minutes": council_policies.can_approve_minutes,
    "can_publish_minutes": council_policies.can_publish_minutes,
    "actions_visible_to": _in(policing_policies.actions_visible_to),
    "can_view_action": policing_policies.can_view_action,
    "can_command": policing_policies.can_command,
    "can_record_progress": policing_policies.can_record_progress,
    "units_visible_to": _in(policing_policies.units_visible_to),
}


@dataclass(frozen=True)
class Case:
    check: str
    verb: str  # for the test id: "<role>-can-<verb>-<object>"
    obj: str
    allowed: frozenset[str]


def case(check, verb, obj, allowed):
    return Case(check, verb, obj, frozenset(allowed))


# Commanders read concerns referred to police (an action for their unit); officers read
# actions, not the council's concerns (DOMAIN.md).
CASES = [
    # Concerns
    case(
        "concerns_visible_to",
        "list",
        "ist_concern",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok"},
    ),
    case(
        "concerns_visible_to",
        "list",
        "pej_concern",
        {"secretary_peja", "commander_peja"} | READ_ALL,
    ),
    case("concerns_visible_to", "list", "local_concern", {"secretary_local"} | READ_ALL),
    case(
        "can_view_concern",
        "view",
        "ist_concern",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok"},
    ),
    case(
        "can_view_concern", "view", "pej_concern", {"secretary_peja", "commander_peja"} | READ_ALL
    ),
    case("can_view_concern", "view", "local_concern", {"secretary_local"} | READ_ALL),
    # Sensitive categories: the council's secretary and safeguarding officer, nobody else.
    case("concerns_visible_to", "list", "ist_sensitive_concern", ISTOK_SENSITIVE),
    case("concerns_visible_to", "list", "pej_sensitive_concern", PEJA_SENSITIVE),
    case("concerns_visible_to", "list", "local_sensitive_concern", {"secretary_local"}),
    case("can_view_concern", "view", "ist_sensitive_concern", ISTOK_SENSITIVE),
    case("can_view_concern", "view", "pej_sensitive_concern", PEJA_SENSITIVE),
    case("can_view_concern", "view", "local_sensitive_concern", {"secretary_local"}),
    case("can_read_internal_notes", "read-notes-of", "ist_sensitive_concern", ISTOK_SENSITIVE),
    case("can_read_internal_notes", "read-notes-of", "pej_sensitive_concern", PEJA_SENSITIVE),
    case("can_read_sensitive", "read-sensitive-of", "ist_sensitive_concern", ISTOK_SENSITIVE),
    case("can_read_sensitive", "read-sensitive-of", "pej_sensitive_concern", PEJA_SENSITIVE),
    case("can_comment", "comment-on", "ist_sensitive_concern", ISTOK_SENSITIVE),
    case("can_comment", "comment-on", "pej_sensitive_concern", PEJA_SENSITIVE),
    case("can_manage_concern", "triage", "ist_sensitive_concern", {"secretary_istok"}),
    case(
        "can_see_reporter_identity", "see-reporter-of", "ist_sensitive_concern", {"secretary_istok"}
    ),
    case("can_manage_concern", "triage", "ist_concern", {"secretary_istok"}),
    case("can_manage_concern", "triage", "pej_concern", {"secretary_peja"}),
    case("can_manage_concern", "triage", "local_concern", {"secretary_local"}),
    case("can_see_reporter_identity", "see-reporter-of", "ist_concern", {"secretary_istok"}),
    case("can_see_reporter_identity", "see-reporter-of", "pej_concern", {"secretary_peja"}),
    case("can_see_reporter_identity", "see-reporter-of", "anonymous_concern", set()),
    case("can_comment", "comment-on", "ist_concern", ISTOK_MEMBERS),
    case("can_comment", "comment-on", "pej_concern", {"secretary_peja"}),
    case("can_comment", "comment-on", "local_concern", {"secretary_local"}),
    case("can_enter_concern_for", "enter-concern-for", "ist_council", {"secretary_istok"}),
    case("can_enter_concern_for", "enter-concern-for", "pej_council", {"secretary_peja"}),
    case("can_enter_concern_for", "enter-concern-for", "ist_local", {"secretary_local"}),
    # Councils and meetings
    case("councils_visible_to", "list", "ist_council", ISTOK_MEMBERS | READ_ALL),
    case("councils_visible_to", "list", "pej_council", {"secretary_peja"} | READ_ALL),
    case("councils_visible_to", "list", "ist_local", {"secretary_local"} | READ_ALL),
    case("meetings_visible_to", "list", "ist_draft_meeting", ISTOK_MEMBERS | READ_ALL),
    case("meetings_visible_to", "list", "pej_draft_meeting", {"secretary_peja"} | READ_ALL),
    # Published minutes are public: everyone, signed in or not, active or not.
    case("meetings_visible_to", "list", "ist_published_meeting", set(ROLES)),
    case("can_manage_meetings", "manage-meetings-of", "ist_council", {"secretary_istok"}),
    case("can_manage_meetings", "manage-meetings-of", "pej_council", {"secretary_peja"}),
    case("can_manage_meetings", "manage-meetings-of", "ist_local", {"secretary_local"}),
    case(
        "can_read_draft_minutes",
        "read-draft-minutes-of",
        "ist_draft_meeting",
        ISTOK_MEMBERS | READ_ALL,
    ),
    case(
        "can_read_draft_minutes",
        "read-draft-minutes-of",
        "pej_draft_meeting",
        {"secretary_peja"} | READ_ALL,
    ),
    case(
        "can_approve_minutes",
        "approve-minutes-of",
        "ist_draft_meeting",
        {"secretary_istok", "co_chair_istok"},
    ),
    case("can_approve_minutes", "approve-minutes-of", "pej_draft_meeting", {"secretary_peja"}),
    case("can_publish_minutes", "publish-minutes-of", "ist_draft_meeting", {"secretary_istok"}),
    case("can_publish_minutes", "publish-minutes-of", "pej_draft_meeting", {"secretary_peja"}),
    # Follow-up actions and units
    case(
        "actions_visible_to",
        "list",
        "ist_action_assigned",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok", "officer_istok"},
    ),
    case(
        "actions_visible_to",
        "list",
        "ist_action_unassigned",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok", "officer_istok"},
    ),
    case(
        "actions_visible_to",
        "list",
        "ist_action_other_body",
        ISTOK_MEMBERS | READ_ALL | {"focal_istok"},
    ),
    case(
        "actions_visible_to", "list", "pej_action", {"secretary_peja", "commander_peja"} | READ_ALL
    ),
    case(
        "can_view_action",
        "view",
        "ist_action_assigned",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok", "officer_istok"},
    ),
    case(
        "can_view_action",
        "view",
        "ist_action_unassigned",
        ISTOK_MEMBERS | READ_ALL | {"commander_istok", "officer_istok"},
    ),
    case(
        "can_view_action",
        "view",
        "ist_action_other_body",
        ISTOK_MEMBERS | READ_ALL | {"focal_istok"},
    ),
    case("can_view_action", "view", "pej_action", {"secretary_peja", "commander_peja"} | READ_ALL),
    case("can_command", "command", "ist_action_assigned", {"commander_istok"}),
    case("can_command", "command", "ist_action_unassigned", {"commander_istok"}),
    # A partner body's action answers to the council's co-chairs (the deputy mayor).
    case("can_command", "command", "ist_action_other_body", {"co_chair_istok"}),
    case("can_command", "command", "pej_action", {"commander_peja"}),
    case(
        "can_record_progress",
        "record-progress-on",
        "ist_action_assigned",
        {"commander_istok", "officer_istok"},
    ),
    # Officers act on their own actions; the unit's others they only read.
    case("can_record_progress", "record-progress-on", "ist_action_unassigned", {"commander_istok"}),
    case(
        "can_record_progress",
        "record-progress-on",
        "ist_action_other_body",
        {"co_chair_istok", "focal_istok"},
    ),
    case("can_record_progress", "record-progress-on", "pej_action", {"commander_peja"}),
    case("units_visible_to", "list", "ist_unit", {"commander_istok", "officer_istok"} | READ_ALL),
    case("units_visible_to", "list", "pej_unit", {"commander_peja"} | READ_ALL),
]


def _matrix():
    for c in CASES:
        for role in ROLES:
            expected = role in c.allowed
            yield pytest.param(
                c.check,
                role,
                c.obj,
                expected,
                id=f"{role}-{'can' if expected else 'cannot'}-{c.verb}-{c.obj}-{c.check}",
            )


@pytest.mark.parametrize(("check", "role", "obj", "expected"), list(_matrix()))
def test_permission_matrix(world, check, role, obj, expected):
    user = world.users[role]
    assert CHECKS[check](user, world.objects[obj]) is expected


# --- can_create_action takes a council and a unit, not one object

CREATE_ACTION_CASES = [
    # (council, unit or body, for a decision or concern of the council, allowed)
    ("ist_council", "ist_unit", False, {"commander_istok"}),
    ("ist_council", "ist_unit", True, {"secretary_istok", "commander_istok"}),
    ("pej_council", "pej_unit", False, {"commander_peja"}),
    # For a partner body: the co-chair, or the secretary recording a decision or referral.
    ("ist_council", "ist_body", False, {"co_chair_istok"}),
    ("ist_council", "ist_body", True, {"secretary_istok", "co_chair_istok"}),
    ("ist_council", "pej_body", True, set()),
    ("ist_local", "ist_unit", True, {"secretary_local", "commander_istok"}),
]


def _create_action_matrix():
    for council, responsible, for_item, allowed in CREATE_ACTION_CASES:
        for role in ROLES:
            expected = role in allowed
            verb = "can" if expected else "cannot"
            source = "for-a-council-item" if for_item else "on-own-initiative"
            yield pytest.param(
                role,
                council,
                responsible,
                for_item,
                expected,
                id=f"{role}-{verb}-create-action-{source}-for-{council}-with-{responsible}",
            )


@pytest.mark.parametrize(
    ("role", "council", "responsible", "for_item", "expected"),
    list(_create_action_matrix()),
)
def test_can_create_action(world, role, council, responsible, for_item, expected):
    user = world.users[role]
    kind = "unit" if responsible.endswith("_unit") else "body"
    allowed = policing_policies.can_create_action(
        user,
        council=world.objects[council],
        for_council_item=for_item,
        **{kind: world.objects[responsible]},
    )
    assert allowed is expected


def test_istok_secretary_cannot_create_action_for_peja_unit(world):
    user = world.users["secretary_istok"]
    assert not policing_policies.can_create_action(
        user,
        council=world.objects["ist_council"],
        unit=world.objects["pej_unit"],
        for_council_item=True,
    )


def test_istok_commander_cannot_create_action_for_peja_council(world):
    user = world.users["commander_istok"]
    assert not policing_policies.can_create_action(
        user, council=world.objects["pej_council"], unit=world.objects["ist_unit"]
    )


def test_focal_point_of_another_body_is_refused_everything_on_the_action(world):
    focal = world.users["focal_peja"]
    action = world.objects["ist_action_other_body"]
    assert not policing_policies.can_view_action(focal, action)
    assert not policing_policies.can_record_progress(focal, action)
    assert not policing_policies.can_command(focal, action)


def test_focal_point_whose_term_ended_is_refused(world):
    from policing.models import FocalPoint

    focal = world.users["focal_istok"]
    FocalPoint.objects.filter(user=focal).update(
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() - timedelta(days=1),
    )
    forget_scope(focal)
    assert not policing_policies.can_view_action(focal, world.objects["ist_action_other_body"])


# --- Categories are global


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param(
            role,
            role in READ_ALL,
            id=f"{role}-{'can' if role in READ_ALL else 'cannot'}-manage-categories",
        )
        for role in ROLES
    ],
)
def test_can_manage_categories(world, role, expected):
    assert concern_policies.can_manage_categories(world.users[role]) is expected


# --- Whole querysets: nothing of the other scope leaks in


def test_secretary_of_istok_sees_exactly_istok_concerns(world):
    visible = set(concern_policies.concerns_visible_to(world.users["secretary_istok"]))
    assert visible == {
        world.objects["ist_concern"],
        world.objects["anonymous_concern"],
        world.objects["ist_sensitive_concern"],
    }


def test_member_of_istok_sees_istok_concerns_but_not_the_sensitive_one(world):
    visible = set(concern_policies.concerns_visible_to(world.users["member_istok"]))
    assert visible == {world.objects["ist_concern"], world.objects["anonymous_concern"]}


def test_safeguarding_officer_sees_exactly_the_sensitive_concerns_of_their_council(world):
    user = world.users["safeguarding_istok"]
    assert list(concern_policies.concerns_visible_to(user)) == [
        world.objects["ist_sensitive_concern"]
    ]
    assert scope_of(user).roles == ["safeguarding_officer"]


def test_safeguarding_officer_is_not_a_member_of_the_council(world):
    user = world.users["safeguarding_istok"]
    assert not council_policies.councils_visible_to(user).exists()
    assert not council_policies.can_read_draft_minutes(user, world.objects["ist_draft_meeting"])
    # Of the actions, only those of sensitive concerns (issue 15: the assigned people, the
    # commander and the safeguarding officer see them).
    visible = policing_policies.actions_visible_to(user)
    assert {a.concern for a in visible} == {world.objects["ist_sensitive_concern"]}


def test_national_and_admin_read_everything_except_sensitive_concerns(world):
    for role in ("national", "superuser"):
        visible = set(concern_policies.concerns_visible_to(world.users[role]))
        assert not {c for c in visible if c.category.is_sensitive}
        assert world.objects["pej_concern"] in visible


def test_exclude_sensitive_through_a_foreign_key_keeps_rows_without_a_concern(world):
    actions = FollowUpAction.objects.all()
    sensitive = world.objects["ist_sensitive_concern"]
    for role in ("member_istok", "commander_istok", "national"):
        kept = concern_policies.exclude_sensitive(actions, world.users[role], through="concern")
        assert not kept.filter(concern=sensitive).exists()
        assert kept.count() == actions.count() - 1
    for role in ("secretary_istok", "safeguarding_istok"):
        kept = concern_policies.exclude_sensitive(actions, world.users[role], through="concern")
        assert kept.filter(concern=sensitive).exists()
    FollowUpActionFactory(council=world.objects["ist_council"], concern=None)
    public = concern_policies.exclude_sensitive(actions, None, through="concern")
    assert public.filter(concern__isnull=True).exists()
    assert not public.filter(concern=sensitive).exists()


def test_public_output_excludes_every_sensitive_concern(world):
    from concerns.models import Concern

    public = concern_policies.exclude_sensitive(Concern.objects.all(), None)
    assert not public.filter(category__is_sensitive=True).exists()
    assert public.filter(pk=world.objects["ist_concern"].pk).exists()


def test_sensitive_scope_costs_no_query_per_row(world, django_assert_num_queries):
    user = world.users["safeguarding_istok"]
    scope_of(user)
    with django_assert_num_queries(1):
        list(concern_policies.concerns_visible_to(user).select_related("category"))


def test_commander_sees_each_concern_once_though_it_has_several_actions(world):
    visible = list(concern_policies.concerns_visible_to(world.users["commander_istok"]))
    assert visible == [world.objects["ist_concern"]]


def test_officer_sees_no_concern_even_behind_the_actions_assigned_to_them(world):
    officer = world.users["officer_istok"]
    assert not concern_policies.concerns_visible_to(officer).exists()
    assert not concern_policies.can_view_concern(officer, world.objects["ist_concern"])


def test_only_the_council_and_national_level_read_internal_notes(world):
    concern = world.objects["ist_concern"]
    allowed = {
        role
        for role, user in world.users.items()
        if concern_policies.can_read_internal_notes(user, concern)
    }
    assert "commander_istok" not in allowed
    assert "officer_istok" not in allowed
    assert {"secretary_istok", "member_istok", "national"} <= allowed


@pytest.mark.parametrize("role", ["anonymous", "no_role", "inactive_secretary_istok"])
def test_users_without_a_role_see_no_staff_data(world, role):
    user = world.users[role]
    assert not concern_policies.concerns_visible_to(user).exists()
    assert not council_policies.councils_visible_to(user).exists()
    assert not policing_policies.actions_visible_to(user).exists()
    assert not policing_policies.units_visible_to(user).exists()
    assert list(council_policies.meetings_visible_to(user)) == [
        world.objects["ist_published_meeting"]
    ]


def test_inactive_user_has_no_roles(world):
    assert scope_of(world.users["inactive_secretary_istok"]).roles == []
    assert not scope_of(world.users["inactive_secretary_istok"]).is_authenticated


def test_officer_of_istok_is_refused_everything_on_the_peja_action(world):
    officer = world.users["officer_istok"]
    action = world.objects["pej_action"]
    assert not policing_policies.can_view_action(officer, action)
    assert not policing_policies.can_record_progress(officer, action)
    assert not policing_policies.can_command(officer, action)


# --- Membership dates, inactive councils, units and officers


def test_membership_ending_today_still_counts(world):
    user = UserFactory()
    MembershipFactory(
        person=PersonFactory(user=user),
        council=world.objects["ist_council"],
        end_date=timezone.localdate(),
    )
    assert concern_policies.can_view_concern(user, world.objects["ist_concern"])


def test_membership_starting_tomorrow_does_not_count_yet(world):
    user = UserFactory()
    MembershipFactory(
        person=PersonFactory(user=user),
        council=world.objects["ist_council"],
        start_date=timezone.localdate() + timedelta(days=1),
    )
    assert not concern_policies.can_view_concern(user, world.objects["ist_concern"])
    assert not council_policies.can_read_draft_minutes(user, world.objects["ist_draft_meeting"])


def test_former_secretary_is_refused_management(world):
    user = UserFactory()
    MembershipFactory(
        person=PersonFactory(user=user),
        council=world.objects["ist_council"],
        role=Membership.Role.SECRETARY,
        start_date=timezone.localdate() - timedelta(days=400),
        end_date=timezone.localdate() - timedelta(days=1),
    )
    assert not concern_policies.can_manage_concern(user, world.objects["ist_concern"])
    assert not concern_policies.can_see_reporter_identity(user, world.objects["ist_concern"])
    assert not council_policies.can_publish_minutes(user, world.objects["ist_draft_meeting"])


def test_secretary_of_an_inactive_council_is_refused(world):
    council = CouncilFactory(
        municipality=world.objects["ist_council"].municipality, is_active=False
    )
    user = secretary_of(council)
    concern = ConcernFactory(council=council)
    assert not concern_policies.can_manage_concern(user, concern)
    assert not council_policies.councils_visible_to(user).exists()


def test_commander_of_an_inactive_unit_is_refused(world):
    unit = world.objects["ist_unit"]
    commander = world.users["commander_istok"]
    unit.is_active = False
    unit.save(update_fields=["is_active"])
    forget_scope(commander)
    assert not policing_policies.can_command(commander, world.objects["ist_action_unassigned"])
    assert not concern_policies.can_view_concern(commander, world.objects["ist_concern"])


def test_inactive_officer_is_refused(world):
    officer_user = world.users["officer_istok"]
    officer_user.officer.is_active = False
    officer_user.officer.save(update_fields=["is_active"])
    forget_scope(officer_user)
    assert not policing_policies.can_view_action(officer_user, world.objects["ist_action_assigned"])
    assert not policing_policies.can_record_progress(
        officer_user, world.objects["ist_action_assigned"]
    )


def test_officer_assigned_to_another_units_action_may_work_on_it(world):
    """Assignment reaches across units: the assignee reads and updates the action."""
    officer = world.users["officer_istok"].officer
    action = FollowUpActionFactory(
        council=world.objects["pej_council"],
        responsible_unit=world.objects["pej_unit"],
        assignee=officer,
        status=FollowUpAction.Status.ASSIGNED,
    )
    assert policing_policies.can_view_action(officer.user, action)
    assert policing_policies.can_record_progress(officer.user, action)
    assert not policing_policies.can_command(officer.user, action)


def test_station_commander_commands_the_units_under_the_station(db):
    from policing.policies import can_command
    from tests.factories import FollowUpActionFactory, PoliceUnitFactory, commander_of

    station = PoliceUnitFactory()
    unit = PoliceUnitFactory(municipality=station.municipality, parent=station)
    elsewhere = PoliceUnitFactory(municipality=station.municipality)
    commander = commander_of(station)
    assert can_command(
        commander,
        FollowUpActionFactory(responsible_unit=unit, council__municipality=station.municipality),
    )
    assert not can_command(
        commander,
        FollowUpActionFactory(
            responsible_unit=elsewhere, council__municipality=station.municipality
        ),
    )
