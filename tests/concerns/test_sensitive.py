"""Sensitive-category concerns on staff pages: only the secretary and the safeguarding officer
of the concern's council see them; everyone else gets 404 and counts without them."""

import re

import pytest
from django.urls import reverse

from concerns.models import ConcernEvent
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    UserFactory,
    co_chair_of,
    commander_of,
    member_of,
    national_coordinator,
    officer_in,
    safeguarding_officer_of,
    secretary_of,
)

pytestmark = pytest.mark.django_db

SECRET = "Husband threatens me at home"
ORDINARY = "Street light broken by the school"


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    ist_council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    sensitive = ConcernFactory(
        council=ist_council,
        status="new",
        description=SECRET,
        category=CategoryFactory(code="domestic-violence", is_sensitive=True),
    )
    FollowUpActionFactory(council=ist_council, concern=sensitive, responsible_unit=unit)
    ordinary = ConcernFactory(council=ist_council, status="new", description=ORDINARY)
    return {
        "ist_council": ist_council,
        "sensitive": sensitive,
        "ordinary": ordinary,
        "users": {
            "secretary": secretary_of(ist_council, "secretary.istok"),
            "safeguarding": safeguarding_officer_of(ist_council, "safeguarding.istok"),
            "member": member_of(ist_council, "member.istok"),
            "co_chair": co_chair_of(ist_council, "cochair.istok"),
            "commander": commander_of(unit, "commander.istok"),
            "officer": officer_in(unit, "officer.istok").user,
            "national": national_coordinator("national"),
            "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
            "other_secretary": secretary_of(pej_council, "secretary.peja"),
            "other_safeguarding": safeguarding_officer_of(pej_council, "safeguarding.peja"),
        },
    }


def step(pk: int, name: str) -> str:
    return reverse("concerns:transition", kwargs={"pk": pk, "name": name})


READERS = ["secretary", "safeguarding"]
REFUSED = [
    "member",
    "co_chair",
    "commander",
    "officer",
    "national",
    "admin",
    "other_secretary",
    "other_safeguarding",
]


@pytest.mark.parametrize("role", REFUSED)
def test_who_is_not_a_sensitive_reader_gets_404_on_the_concern_page(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("concerns:detail", args=[world["sensitive"].pk]))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("role", REFUSED)
def test_who_is_not_a_sensitive_reader_does_not_find_it_in_the_inbox(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("concerns:inbox"))
    if response.status_code == 200:
        assert SECRET not in response.content.decode()
        assert world["sensitive"].reference not in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", REFUSED)
def test_who_is_not_a_sensitive_reader_cannot_add_a_note(client, world, role):
    client.force_login(world["users"][role])
    response = client.post(step(world["sensitive"].pk, "note"), {"text": "Seen it"})
    assert response.status_code == 404
    assert not ConcernEvent.objects.filter(note="Seen it").exists()


@pytest.mark.parametrize("role", READERS)
def test_secretary_and_safeguarding_officer_read_the_sensitive_concern(client, world, role):
    client.force_login(world["users"][role])
    response = client.get(reverse("concerns:detail", args=[world["sensitive"].pk]))
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert SECRET in client.get(reverse("concerns:inbox")).content.decode()


def test_safeguarding_officer_comments_on_the_sensitive_concern(client, world):
    client.force_login(world["users"]["safeguarding"])
    response = client.post(step(world["sensitive"].pk, "note"), {"text": "Called her back"})
    assert response.status_code == 302
    assert ConcernEvent.objects.filter(concern=world["sensitive"], note="Called her back").exists()


def test_safeguarding_officer_sees_nothing_else_of_the_council(client, world):
    client.force_login(world["users"]["safeguarding"])
    assert client.get(reverse("concerns:detail", args=[world["ordinary"].pk])).status_code == 404
    inbox = client.get(reverse("concerns:inbox")).content.decode()
    assert ORDINARY not in inbox


def test_safeguarding_officer_cannot_triage(client, world):
    client.force_login(world["users"]["safeguarding"])
    response = client.post(step(world["sensitive"].pk, "triage"), {})
    assert response.status_code == 403
    world["sensitive"].refresh_from_db()
    assert world["sensitive"].status == "new"


def test_member_still_sees_the_ordinary_concern(client, world):
    client.force_login(world["users"]["member"])
    inbox = client.get(reverse("concerns:inbox")).content.decode()
    assert ORDINARY in inbox


def home_counts(client, user, council_name: str) -> dict[str, str]:
    client.force_login(user)
    html = client.get(reverse("workspace:home")).content.decode()
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if council_name in row]
    assert len(rows) == 1, html
    return dict(re.findall(r'data-count="([\w-]+)">\s*([^<\s]+)\s*<', rows[0]))


def test_home_counts_of_a_member_leave_the_sensitive_concern_out(client, world):
    counts = home_counts(client, world["users"]["member"], "MCSC Istog")
    assert counts["open-concerns"] == "1" and counts["awaiting-triage"] == "1"


def test_home_counts_of_the_secretary_include_the_sensitive_concern(client, world):
    counts = home_counts(client, world["users"]["secretary"], "MCSC Istog")
    assert counts["open-concerns"] == "2" and counts["awaiting-triage"] == "2"


def test_home_of_the_safeguarding_officer_counts_only_sensitive_concerns(client, world):
    counts = home_counts(client, world["users"]["safeguarding"], "MCSC Istog")
    assert counts == {"open-concerns": "1", "awaiting-triage": "1", "overdue-actions": "—"}


def test_home_counts_of_the_national_coordinator_leave_the_sensitive_concern_out(client, world):
    counts = home_counts(client, world["users"]["national"], "MCSC Istog")
    assert counts["open-concerns"] == "1"


def test_safeguarding_officer_has_the_concerns_link(client, world):
    client.force_login(world["users"]["safeguarding"])
    html = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{reverse("concerns:inbox")}"' in html


def test_administrator_does_not_see_sensitive_concerns_in_the_django_admin(
    client, world, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    client.force_login(world["users"]["admin"])
    listing = client.get(reverse("admin:concerns_concern_changelist")).content.decode()
    assert world["ordinary"].reference in listing
    assert world["sensitive"].reference not in listing
    change = reverse("admin:concerns_concern_change", args=[world["sensitive"].pk])
    assert client.get(change).status_code in {302, 404}


def test_administrator_does_not_see_events_of_sensitive_concerns_in_the_django_admin(
    client, world, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    ConcernEvent.objects.filter(concern=world["sensitive"]).update(note=SECRET)
    client.force_login(world["users"]["admin"])
    listing = client.get(reverse("admin:concerns_concernevent_changelist"))
    assert listing.status_code == 200
    assert world["sensitive"].reference not in listing.content.decode()
    assert world["ordinary"].reference in listing.content.decode()
