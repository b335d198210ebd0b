"""Every concern transition in concerns/services.py: what it writes when allowed, and that a
refusal leaves the concern, its events and the outbox exactly as they were."""

import re
import uuid
from dataclasses import replace

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from concerns import services
from concerns.models import (
    Channel,
    Concern,
    ConcernEvent,
    IdentityDisclosure,
    Priority,
    ReferenceCounter,
)
from concerns.policies import can_manage_concern
from concerns.services import Submission, TransitionNotAllowed
from councils.models import Council
from monitoring.monthly import tracking as monthly_tracking
from notifications.models import OutgoingEmail
from policing.models import FollowUpAction
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    FollowUpActionFactory,
    LocalCouncilFactory,
    MunicipalityFactory,
    PoliceUnitFactory,
    SettlementFactory,
    UserFactory,
    commander_of,
    member_of,
    national_coordinator,
    officer_in,
    secretary_of,
)

pytestmark = pytest.mark.django_db

Status = Concern.Status


@pytest.fixture
def world():
    istok = MunicipalityFactory(code="IST", name="Istog")
    peja = MunicipalityFactory(code="PEJ", name="Pejë")
    ist_council = CouncilFactory(municipality=istok, name="MCSC Istog")
    pej_council = CouncilFactory(municipality=peja, name="MCSC Peja")
    ist_local = LocalCouncilFactory(
        municipality=istok, parent=ist_council, name="Local committee Dubravë"
    )
    covered_village = SettlementFactory(municipality=istok, name="Dubravë")
    ist_local.settlements.add(covered_village)
    ist_unit = PoliceUnitFactory(municipality=istok, name="Istog police station")
    return {
        "istok": istok,
        "peja": peja,
        "ist_council": ist_council,
        "pej_council": pej_council,
        "ist_local": ist_local,
        "ist_unit": ist_unit,
        "covered_village": covered_village,
        "istog_town": SettlementFactory(municipality=istok, name="Istog town"),
        "peja_settlement": SettlementFactory(municipality=peja, name="Vitomiricë"),
        "category": CategoryFactory(code="lighting", name="Lighting and infrastructure"),
        "secretary_istok": secretary_of(ist_council, "secretary.istok"),
        "member_istok": member_of(ist_council, "member.istok"),
        "secretary_peja": secretary_of(pej_council, "secretary.peja"),
        "secretary_local": secretary_of(ist_local, "secretary.local"),
        "commander_istok": commander_of(ist_unit, "commander.istok"),
        "national": national_coordinator("national"),
        "superuser": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "no_role": UserFactory(username="nobody"),
        "anonymous": AnonymousUser(),
    }


def submission(world, **overrides) -> Submission:
    base = Submission(
        municipality=world["istok"],
        category=world["category"],
        description="  The street lights on the main road have been out for two weeks.  ",
        reporter_name="Drita Berisha",
        reporter_phone="+383 44 000 111",
        reporter_email="drita@example.org",
        consent_to_contact=True,
    )
    return replace(base, **overrides)


def concern_in(council, **fields) -> Concern:
    return ConcernFactory(council=council, **fields)


def snapshot(concern: Concern) -> dict:
    """Everything a refusal must leave untouched."""
    return {
        "row": Concern.objects.filter(pk=concern.pk).values().get(),
        "events": list(ConcernEvent.objects.filter(concern=concern).values_list("id", flat=True)),
        "emails": OutgoingEmail.objects.count(),
        "disclosures": IdentityDisclosure.objects.count(),
    }


def events_of(concern: Concern) -> list[ConcernEvent]:
    """Events after the factory's 'submitted' one."""
    return list(concern.events.exclude(kind=ConcernEvent.Kind.SUBMITTED).order_by("id"))


# --- submit_concern


def test_submit_creates_concern_with_reference_and_public_submitted_event(world):
    receipt = services.submit_concern(submission(world))

    concern = Concern.objects.get()
    year = timezone.localdate().year
    assert receipt.created is True
    assert receipt.concern == concern
    assert re.fullmatch(r"IST-\d{4}-\d{5}", concern.reference)
    assert concern.reference == f"IST-{year}-00001"
    assert concern.status == Status.NEW
    assert concern.council == world["ist_council"]
    assert concern.description == "The street lights on the main road have been out for two weeks."
    assert concern.reporter_email == "drita@example.org"
    [event] = concern.events.all()
    assert event.kind == ConcernEvent.Kind.SUBMITTED
    assert event.is_public is True
    assert event.to_status == Status.NEW


def test_submit_second_concern_takes_next_number(world):
    services.submit_concern(submission(world))
    second = services.submit_concern(submission(world)).concern
    assert second.reference.endswith("-00002")


def test_tracking_token_verifies_and_only_its_hash_is_stored(world):
    receipt = services.submit_concern(submission(world))

    concern = Concern.objects.get()
    assert concern.check_tracking_token(receipt.tracking_token)
    assert not concern.check_tracking_token(receipt.tracking_token + "x")
    assert not concern.check_tracking_token("")
    assert receipt.tracking_token not in concern.tracking_token_hash


def test_acknowledgement_is_queued_and_mailed_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = services.submit_concern(submission(world))

    reference = receipt.concern.reference
    email = OutgoingEmail.objects.get()
    assert email.to == "drita@example.org"
    assert email.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["drita@example.org"]
    assert reference in message.subject
    tracking_url = settings.PUBLIC_BASE_URL + reverse(
        "public:track_concern",
        kwargs={"reference": reference, "token": receipt.tracking_token},
    )
    assert tracking_url in message.body
    assert "MCSC Istog" in message.body


def test_no_email_is_queued_before_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_concern(submission(world))
    assert OutgoingEmail.objects.count() == 1
    # The email's; the others refresh the monthly statistics (monitoring.monthly.tracking).
    assert len([c for c in callbacks if c is not monthly_tracking._flush]) == 1
    assert mail.outbox == []


def test_anonymous_submission_strips_identity_and_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = services.submit_concern(submission(world, is_anonymous=True))

    concern = Concern.objects.get(pk=receipt.concern.pk)
    assert concern.is_anonymous is True
    assert (concern.reporter_name, concern.reporter_phone, concern.reporter_email) == ("", "", "")
    assert concern.consent_to_contact is False
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_submission_without_email_sends_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_concern(submission(world, reporter_email="", consent_to_contact=False))
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_same_submission_key_twice_gives_one_concern_and_the_same_token(
    world, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_concern(submission(world), submission_key=key)
        second = services.submit_concern(submission(world), submission_key=key)

    assert first.created is True
    assert second.created is False
    assert second.concern.pk == first.concern.pk
    assert second.tracking_token == first.tracking_token
    assert Concern.objects.count() == 1
    assert ConcernEvent.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_settlement_of_another_municipality_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        services.submit_concern(submission(world, settlement=world["peja_settlement"]))
    assert "settlement" in excinfo.value.message_dict
    assert not Concern.objects.exists()
    assert not ReferenceCounter.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_concern_from_a_covered_settlement_goes_to_the_local_council(world):
    receipt = services.submit_concern(submission(world, settlement=world["covered_village"]))
    assert receipt.concern.council == world["ist_local"]
    assert receipt.concern.municipality == world["istok"]


def test_concern_from_an_uncovered_settlement_goes_to_the_municipal_council(world):
    receipt = services.submit_concern(submission(world, settlement=world["istog_town"]))
    assert receipt.concern.council == world["ist_council"]


def test_inactive_local_council_does_not_receive_concerns(world):
    Council.objects.filter(pk=world["ist_local"].pk).update(is_active=False)
    receipt = services.submit_concern(submission(world, settlement=world["covered_village"]))
    assert receipt.concern.council == world["ist_council"]


def test_municipality_without_an_active_council_is_refused(world):
    Council.objects.filter(municipality=world["istok"]).update(is_active=False)
    with pytest.raises(ValidationError):
        services.submit_concern(submission(world))
    assert not Concern.objects.exists()


def test_secretary_enters_a_phoned_in_concern_for_their_council(world):
    secretary = world["secretary_istok"]
    receipt = services.submit_concern(submission(world, channel=Channel.PHONE), by=secretary)

    concern = receipt.concern
    assert concern.channel == Channel.PHONE
    assert concern.entered_by == secretary
    assert concern.council == world["ist_council"]
    assert concern.events.get().actor == secretary


@pytest.mark.parametrize("actor", ["secretary_peja", "member_istok", "commander_istok", "national"])
def test_others_cannot_enter_a_concern_for_the_istok_council(world, actor):
    with pytest.raises(PermissionDenied):
        services.submit_concern(submission(world, channel=Channel.WALK_IN), by=world[actor])
    assert not Concern.objects.exists()
    assert not ReferenceCounter.objects.exists()


def test_staff_entry_for_a_council_of_another_municipality_is_refused(world):
    with pytest.raises(ValidationError):
        services.submit_concern(
            submission(world, channel=Channel.PHONE, council=world["pej_council"]),
            by=world["secretary_peja"],
        )
    assert not Concern.objects.exists()


# --- triage_concern


def test_secretary_triages_a_new_concern(world):
    concern = concern_in(world["ist_council"])
    drugs = CategoryFactory(code="drugs")

    services.triage_concern(
        concern,
        by=world["secretary_istok"],
        category=drugs,
        priority=Priority.HIGH,
        note="Police to check; the reporter sounded worried.",
    )

    concern.refresh_from_db()
    assert concern.status == Status.TRIAGED
    assert concern.triaged_at is not None
    assert concern.category == drugs
    assert concern.priority == Priority.HIGH
    status_event, note_event = events_of(concern)
    assert (status_event.kind, status_event.from_status, status_event.to_status) == (
        ConcernEvent.Kind.STATUS,
        Status.NEW,
        Status.TRIAGED,
    )
    assert status_event.is_public is True
    assert status_event.note == ""  # the note is for staff
    assert status_event.actor == world["secretary_istok"]
    assert note_event.kind == ConcernEvent.Kind.NOTE
    assert note_event.is_public is False
    assert note_event.note == "Police to check; the reporter sounded worried."


def test_triaged_at_is_set_once(world):
    concern = concern_in(world["ist_council"])
    secretary = world["secretary_istok"]
    services.triage_concern(concern, by=secretary, category=concern.category)
    first = Concern.objects.get(pk=concern.pk).triaged_at

    services.put_on_agenda(concern, by=secretary)
    services.triage_concern(concern, by=secretary, category=concern.category)

    concern.refresh_from_db()
    assert concern.status == Status.TRIAGED
    assert concern.triaged_at == first


def test_triage_may_hand_the_concern_to_another_council_of_the_municipality(world):
    concern = concern_in(world["ist_council"])
    services.triage_concern(
        concern, by=world["secretary_istok"], category=concern.category, council=world["ist_local"]
    )
    concern.refresh_from_db()
    assert concern.council == world["ist_local"]


def test_triage_to_a_council_of_another_municipality_is_refused(world):
    concern = concern_in(world["ist_council"])
    before = snapshot(concern)
    with pytest.raises(ValidationError) as excinfo:
        services.triage_concern(
            concern,
            by=world["secretary_istok"],
            category=concern.category,
            council=world["pej_council"],
        )
    assert "council" in excinfo.value.message_dict
    assert snapshot(concern) == before


def test_triage_tells_a_consenting_reporter(world, django_capture_on_commit_callbacks):
    concern = concern_in(world["ist_council"])
    with django_capture_on_commit_callbacks(execute=True):
        services.triage_concern(concern, by=world["secretary_istok"], category=concern.category)
    [message] = mail.outbox
    assert concern.reference in message.subject
    assert message.to == [concern.reporter_email]


# --- reject_concern


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_reject_requires_a_reason(world, reason):
    concern = concern_in(world["ist_council"])
    before = snapshot(concern)
    with pytest.raises(ValidationError) as excinfo:
        services.reject_concern(concern, by=world["secretary_istok"], reason=reason)
    assert "reason" in excinfo.value.message_dict
    assert snapshot(concern) == before


def test_reject_writes_a_public_event_and_emails_a_consenting_reporter(
    world, django_capture_on_commit_callbacks
):
    concern = concern_in(world["ist_council"])
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_concern(
            concern, by=world["secretary_istok"], reason="  Private dispute, not a safety matter. "
        )

    concern.refresh_from_db()
    assert concern.status == Status.REJECTED
    assert concern.rejection_reason == {"sq": "Private dispute, not a safety matter."}
    [event] = events_of(concern)
    assert event.is_public is True
    assert (event.from_status, event.to_status) == (Status.NEW, Status.REJECTED)
    assert event.public_text == {"sq": "Private dispute, not a safety matter."}
    assert event.note == ""
    [message] = mail.outbox
    assert message.to == ["arben@example.org"]
    assert concern.reference in message.subject
    assert "Private dispute, not a safety matter." in message.body
    assert "/track/" + concern.reference + "/" in message.body


def test_status_change_is_not_emailed_without_consent(world, django_capture_on_commit_callbacks):
    concern = concern_in(world["ist_council"], consent_to_contact=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_concern(concern, by=world["secretary_istok"], reason="Out of scope.")
    assert Concern.objects.get(pk=concern.pk).status == Status.REJECTED
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


# --- mark_duplicate


def test_mark_duplicate_points_to_the_original(world):
    original = concern_in(world["ist_council"], status=Status.TRIAGED)
    concern = concern_in(world["ist_council"])

    services.mark_duplicate(concern, by=world["secretary_istok"], original=original)

    concern.refresh_from_db()
    assert concern.status == Status.DUPLICATE
    assert concern.duplicate_of == original
    [event] = events_of(concern)
    assert event.is_public is True
    assert (event.from_status, event.to_status) == (Status.NEW, Status.DUPLICATE)


def test_concerns_merged_into_a_duplicate_follow_it_to_the_original(world):
    original = concern_in(world["ist_council"], status=Status.TRIAGED)
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    earlier = concern_in(world["ist_council"], status=Status.DUPLICATE, duplicate_of=concern)
    services.mark_duplicate(concern, by=world["secretary_istok"], original=original)
    assert Concern.objects.get(pk=earlier.pk).duplicate_of == original


def test_duplicate_of_a_duplicate_points_to_the_first_original(world):
    first = concern_in(world["ist_council"], status=Status.TRIAGED)
    second = concern_in(world["ist_council"], status=Status.DUPLICATE, duplicate_of=first)
    concern = concern_in(world["ist_council"])

    services.mark_duplicate(concern, by=world["secretary_istok"], original=second)

    concern.refresh_from_db()
    assert concern.duplicate_of == first


def test_concern_cannot_duplicate_itself(world):
    concern = concern_in(world["ist_council"])
    before = snapshot(concern)
    with pytest.raises(ValidationError) as excinfo:
        services.mark_duplicate(concern, by=world["secretary_istok"], original=concern)
    assert "original" in excinfo.value.message_dict
    assert snapshot(concern) == before


def test_concern_cannot_become_duplicate_of_its_own_duplicate(world):
    """B is followed under A; marking A a duplicate of B would point A at itself."""
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    its_duplicate = concern_in(world["ist_council"], status=Status.DUPLICATE, duplicate_of=concern)
    before = snapshot(concern)
    with pytest.raises(ValidationError):
        services.mark_duplicate(concern, by=world["secretary_istok"], original=its_duplicate)
    assert snapshot(concern) == before


def test_duplicate_cycle_is_refused_with_a_readable_message(world):
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    its_duplicate = concern_in(world["ist_council"], status=Status.DUPLICATE, duplicate_of=concern)
    with pytest.raises(ValidationError) as excinfo:
        services.mark_duplicate(concern, by=world["secretary_istok"], original=its_duplicate)
    assert "original" in excinfo.value.message_dict


def test_original_from_a_council_the_secretary_cannot_see_is_refused(world):
    concern = concern_in(world["ist_council"])
    before = snapshot(concern)
    with pytest.raises(ValidationError) as excinfo:
        services.mark_duplicate(
            concern, by=world["secretary_istok"], original=concern_in(world["pej_council"])
        )
    assert "original" in excinfo.value.message_dict
    assert snapshot(concern) == before


# --- refer_to_parent_council


def test_local_council_refers_a_concern_to_its_municipal_council(world):
    concern = concern_in(world["ist_local"], status=Status.TRIAGED)

    services.refer_to_parent_council(concern, by=world["secretary_local"], note="Needs the police.")

    concern.refresh_from_db()
    assert concern.council == world["ist_council"]
    assert concern.status == Status.TRIAGED
    referred, note = events_of(concern)
    # The public event carries no text; the secretary's note is internal.
    assert (referred.kind, referred.is_public, referred.note) == (
        ConcernEvent.Kind.REFERRED,
        True,
        "",
    )
    assert (note.kind, note.is_public) == (ConcernEvent.Kind.NOTE, False)
    assert "Needs the police." in note.note
    assert can_manage_concern(world["secretary_istok"], concern)


def test_municipal_council_concern_cannot_be_referred_up(world):
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    before = snapshot(concern)
    with pytest.raises(ValidationError):
        services.refer_to_parent_council(concern, by=world["secretary_istok"])
    assert snapshot(concern) == before


def test_closed_local_concern_cannot_be_referred(world):
    concern = concern_in(world["ist_local"], status=Status.CLOSED)
    before = snapshot(concern)
    with pytest.raises(TransitionNotAllowed):
        services.refer_to_parent_council(concern, by=world["secretary_local"])
    assert snapshot(concern) == before


# --- resolve_concern


def test_secretary_resolves_with_a_public_response(world):
    concern = concern_in(world["ist_council"], status=Status.IN_ACTION)
    FollowUpActionFactory(
        council=world["ist_council"], concern=concern, status=FollowUpAction.Status.COMPLETED
    )

    services.resolve_concern(
        concern, by=world["secretary_istok"], public_response="New lamps were fitted."
    )

    concern.refresh_from_db()
    assert concern.status == Status.RESOLVED
    assert concern.public_response == {"sq": "New lamps were fitted."}
    assert concern.resolved_at is not None
    [event] = events_of(concern)
    assert event.is_public is True
    assert event.to_status == Status.RESOLVED
    # The response is shown from the concern (one place to correct it), not copied.


@pytest.mark.parametrize("response", ["", "  "])
def test_resolve_requires_a_public_response(world, response):
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    before = snapshot(concern)
    with pytest.raises(ValidationError) as excinfo:
        services.resolve_concern(concern, by=world["secretary_istok"], public_response=response)
    assert "public_response" in excinfo.value.message_dict
    assert snapshot(concern) == before


@pytest.mark.parametrize(
    "action_status",
    [
        FollowUpAction.Status.OPEN,
        FollowUpAction.Status.ASSIGNED,
        FollowUpAction.Status.IN_PROGRESS,
        FollowUpAction.Status.REOPENED,
    ],
)
def test_resolve_is_refused_while_an_action_is_active(world, action_status):
    concern = concern_in(world["ist_council"], status=Status.IN_ACTION)
    officer_unit = world["ist_unit"]
    fields = {"status": action_status}
    if action_status == FollowUpAction.Status.ASSIGNED:
        fields["assignee"] = officer_in(officer_unit)
    FollowUpActionFactory(
        council=world["ist_council"], concern=concern, responsible_unit=officer_unit, **fields
    )
    before = snapshot(concern)
    with pytest.raises(TransitionNotAllowed):
        services.resolve_concern(concern, by=world["secretary_istok"], public_response="Done.")
    assert snapshot(concern) == before


def test_cancelled_and_verified_actions_do_not_block_resolving(world):
    concern = concern_in(world["ist_council"], status=Status.IN_ACTION)
    FollowUpActionFactory(
        council=world["ist_council"],
        concern=concern,
        status=FollowUpAction.Status.CANCELLED,
        cancel_reason="Not needed",
    )
    FollowUpActionFactory(
        council=world["ist_council"],
        concern=concern,
        status=FollowUpAction.Status.VERIFIED,
        verified_at=timezone.now(),
    )
    services.resolve_concern(concern, by=world["secretary_istok"], public_response="Done.")
    assert Concern.objects.get(pk=concern.pk).status == Status.RESOLVED


# --- close_concern and reopen_concern


def test_secretary_closes_a_resolved_concern(world):
    concern = concern_in(world["ist_council"], status=Status.RESOLVED)
    services.close_concern(concern, by=world["secretary_istok"])
    concern.refresh_from_db()
    assert concern.status == Status.CLOSED
    assert concern.closed_at is not None
    [event] = events_of(concern)
    assert (event.from_status, event.to_status, event.is_public) == (
        Status.RESOLVED,
        Status.CLOSED,
        True,
    )


def test_reopen_goes_through_reopened_back_to_triaged(world, django_capture_on_commit_callbacks):
    concern = concern_in(
        world["ist_council"],
        status=Status.CLOSED,
        resolved_at=timezone.now(),
        closed_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen_concern(
            concern, by=world["secretary_istok"], reason="The lamps failed again."
        )

    concern.refresh_from_db()
    assert concern.status == Status.TRIAGED
    assert concern.resolved_at is None
    assert concern.closed_at is None
    events = events_of(concern)
    assert [(e.from_status, e.to_status, e.is_public) for e in events] == [
        (Status.CLOSED, Status.REOPENED, True),
        (Status.REOPENED, Status.REOPENED, False),  # the reason, for the council only
        (Status.REOPENED, Status.TRIAGED, True),
    ]
    assert events[1].note == "The lamps failed again."
    assert events[0].note == ""
    # One email for the reporter, not one per step.
    assert len(mail.outbox) == 1


def test_reopen_requires_a_reason(world):
    concern = concern_in(world["ist_council"], status=Status.RESOLVED)
    before = snapshot(concern)
    with pytest.raises(ValidationError):
        services.reopen_concern(concern, by=world["secretary_istok"], reason=" ")
    assert snapshot(concern) == before


# --- Notes and identity


def test_secretary_writes_an_internal_note(world):
    concern = concern_in(world["ist_council"])
    event = services.add_internal_note(concern, by=world["secretary_istok"], text=" Call back. ")
    assert event.kind == ConcernEvent.Kind.NOTE
    assert event.is_public is False
    assert event.note == "Call back."
    assert Concern.objects.get(pk=concern.pk).status == Status.NEW


def test_member_writes_a_comment(world):
    concern = concern_in(world["ist_council"])
    event = services.add_internal_note(concern, by=world["member_istok"], text="I know the street.")
    assert event.kind == ConcernEvent.Kind.COMMENT
    assert event.is_public is False
    assert event.actor == world["member_istok"]


def test_empty_note_is_refused(world):
    concern = concern_in(world["ist_council"])
    before = snapshot(concern)
    with pytest.raises(ValidationError):
        services.add_internal_note(concern, by=world["secretary_istok"], text="  ")
    assert snapshot(concern) == before


def test_secretary_reveals_reporter_identity_and_it_is_logged(world):
    concern = concern_in(world["ist_council"])
    identity = services.reveal_reporter_identity(
        concern, by=world["secretary_istok"], ip_address="192.0.2.7"
    )
    assert identity == {
        "name": "Arben Krasniqi",
        "phone": "+383 44 123 456",
        "email": "arben@example.org",
        "consent_to_contact": True,
    }
    disclosure = IdentityDisclosure.objects.get()
    assert (disclosure.concern, disclosure.user, disclosure.ip_address) == (
        concern,
        world["secretary_istok"],
        "192.0.2.7",
    )


def test_identity_of_an_anonymous_concern_is_never_revealed(world):
    concern = concern_in(
        world["ist_council"],
        is_anonymous=True,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        consent_to_contact=False,
    )
    with pytest.raises(PermissionDenied):
        services.reveal_reporter_identity(concern, by=world["secretary_istok"])
    assert not IdentityDisclosure.objects.exists()


# --- Refused for everyone but the council's secretary: nothing changes


def _triage(concern, by, world):
    services.triage_concern(concern, by=by, category=concern.category)


def _reject(concern, by, world):
    services.reject_concern(concern, by=by, reason="Not a safety matter.")


def _mark_duplicate(concern, by, world):
    original = concern_in(concern.council, status=Status.TRIAGED)
    services.mark_duplicate(concern, by=by, original=original)


def _refer(concern, by, world):
    services.refer_to_parent_council(concern, by=by)


def _put_on_agenda(concern, by, world):
    services.put_on_agenda(concern, by=by)


def _resolve(concern, by, world):
    services.resolve_concern(concern, by=by, public_response="Done.")


def _close(concern, by, world):
    services.close_concern(concern, by=by)


def _reopen(concern, by, world):
    services.reopen_concern(concern, by=by, reason="Again.")


def _note(concern, by, world):
    services.add_internal_note(concern, by=by, text="A note.")


def _reveal(concern, by, world):
    services.reveal_reporter_identity(concern, by=by)


# name -> (call, council of the concern, status the secretary may act from, who is allowed)
TRANSITIONS = {
    "triage": (_triage, "ist_council", Status.NEW, {"secretary_istok"}),
    "reject": (_reject, "ist_council", Status.NEW, {"secretary_istok"}),
    "mark_duplicate": (_mark_duplicate, "ist_council", Status.NEW, {"secretary_istok"}),
    "refer": (_refer, "ist_local", Status.TRIAGED, {"secretary_local"}),
    "put_on_agenda": (_put_on_agenda, "ist_council", Status.TRIAGED, {"secretary_istok"}),
    "resolve": (_resolve, "ist_council", Status.IN_ACTION, {"secretary_istok"}),
    "close": (_close, "ist_council", Status.RESOLVED, {"secretary_istok"}),
    "reopen": (_reopen, "ist_council", Status.CLOSED, {"secretary_istok"}),
    "add_internal_note": (
        _note,
        "ist_council",
        Status.TRIAGED,
        {"secretary_istok", "member_istok"},
    ),
    "reveal_identity": (_reveal, "ist_council", Status.TRIAGED, {"secretary_istok"}),
}
ACTORS = (
    "secretary_istok",
    "secretary_local",
    "secretary_peja",
    "member_istok",
    "commander_istok",
    "national",
    "superuser",
    "no_role",
    "anonymous",
)


def _refusals():
    for name, (_call, _council, _status, allowed) in TRANSITIONS.items():
        for actor in ACTORS:
            if actor not in allowed:
                yield pytest.param(name, actor, id=f"{actor}-cannot-{name}")


def _allowances():
    for name, (_call, _council, _status, allowed) in TRANSITIONS.items():
        for actor in sorted(allowed):
            yield pytest.param(name, actor, id=f"{actor}-can-{name}")


def _concern_for(world, name) -> Concern:
    _call, council, status, _allowed = TRANSITIONS[name]
    concern = concern_in(world[council], status=status)
    # The commander reads the concern (an action for their unit) but still may not manage it.
    FollowUpActionFactory(
        council=world[council],
        concern=concern,
        responsible_unit=world["ist_unit"],
        status=FollowUpAction.Status.COMPLETED,
    )
    return concern


@pytest.mark.parametrize(("name", "actor"), list(_refusals()))
def test_transition_is_refused_and_changes_nothing(world, name, actor):
    concern = _concern_for(world, name)
    before = snapshot(concern)
    with pytest.raises(PermissionDenied):
        TRANSITIONS[name][0](concern, world[actor], world)
    assert snapshot(concern) == before


@pytest.mark.parametrize(("name", "actor"), list(_allowances()))
def test_transition_is_allowed_and_writes_an_event(world, name, actor):
    concern = _concern_for(world, name)
    before = snapshot(concern)
    TRANSITIONS[name][0](concern, world[actor], world)
    after = snapshot(concern)
    if name == "reveal_identity":
        assert after["disclosures"] == before["disclosures"] + 1
    else:
        assert len(after["events"]) > len(before["events"])


def test_start_action_is_refused_for_the_secretary_of_another_council(world):
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    before = snapshot(concern)
    with pytest.raises(PermissionDenied):
        services.start_action(concern, by=world["secretary_peja"])
    assert snapshot(concern) == before


def test_start_action_moves_a_triaged_concern_to_in_action(world):
    concern = concern_in(world["ist_council"], status=Status.TRIAGED)
    FollowUpActionFactory(
        council=world["ist_council"], concern=concern, responsible_unit=world["ist_unit"]
    )
    services.start_action(concern, by=world["commander_istok"])
    assert Concern.objects.get(pk=concern.pk).status == Status.IN_ACTION


# --- Transitions the table does not allow


def _concern_with_status(world, status) -> Concern:
    fields = {"status": status}
    if status == Status.REJECTED:
        fields["rejection_reason"] = {"sq": "Out of scope."}
    if status == Status.DUPLICATE:
        fields["duplicate_of"] = concern_in(world["ist_council"])
    return concern_in(world["ist_council"], **fields)


@pytest.mark.parametrize(
    ("status", "name"),
    [
        pytest.param(Status.NEW, "close", id="close-a-new-concern"),
        pytest.param(Status.NEW, "resolve", id="resolve-a-new-concern"),
        pytest.param(Status.NEW, "reopen", id="reopen-a-new-concern"),
        pytest.param(Status.NEW, "put_on_agenda", id="put-a-new-concern-on-the-agenda"),
        pytest.param(Status.TRIAGED, "triage", id="triage-twice"),
        pytest.param(Status.TRIAGED, "close", id="close-a-triaged-concern"),
        pytest.param(Status.RESOLVED, "reject", id="reject-a-resolved-concern"),
        pytest.param(Status.CLOSED, "triage", id="triage-a-closed-concern"),
        pytest.param(Status.CLOSED, "mark_duplicate", id="mark-a-closed-concern-duplicate"),
        pytest.param(Status.REJECTED, "reopen", id="reopen-a-rejected-concern"),
        pytest.param(Status.DUPLICATE, "triage", id="triage-a-duplicate"),
        pytest.param(Status.IN_ACTION, "reject", id="reject-a-concern-in-action"),
    ],
)
def test_invalid_transition_is_refused_and_changes_nothing(world, status, name):
    concern = _concern_with_status(world, status)
    before = snapshot(concern)
    with pytest.raises(TransitionNotAllowed):
        TRANSITIONS[name][0](concern, world["secretary_istok"], world)
    assert snapshot(concern) == before


def test_transition_not_allowed_is_a_validation_error():
    assert issubclass(TransitionNotAllowed, ValidationError)
