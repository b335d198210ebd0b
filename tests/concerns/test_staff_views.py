"""The secretary's inbox and concern page, and who is refused what."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern, ConcernEvent, IdentityDisclosure
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    LocalCouncilFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    SettlementFactory,
    commander_of,
    member_of,
    officer_in,
    secretary_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    ist_council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    return {
        "istok": istok,
        "ist_council": ist_council,
        "pej_council": pej_council,
        "secretary": secretary_of(ist_council, "secretary.istok"),
        "member": member_of(ist_council, "member.istok"),
        "peja_secretary": secretary_of(pej_council, "secretary.peja"),
        "concern": ConcernFactory(
            council=ist_council, description="Dealing near the park bench at night"
        ),
        "peja_concern": ConcernFactory(council=pej_council, description="Peja only matter"),
    }


def login(client, user):
    client.force_login(user)
    return client


def step(name, pk):
    """The URL of one of a concern's transitions (concerns/transitions.py)."""
    return reverse("concerns:transition", kwargs={"pk": pk, "name": name})


# --- Inbox


def test_secretary_inbox_lists_own_council_concerns_only(client, world):
    body = login(client, world["secretary"]).get(reverse("concerns:inbox")).content.decode()
    assert world["concern"].reference in body
    assert world["peja_concern"].reference not in body


def test_inbox_filters_by_status_category_channel_and_date(client, world):
    council = world["ist_council"]
    drugs = CategoryFactory(code="drugs", name="Drugs")
    phone = ConcernFactory(council=council, category=drugs, channel="phone", status="triaged")
    old = ConcernFactory(council=council)
    Concern.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    client = login(client, world["secretary"])

    def refs(**params):
        response = client.get(reverse("concerns:inbox"), params)
        assert response.status_code == 200
        return {c.reference for c in response.context["concerns"]}

    assert refs(status="triaged") == {phone.reference}
    assert refs(category=drugs.pk) == {phone.reference}
    assert refs(channel="phone") == {phone.reference}
    assert old.reference not in refs(
        received_from=(timezone.localdate() - timedelta(days=7)).isoformat()
    )
    assert refs(received_to=(timezone.localdate() - timedelta(days=30)).isoformat()) == {
        old.reference
    }
    # Waiting for triage more than N days: only the old new one.
    assert refs(waiting="on") == {old.reference}


def test_inbox_filters_by_settlement(client, world):
    banje = SettlementFactory(municipality=world["istok"], name="Banjë")
    there = ConcernFactory(council=world["ist_council"], settlement=banje)
    response = login(client, world["secretary"]).get(
        reverse("concerns:inbox"), {"settlement": banje.pk}
    )
    assert {c.reference for c in response.context["concerns"]} == {there.reference}


def test_inbox_searches_reference_and_description(client, world):
    client = login(client, world["secretary"])
    by_word = client.get(reverse("concerns:inbox"), {"q": "park bench"})
    assert [c.pk for c in by_word.context["concerns"]] == [world["concern"].pk]
    by_reference = client.get(reverse("concerns:inbox"), {"q": world["concern"].reference})
    assert [c.pk for c in by_reference.context["concerns"]] == [world["concern"].pk]
    # Another council's text is not found.
    assert not list(client.get(reverse("concerns:inbox"), {"q": "Peja only"}).context["concerns"])


def test_inbox_sorts_by_priority(client, world):
    urgent = ConcernFactory(council=world["ist_council"], priority="urgent")
    response = login(client, world["secretary"]).get(
        reverse("concerns:inbox"), {"sort": "priority"}
    )
    assert list(response.context["concerns"])[0] == urgent


def test_inbox_paginates(client, world):
    for _ in range(30):
        ConcernFactory(council=world["ist_council"])
    client = login(client, world["secretary"])
    first = client.get(reverse("concerns:inbox"))
    assert len(first.context["concerns"]) == 25
    second = client.get(reverse("concerns:inbox"), {"page": 2})
    assert len(second.context["concerns"]) == 6


def test_inbox_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client = login(client, world["secretary"])
    settlement = SettlementFactory(municipality=world["istok"])
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("concerns:inbox"))
    for _ in range(40):
        ConcernFactory(council=world["ist_council"], settlement=settlement)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("concerns:inbox"), {"status": "open", "q": "a"})


def test_inbox_needs_sign_in(client, world):
    response = client.get(reverse("concerns:inbox"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_user_without_role_is_refused_the_inbox(client, world):
    from tests.factories import UserFactory

    assert login(client, UserFactory()).get(reverse("concerns:inbox")).status_code == 403


# --- Concern page


def test_secretary_sees_internal_notes_marked_internal(client, world):
    concern = world["concern"]
    ConcernEvent.objects.create(
        concern=concern, kind="note", note="Checked with the school", is_public=False
    )
    body = (
        login(client, world["secretary"])
        .get(reverse("concerns:detail", args=[concern.pk]))
        .content.decode()
    )
    internal = re.search(r'<li class="internal"[^>]*>(.*?)</li>', body, re.S)
    assert internal is not None
    assert "Checked with the school" in internal.group(1)
    assert "internal" in internal.group(1)


def test_identity_is_hidden_until_shown_and_each_showing_is_logged(client, world):
    concern = world["concern"]
    client = login(client, world["secretary"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert concern.reporter_email not in page
    assert concern.reporter_name not in page
    shown = client.post(reverse("concerns:identity", args=[concern.pk]))
    assert shown.status_code == 200
    assert concern.reporter_email in shown.content.decode()
    disclosure = IdentityDisclosure.objects.get()
    assert (disclosure.concern, disclosure.user) == (concern, world["secretary"])


def test_member_sees_reporter_withheld_and_cannot_show_identity(client, world):
    concern = world["concern"]
    client = login(client, world["member"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Reporter withheld" in page
    assert concern.reporter_email not in page
    assert client.post(reverse("concerns:identity", args=[concern.pk])).status_code == 403
    assert not IdentityDisclosure.objects.exists()


def test_identity_show_is_post_only(client, world):
    response = login(client, world["secretary"]).get(
        reverse("concerns:identity", args=[world["concern"].pk])
    )
    assert response.status_code == 405


def test_secretary_of_other_council_cannot_see_concern(client, world):
    client = login(client, world["peja_secretary"])
    assert client.get(reverse("concerns:detail", args=[world["concern"].pk])).status_code == 404
    response = client.post(step("reject", world["concern"].pk), {"reject-reason_sq": "x"})
    assert response.status_code == 404
    assert Concern.objects.get(pk=world["concern"].pk).status == "new"


def test_officer_and_commander_without_actions_on_it_cannot_see_concern(client, world):
    unit = PoliceUnitFactory(municipality=world["istok"])
    officer = officer_in(unit)
    commander = commander_of(unit)
    for user in (officer.user, commander):
        client.force_login(user)
        assert client.get(reverse("concerns:detail", args=[world["concern"].pk])).status_code == 404


def test_commander_reads_concern_referred_to_police_without_identity(client, world):
    unit = PoliceUnitFactory(municipality=world["istok"])
    commander = commander_of(unit)
    FollowUpActionFactory(
        council=world["ist_council"], concern=world["concern"], responsible_unit=unit
    )
    client = login(client, commander)
    page = client.get(reverse("concerns:detail", args=[world["concern"].pk]))
    assert page.status_code == 200
    assert world["concern"].reporter_email not in page.content.decode()
    assert "Reporter withheld" in page.content.decode()
    assert client.post(step("triage", world["concern"].pk)).status_code == 403


def test_member_cannot_triage_but_can_comment(client, world):
    concern, category = world["concern"], world["concern"].category
    client = login(client, world["member"])
    response = client.post(
        step("triage", concern.pk),
        {"category": category.pk, "priority": "high", "council": concern.council_id},
    )
    assert response.status_code == 403
    assert Concern.objects.get(pk=concern.pk).status == "new"
    assert client.post(step("note", concern.pk), {"text": "I know this place"}).status_code == 302
    assert concern.events.filter(kind="comment", is_public=False).count() == 1


def test_anonymous_visitor_is_sent_to_login_for_every_staff_action(client, world):
    pk = world["concern"].pk
    urls = [reverse("concerns:detail", args=[pk]), reverse("concerns:identity", args=[pk])]
    urls += [step(name, pk) for name in ("triage", "reject", "resolve", "note")]
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


# --- Transitions through the pages


def test_triage_then_resolve_tells_the_reporter(client, world, django_capture_on_commit_callbacks):
    concern = world["concern"]
    client = login(client, world["secretary"])
    response = client.post(
        step("triage", concern.pk),
        {
            "category": concern.category_id,
            "priority": "high",
            "council": concern.council_id,
            "note": "ok",
        },
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.priority) == ("triaged", "high")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            step("resolve", concern.pk),
            {"resolve-public_response_sq": "Police patrols were added at night."},
        )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "resolved"
    assert concern.public_response == {"sq": "Police patrols were added at night."}
    assert any("Police patrols were added" in m.body for m in mail.outbox)


def test_resolve_without_response_shows_the_error_next_to_the_field(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="triaged")
    response = login(client, world["secretary"]).post(
        step("resolve", concern.pk), {"resolve-public_response_sq": ""}
    )
    assert response.status_code == 400
    assert "Write the text in Albanian." in response.content.decode()
    assert Concern.objects.get(pk=concern.pk).status == "triaged"


def test_resolving_with_open_actions_is_refused_with_a_message(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="in_action")
    FollowUpActionFactory(council=world["ist_council"], concern=concern)
    response = login(client, world["secretary"]).post(
        step("resolve", concern.pk),
        {"resolve-public_response_sq": "Done"},
        follow=False,
    )
    assert response.status_code == 400
    assert "not completed yet" in response.content.decode()
    assert Concern.objects.get(pk=concern.pk).status == "in_action"


def test_reject_requires_a_reason_and_shows_it_publicly(client, world):
    concern = world["concern"]
    client = login(client, world["secretary"])
    assert client.post(step("reject", concern.pk), {"reject-reason_sq": ""}).status_code == 400
    assert (
        client.post(
            step("reject", concern.pk), {"reject-reason_sq": "Not a safety matter"}
        ).status_code
        == 302
    )
    concern.refresh_from_db()
    assert concern.status == "rejected"
    assert concern.events.filter(
        to_status="rejected", is_public=True, public_text={"sq": "Not a safety matter"}
    ).exists()


def test_mark_duplicate_by_reference(client, world):
    original = ConcernFactory(council=world["ist_council"])
    concern = world["concern"]
    client = login(client, world["secretary"])
    response = client.post(
        step("duplicate", concern.pk),
        {"duplicate-original": original.reference.lower()},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.duplicate_of) == ("duplicate", original)


def test_duplicate_of_another_councils_concern_is_refused(client, world):
    response = login(client, world["secretary"]).post(
        step("duplicate", world["concern"].pk),
        {"duplicate-original": world["peja_concern"].reference},
    )
    assert response.status_code == 400
    assert "No concern with that reference in your councils." in response.content.decode()


def test_invalid_transition_is_refused_with_a_message(client, world):
    concern = world["concern"]
    response = login(client, world["secretary"]).post(step("close", concern.pk), follow=True)
    assert "cannot become" in response.content.decode()
    assert Concern.objects.get(pk=concern.pk).status == "new"


def test_local_council_secretary_refers_up(client, world):
    local = LocalCouncilFactory(municipality=world["istok"], parent=world["ist_council"])
    local_secretary = secretary_of(local)
    concern = ConcernFactory(council=local)
    response = login(client, local_secretary).post(step("refer", concern.pk))
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.council == world["ist_council"]
    assert concern.events.filter(kind="referred").exists()


def test_reopen_returns_to_triage(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="closed")
    response = login(client, world["secretary"]).post(
        step("reopen", concern.pk), {"reopen-reason": "It happened again"}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "triaged"
    assert list(concern.events.filter(kind="status").values_list("to_status", flat=True)) == [
        "reopened",
        "triaged",
    ]


# --- Entering a concern on a resident's behalf


def test_secretary_enters_a_phone_concern_with_its_channel(client, world):
    category = CategoryFactory(code="drugs")
    response = login(client, world["secretary"]).post(
        reverse("concerns:new"),
        {
            "channel": "phone",
            "language": "sq",
            "municipality": world["istok"].pk,
            "category": category.pk,
            "description": "Caller reports needles in the playground.",
            "reporter_name": "Caller",
            "reporter_phone": "044 000 111",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200  # the tracking code page: the code is shown once
    concern = Concern.objects.get(channel="phone")
    assert concern.entered_by == world["secretary"]
    assert concern.council == world["ist_council"]


def test_member_cannot_enter_concerns(client, world):
    assert login(client, world["member"]).get(reverse("concerns:new")).status_code == 403


def test_secretary_cannot_enter_a_concern_for_another_municipality(client, world):
    category = CategoryFactory(code="drugs")
    peja = world["pej_council"].municipality
    response = login(client, world["secretary"]).post(
        reverse("concerns:new"),
        {
            "channel": "walk_in",
            "municipality": peja.pk,
            "category": category.pk,
            "description": "Something in Peja happened here.",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    assert not Concern.objects.filter(channel="walk_in").exists()


def test_attachment_download_is_refused_to_other_councils(client, world):
    from django.core.files.base import ContentFile

    from concerns.models import Attachment

    item = Attachment.objects.create(
        concern=world["concern"],
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="x.pdf"),
        content_type="application/pdf",
        size=14,
        sha256="0" * 64,
    )
    url = reverse("concerns:attachment", args=[world["concern"].pk, item.pk])
    client.force_login(world["peja_secretary"])
    assert client.get(url).status_code == 404
    client.force_login(world["member"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_officer_with_an_assigned_action_cannot_open_the_concern(client, world):
    unit = PoliceUnitFactory(municipality=world["istok"])
    officer = officer_in(unit)
    FollowUpActionFactory(
        council=world["ist_council"],
        concern=world["concern"],
        responsible_unit=unit,
        assignee=officer,
    )
    client.force_login(officer.user)
    assert client.get(reverse("concerns:detail", args=[world["concern"].pk])).status_code == 404


def test_commander_reads_the_public_history_but_not_the_councils_internal_notes(client, world):
    unit = PoliceUnitFactory(municipality=world["istok"])
    commander = commander_of(unit)
    concern = world["concern"]
    FollowUpActionFactory(council=world["ist_council"], concern=concern, responsible_unit=unit)
    ConcernEvent.objects.create(
        concern=concern, kind="note", note="Neighbour feud, see file", is_public=False
    )
    ConcernEvent.objects.create(
        concern=concern, kind="comment", note="Member: I know them", is_public=False
    )
    body = (
        login(client, commander).get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    )
    assert "Concern received" in body
    assert "Neighbour feud" not in body
    assert "I know them" not in body


def test_secretary_reclassifies_a_triaged_concern_with_an_internal_record(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="triaged")
    drugs = CategoryFactory(code="drugs", name="Drugs")
    response = login(client, world["secretary"]).post(
        step("reclassify", concern.pk),
        {"reclassify-category": drugs.pk, "reclassify-priority": "urgent"},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.category, concern.priority, concern.status) == (drugs, "urgent", "triaged")
    assert concern.events.filter(kind="updated", is_public=False).exists()


def test_member_cannot_reclassify(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="triaged")
    response = login(client, world["member"]).post(
        step("reclassify", concern.pk),
        {"reclassify-category": concern.category_id, "reclassify-priority": "urgent"},
    )
    assert response.status_code == 403
    assert Concern.objects.get(pk=concern.pk).priority == "normal"


def test_staff_entry_records_the_reporters_language_for_their_emails(client, world):
    category = CategoryFactory(code="drugs")
    response = login(client, world["secretary"]).post(
        reverse("concerns:new"),
        {
            "channel": "walk_in",
            "language": "sr-latn",
            "municipality": world["istok"].pk,
            "category": category.pk,
            "description": "Walk-in reports a fight near the bus station.",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert Concern.objects.get(channel="walk_in").language == "sr-latn"


def test_an_overlong_closing_note_is_refused_not_silently_dropped(client, world):
    concern = world["concern"]
    Concern.objects.filter(pk=concern.pk).update(status="resolved")
    response = login(client, world["secretary"]).post(
        step("close", concern.pk), {"close-note": "x" * 2001}
    )
    assert response.status_code == 400
    assert (
        "“Internal note (optional)” can have at most 2000 characters; it has 2001."
        in response.content.decode()
    )
    assert Concern.objects.get(pk=concern.pk).status == "resolved"


# --- The steps the concern page offers (concerns/transitions.py)


def test_concern_page_offers_the_secretary_only_the_steps_its_status_allows(client, world):
    concern = world["concern"]
    response = login(client, world["secretary"]).get(reverse("concerns:detail", args=[concern.pk]))
    assert [t.name for t in response.context["transitions"]] == [
        "triage",
        "duplicate",
        "reject",
        "message",
    ]
    body = response.content.decode()
    assert f'action="{step("triage", concern.pk)}"' in body
    assert f'action="{step("resolve", concern.pk)}"' not in body
    assert f'action="{step("note", concern.pk)}"' in body


def test_concern_page_offers_a_member_only_the_comment(client, world):
    concern = world["concern"]
    response = login(client, world["member"]).get(reverse("concerns:detail", args=[concern.pk]))
    assert response.context["transitions"] == []
    assert response.context["note"].url == step("note", concern.pk)
    assert "Work on this concern" not in response.content.decode()


def test_a_step_sent_from_a_stale_concern_page_is_refused_with_a_message(client, world):
    concern = world["concern"]
    client = login(client, world["secretary"])
    page = client.get(reverse("concerns:detail", args=[concern.pk]))
    version = page.context["transitions"][0].form["transition_version"].value()
    assert (
        client.post(
            step("reject", concern.pk),
            {"reject-reason_sq": "No", "reject-" + "transition_version": version},
        ).status_code
        == 302
    )
    response = client.post(
        step("triage", concern.pk),
        {
            "category": concern.category_id,
            "priority": "high",
            "council": concern.council_id,
            "transition_version": version,
        },
    )
    assert response.status_code == 409
    assert "Someone changed this since you opened the form" in response.content.decode()
    assert Concern.objects.get(pk=concern.pk).status == "rejected"


def test_concern_page_query_count_does_not_grow_with_events_or_steps(
    client, world, django_assert_max_num_queries
):
    concern = world["concern"]
    client = login(client, world["secretary"])
    url = reverse("concerns:detail", args=[concern.pk])
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for n in range(30):
        ConcernEvent.objects.create(concern=concern, kind="note", note=f"n{n}", is_public=n % 2)
    Concern.objects.filter(pk=concern.pk).update(status="triaged")  # more steps are offered
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["transitions"]) > 3
