"""The home page per role: the user's councils and units with their open-item counts, and
nothing of another municipality."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern
from councils.models import Membership
from policing.models import FollowUpAction
from tests.factories import (
    PASSWORD,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MembershipFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    UserFactory,
    commander_of,
    member_of,
    national_coordinator,
    officer_in,
    secretary_of,
)

pytestmark = pytest.mark.django_db

HOME = reverse("workspace:home")
Status = FollowUpAction.Status


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    return {
        "istok": istok,
        "peja": peja,
        "ist_council": CouncilFactory(municipality=istok, name="MCSC Istog"),
        "pej_council": CouncilFactory(municipality=peja, name="MCSC Peja"),
        "ist_unit": PoliceUnitFactory(municipality=istok, name="Istog police station"),
        "pej_unit": PoliceUnitFactory(municipality=peja, name="Peja police station"),
    }


def row_counts(html: str, name: str) -> dict[str, int]:
    """The data-count cells of the one table row that names ``name``."""
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if name in row]
    assert len(rows) == 1, f"expected one row for {name!r}, found {len(rows)}"
    return {
        key: int(value) for key, value in re.findall(r'data-count="([\w-]+)">\s*(\d+)\s*<', rows[0])
    }


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def council_items(council, unit):
    """3 open concerns (2 waiting for triage), 1 overdue action among others."""
    for status in ("new", "new", "triaged", "closed"):
        ConcernFactory(council=council, status=status)
    ConcernFactory(council=council, status="rejected", rejection_reason={"sq": "Out of scope."})
    FollowUpActionFactory(council=council, responsible_unit=unit, due_date=days(-2))
    FollowUpActionFactory(council=council, responsible_unit=unit, due_date=days(5))
    FollowUpActionFactory(
        council=council, responsible_unit=unit, due_date=days(-5), status=Status.COMPLETED
    )
    FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        due_date=days(-5),
        status=Status.CANCELLED,
        cancel_reason="Not needed",
    )


def unit_items(council, unit, officer):
    """5 active actions: 2 overdue, 3 not assigned; 2 of them the officer's, 1 overdue."""
    for due in (days(10), days(10), days(-3)):
        FollowUpActionFactory(council=council, responsible_unit=unit, due_date=due)
    FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        assignee=officer,
        status=Status.ASSIGNED,
        due_date=days(-1),
    )
    FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        assignee=officer,
        status=Status.IN_PROGRESS,
        due_date=days(5),
    )
    FollowUpActionFactory(
        council=council,
        responsible_unit=unit,
        assignee=officer,
        status=Status.COMPLETED,
        due_date=days(-5),
    )


def test_secretary_sees_their_council_with_its_counts(client, world):
    council_items(world["ist_council"], world["ist_unit"])
    council_items(world["pej_council"], world["pej_unit"])
    ConcernFactory(council=world["pej_council"], status="new")

    html = page(client, secretary_of(world["ist_council"]))

    assert row_counts(html, "MCSC Istog") == {
        "open-concerns": 3,
        "awaiting-triage": 2,
        "overdue-actions": 1,
    }
    assert "MCSC Peja" not in html
    # The secretary is not a commander: no unit table.
    assert "Istog police station" not in html


def test_member_sees_the_same_council_counts(client, world):
    council_items(world["ist_council"], world["ist_unit"])
    html = page(client, member_of(world["ist_council"]))
    assert row_counts(html, "MCSC Istog") == {
        "open-concerns": 3,
        "awaiting-triage": 2,
        "overdue-actions": 1,
    }
    assert "MCSC Peja" not in html


def test_commander_sees_their_unit_with_its_counts(client, world):
    officer = officer_in(world["ist_unit"])
    unit_items(world["ist_council"], world["ist_unit"], officer)
    unit_items(world["pej_council"], world["pej_unit"], officer_in(world["pej_unit"]))

    html = page(client, commander_of(world["ist_unit"]))

    assert row_counts(html, "Istog police station") == {
        "open-actions": 5,
        "overdue-actions": 2,
        "unassigned-actions": 3,
    }
    assert "Peja police station" not in html
    assert "MCSC Istog" not in html


def test_officer_sees_the_actions_assigned_to_them(client, world):
    officer = officer_in(world["ist_unit"])
    unit_items(world["ist_council"], world["ist_unit"], officer)
    # Another officer's work does not count as theirs.
    unit_items(world["ist_council"], world["ist_unit"], officer_in(world["ist_unit"]))

    html = page(client, officer.user)

    mine = re.search(r'data-count="my-open-actions">(\d+)<', html)
    overdue = re.search(r'data-count="my-overdue-actions">(\d+)<', html)
    assert (int(mine.group(1)), int(overdue.group(1))) == (2, 1)
    assert row_counts(html, "Istog police station")["open-actions"] == 10
    assert "Peja police station" not in html


def test_user_without_a_role_is_told_to_ask_for_one(client, world):
    html = page(client, UserFactory())
    assert "has no council or police role yet" in html
    assert "MCSC Istog" not in html
    assert "Istog police station" not in html


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={HOME}"


# --- Signing in and out


def test_login_page_renders(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_login_with_username_and_password_lands_on_home(client, world):
    user = secretary_of(world["ist_council"], "secretary.istok")

    response = client.post(
        reverse("accounts:login"), {"username": "secretary.istok", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_with_a_wrong_password_is_refused(client, world):
    secretary_of(world["ist_council"], "secretary.istok")
    response = client.post(
        reverse("accounts:login"), {"username": "secretary.istok", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_sign_in(client, world):
    user = secretary_of(world["ist_council"], "secretary.istok")
    user.is_active = False
    user.save(update_fields=["is_active"])
    client.post(reverse("accounts:login"), {"username": "secretary.istok", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, world):
    client.force_login(secretary_of(world["ist_council"]))

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME).status_code == 200  # still signed in

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:home")
    assert client.get(HOME).status_code == 302


def test_home_page_offers_a_sign_out_form(client, world):
    html = page(client, secretary_of(world["ist_council"]))
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html


# --- Query count does not grow with rows


def _add_municipality(code: str, name: str):
    municipality = MunicipalityFactory(code=code, name=name)
    council = CouncilFactory(municipality=municipality, name=f"MCSC {name}")
    unit = PoliceUnitFactory(municipality=municipality, name=f"{name} police station")
    council_items(council, unit)
    unit_items(council, unit, officer_in(unit))
    return council, unit


def _home_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["national", "secretary", "commander", "officer"])
def test_home_page_query_count_does_not_grow_with_rows(
    client, world, role, django_assert_max_num_queries
):
    """The national coordinator sees every council and unit: the most rows of any role."""
    council, unit = world["ist_council"], world["ist_unit"]
    officer = officer_in(unit)
    council_items(council, unit)
    unit_items(council, unit, officer)
    user = {
        "national": national_coordinator(),
        "secretary": secretary_of(council),
        "commander": commander_of(unit),
        "officer": officer.user,
    }[role]
    few = _home_queries(client, user)

    for code, name in [("PRI", "Prishtina"), ("GJA", "Gjakova"), ("MIT", "Mitrovica")]:
        other_council, other_unit = _add_municipality(code, name)
        if role == "secretary":
            MembershipFactory(
                person=user.person, council=other_council, role=Membership.Role.SECRETARY
            )
        if role == "commander":
            other_unit.commander = user
            other_unit.save(update_fields=["commander"])
    council_items(council, unit)
    unit_items(council, unit, officer)
    assert Concern.objects.count() > 20

    with django_assert_max_num_queries(few):
        html = client.get(HOME).content.decode()
    assert few <= 12
    if role in ("national", "secretary"):
        assert row_counts(html, "MCSC Mitrovica")["open-concerns"] == 3
        assert row_counts(html, "MCSC Istog")["open-concerns"] == 6
    if role in ("national", "commander"):
        assert row_counts(html, "Mitrovica police station")["open-actions"] == 7
