from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from concerns.models import Concern, ConcernEvent
from councils import services
from councils.models import AgendaItem, Attendance, CouncilEvent, Decision, Meeting
from councils.services import MeetingRuleError
from tests.councils.conftest import in_days
from tests.factories import (
    FollowUpActionFactory,
    LocalCouncilFactory,
    MeetingFactory,
    MembershipFactory,
    secretary_of,
)

pytestmark = pytest.mark.django_db

Status = Meeting.Status


def schedule(world, days=7, **kwargs):
    kwargs.setdefault("kind", Meeting.Kind.REGULAR)
    return services.schedule_meeting(
        world.council, by=world.secretary, planned_at=in_days(days), place="Hall", **kwargs
    )


def held(world, meeting):
    meeting.planned_at = timezone.now() - timedelta(hours=2)
    meeting.save()
    services.hold_meeting(meeting, by=world.secretary)
    meeting.refresh_from_db()
    return meeting


def everyone_present(world, meeting):
    from councils.selectors import members_on

    day = timezone.localtime(meeting.held_at, meeting.zone).date()
    statuses = {m.pk: Attendance.Status.PRESENT for m in members_on(world.council, day)}
    return services.record_attendance(meeting, by=world.secretary, statuses=statuses, guests=[])


# --- Scheduling


def test_secretary_schedules_a_meeting_with_police_report_and_an_event(world):
    meeting = schedule(world)
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.kind for i in items] == [AgendaItem.Kind.POLICE_REPORT]
    assert CouncilEvent.objects.filter(meeting=meeting, kind="scheduled").exists()


def test_meeting_in_the_past_is_refused(world):
    with pytest.raises(ValidationError, match="past"):
        services.schedule_meeting(
            world.council, by=world.secretary, kind="regular", planned_at=in_days(-1)
        )
    assert not Meeting.objects.exists()


def test_overlapping_meeting_is_refused(world):
    schedule(world)
    with pytest.raises(ValidationError, match="too close"):
        services.schedule_meeting(
            world.council,
            by=world.secretary,
            kind="extraordinary",
            planned_at=in_days(7) + timedelta(hours=1),
        )
    assert Meeting.objects.count() == 1


def test_other_councils_meeting_at_the_same_time_is_fine(world):
    schedule(world)
    services.schedule_meeting(
        world.other, by=world.other_secretary, kind="regular", planned_at=in_days(7)
    )
    assert Meeting.objects.count() == 2


@pytest.mark.parametrize("who", ["member", "co_chair", "other_secretary", "officer", "commander"])
def test_only_the_secretary_schedules(world, who):
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(
            world.council, by=getattr(world, who), kind="regular", planned_at=in_days(7)
        )


def test_next_agenda_starts_with_approval_of_unapproved_minutes(world):
    previous = held(world, schedule(world, days=1))
    meeting = schedule(world, days=30)
    first = meeting.agenda_items.order_by("position").first()
    assert first.kind == AgendaItem.Kind.MINUTES_APPROVAL
    assert first.minutes_of == previous


def test_meeting_time_is_taken_in_the_councils_time_zone(world):
    world.council.time_zone = "Asia/Baghdad"
    world.council.save()
    meeting = schedule(world)
    assert meeting.local_planned_at.utcoffset() == timedelta(hours=3)


# --- Agenda


def test_adding_a_triaged_concern_puts_it_on_the_agenda(world, triaged):
    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ON_AGENDA
    assert item.title == "Drugs – Banjë"
    assert concern.description not in item.title


def test_a_concern_cannot_be_on_two_planned_agendas(world, triaged):
    concern = triaged()
    services.add_concern_item(schedule(world), by=world.secretary, concern=concern)
    second = schedule(world, days=20)
    with pytest.raises(MeetingRuleError):
        services.add_concern_item(second, by=world.secretary, concern=concern)


def test_concern_of_another_council_is_refused(world, triaged):
    from tests.factories import ConcernFactory

    foreign = ConcernFactory(council=world.other, status=Concern.Status.TRIAGED)
    with pytest.raises(ValidationError):
        services.add_concern_item(schedule(world), by=world.secretary, concern=foreign)


def test_items_move_up_and_down(world):
    meeting = schedule(world)
    a = services.add_free_item(meeting, by=world.secretary, title="A")
    b = services.add_free_item(meeting, by=world.secretary, title="B")
    order = list(meeting.agenda_items.order_by("position").values_list("id", flat=True))
    services.move_item(b, by=world.secretary, up=True, expected_order=order)
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True))[-2:] == [
        "B",
        "A",
    ]
    assert a.pk in order


def test_reorder_with_stale_positions_from_another_tab_is_refused(world):
    meeting = schedule(world)
    services.add_free_item(meeting, by=world.secretary, title="A")
    b = services.add_free_item(meeting, by=world.secretary, title="B")
    seen = list(meeting.agenda_items.order_by("position").values_list("id", flat=True))
    services.move_item(b, by=world.secretary, up=True, expected_order=seen)  # first tab
    after_first = list(meeting.agenda_items.order_by("position").values_list("id", flat=True))
    with pytest.raises(MeetingRuleError, match="changed since"):
        services.move_item(b, by=world.secretary, up=True, expected_order=seen)  # second tab
    with pytest.raises(MeetingRuleError, match="changed since"):
        services.reorder_agenda(
            meeting, by=world.secretary, order=list(reversed(seen)), expected_order=seen
        )
    assert list(meeting.agenda_items.order_by("position").values_list("id", flat=True)) == (
        after_first
    )


def test_reorder_must_list_every_item_once(world):
    meeting = schedule(world)
    services.add_free_item(meeting, by=world.secretary, title="A")
    order = list(meeting.agenda_items.order_by("position").values_list("id", flat=True))
    with pytest.raises(MeetingRuleError):
        services.reorder_agenda(meeting, by=world.secretary, order=order[:1], expected_order=order)


def test_commander_annotates_the_police_report_but_an_officer_may_not(world):
    meeting = schedule(world)
    report = meeting.agenda_items.get(kind=AgendaItem.Kind.POLICE_REPORT)
    services.annotate_police_report(report, by=world.commander, annotation="Two arrests.")
    report.refresh_from_db()
    assert report.annotation == "Two arrests."
    with pytest.raises(PermissionDenied):
        services.annotate_police_report(report, by=world.officer, annotation="x")


def test_published_agenda_emails_members_in_their_language_with_a_calendar_file(
    world, django_capture_on_commit_callbacks
):
    world.secretary.preferred_language = "sq"
    world.secretary.save()
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(meeting, by=world.secretary)
    assert len(mail.outbox) == 7  # secretary, co-chair, member and the four with an address
    albanian = next(m for m in mail.outbox if m.to == [world.secretary.email])
    with translation.override("sq"):
        assert f"{gettext('Agenda')}:" in albanian.body
    name, content, mimetype = albanian.attachments[0]
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and f"meeting-{meeting.pk}@" in content


def test_publishing_the_agenda_twice_is_refused(world):
    meeting = schedule(world)
    services.publish_agenda(meeting, by=world.secretary)
    with pytest.raises(MeetingRuleError):
        services.publish_agenda(meeting, by=world.secretary)


# --- Holding: attendance and quorum


def test_attendance_for_someone_not_a_member_that_day_is_refused(world):
    meeting = held(world, schedule(world))
    newcomer = MembershipFactory(
        council=world.council, start_date=timezone.localdate() + timedelta(days=3)
    )
    with pytest.raises(ValidationError, match="Only members"):
        services.record_attendance(
            meeting, by=world.secretary, statuses={newcomer.pk: "present"}, guests=[]
        )
    assert not meeting.attendance.exists()


def test_quorum_is_a_majority_of_current_members(world):
    meeting = held(world, schedule(world))
    from councils.selectors import members_on

    members = list(members_on(world.council, timezone.localdate()))
    assert len(members) == 7
    statuses = {m.pk: "absent" for m in members}
    for m in members[:3]:
        statuses[m.pk] = "present"
    services.record_attendance(
        meeting, by=world.secretary, statuses=statuses, guests=[("Ana", "OSCE")]
    )
    meeting.refresh_from_db()
    assert (meeting.members_present, meeting.members_current, meeting.quorum_required) == (3, 7, 4)
    assert meeting.quorum_met is False
    assert meeting.attendance.filter(guest_name="Ana", guest_organisation="OSCE").exists()


def test_the_councils_own_quorum_rule_applies(world):
    world.council.quorum = 3
    world.council.save()
    meeting = held(world, schedule(world))
    from councils.selectors import members_on

    members = list(members_on(world.council, timezone.localdate()))
    statuses = {m.pk: ("present" if i < 3 else "excused") for i, m in enumerate(members)}
    services.record_attendance(meeting, by=world.secretary, statuses=statuses, guests=[])
    meeting.refresh_from_db()
    assert meeting.quorum_met is True


def test_a_member_who_left_stays_in_past_attendance(world):
    meeting = held(world, schedule(world))
    everyone_present(world, meeting)
    leaving = world.members[0]
    services.end_membership(
        leaving, by=world.secretary, end_date=timezone.localdate(), reason="Moved"
    )
    assert meeting.attendance.filter(membership=leaving).exists()


# --- Decisions


def test_decision_on_a_cancelled_meeting_is_refused(world):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="Lighting")
    services.cancel_meeting(meeting, by=world.secretary, reason="No quorum expected")
    with pytest.raises(MeetingRuleError, match="cancelled"):
        services.record_decision(item, by=world.secretary, kind="recommendation", text="x")
    assert not Decision.objects.exists()


def test_deferral_goes_onto_the_next_draft_agenda_with_its_count(world, triaged):
    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    meeting = held(world, meeting)
    next_meeting = schedule(world, days=30)
    services.record_decision(item, by=world.secretary, kind="deferral", text="Next time.")
    carried = next_meeting.agenda_items.get(carried_from=item)
    assert carried.concern == concern and carried.deferrals == 1


def test_deferral_without_a_next_meeting_waits_for_it(world, triaged):
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=triaged())
    held(world, meeting)
    services.record_decision(item, by=world.secretary, kind="deferral", text="Next time.")
    assert AgendaItem.objects.filter(carried_from=item).count() == 0
    later = schedule(world, days=30)
    carried = later.agenda_items.get(carried_from=item)
    assert carried.deferrals == 1
    # deferred again at that meeting: counted twice on the one after
    held(world, later)
    services.record_decision(carried, by=world.secretary, kind="deferral", text="Again.")
    third = schedule(world, days=60)
    assert third.agenda_items.get(carried_from=carried).deferrals == 2


def test_a_cancelled_meeting_gives_carried_items_back(world):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="Stray dogs")
    held(world, meeting)
    services.record_decision(item, by=world.secretary, kind="deferral", text="Later.")
    cancelled = schedule(world, days=10)
    assert cancelled.agenda_items.filter(carried_from=item).exists()
    services.cancel_meeting(cancelled, by=world.secretary, reason="Holiday")
    after = schedule(world, days=20)
    assert after.agenda_items.filter(carried_from=item).exists()


def test_deferring_twice_on_one_item_is_refused(world):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="Item")
    held(world, meeting)
    services.record_decision(item, by=world.secretary, kind="deferral", text="Later.")
    with pytest.raises(MeetingRuleError):
        services.record_decision(item, by=world.secretary, kind="deferral", text="Later.")


def test_a_decision_asking_the_police_creates_the_action_in_the_same_transaction(world, triaged):
    from policing.models import FollowUpAction

    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    held(world, meeting)
    decision = services.record_decision(
        item,
        by=world.secretary,
        kind="action",
        text="The police patrol the park in the evenings.",
        action={
            "title": "Evening patrols in the park",
            "responsible_unit": world.unit,
            "due_date": timezone.localdate() + timedelta(days=14),
            "priority": "high",
        },
    )
    action = FollowUpAction.objects.get(decision=decision)
    assert action.concern == concern and action.responsible_unit == world.unit
    assert action.status == FollowUpAction.Status.OPEN  # waits in the commander's queue
    # a refused action (due date in the past) leaves no decision behind
    with pytest.raises(ValidationError):
        services.record_decision(
            item,
            by=world.secretary,
            kind="action",
            text="Late",
            action={
                "title": "x",
                "responsible_unit": world.unit,
                "due_date": timezone.localdate() - timedelta(days=30),
                "priority": "normal",
            },
        )
    assert item.decisions.count() == 1


def test_resolution_resolves_the_concern_with_a_public_response(world, triaged):
    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    held(world, meeting)
    services.record_decision(
        item, by=world.secretary, kind="resolution", text="Solved", public_response="Lamps fixed."
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.RESOLVED
    assert concern.public_response == {"sq": "Lamps fixed."}


def test_a_failing_effect_leaves_no_decision(world, triaged):
    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    held(world, meeting)
    FollowUpActionFactory(council=world.council, concern=concern)  # still open
    with pytest.raises(ValidationError):
        services.record_decision(
            item, by=world.secretary, kind="resolution", text="Solved", public_response="Done"
        )
    assert not Decision.objects.exists()


def test_referral_to_another_body_is_a_public_event_on_the_concern(world, triaged):
    concern = triaged()
    meeting = schedule(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    held(world, meeting)
    services.record_decision(
        item, by=world.secretary, kind="referral", text="To roads", referred_to="Public works"
    )
    event = concern.events.get(kind=ConcernEvent.Kind.REFERRED)
    assert event.is_public and event.note == "Public works"


def test_local_council_refers_an_item_to_its_municipal_councils_next_meeting(world, triaged):
    local = LocalCouncilFactory(municipality=world.municipality, parent=world.council)
    local_secretary = secretary_of(local, "local")
    from tests.factories import ConcernFactory

    concern = ConcernFactory(council=local, status=Concern.Status.TRIAGED)
    local_meeting = services.schedule_meeting(
        local, by=local_secretary, kind="regular", planned_at=in_days(3)
    )
    item = services.add_concern_item(local_meeting, by=local_secretary, concern=concern)
    local_meeting.planned_at = timezone.now() - timedelta(hours=1)
    local_meeting.save()
    services.hold_meeting(local_meeting, by=local_secretary)
    municipal_meeting = schedule(world, days=10)
    services.record_decision(item, by=local_secretary, kind="refer_up", text="Up")
    concern.refresh_from_db()
    assert concern.council == world.council
    assert municipal_meeting.agenda_items.filter(carried_from=item, concern=concern).exists()


def test_refer_up_from_a_municipal_council_is_refused(world):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="x")
    held(world, meeting)
    with pytest.raises(ValidationError):
        services.record_decision(item, by=world.secretary, kind="refer_up", text="Up")


@pytest.mark.parametrize("who", ["member", "other_secretary", "officer"])
def test_only_the_secretary_records_decisions(world, who):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="x")
    held(world, meeting)
    with pytest.raises(PermissionDenied):
        services.record_decision(item, by=getattr(world, who), kind="recommendation", text="x")


# --- Minutes


def drafted(world):
    meeting = schedule(world)
    item = services.add_free_item(meeting, by=world.secretary, title="Lighting")
    meeting = held(world, meeting)
    everyone_present(world, meeting)
    services.record_decision(item, by=world.secretary, kind="recommendation", text="Fix lamps")
    services.submit_minutes(meeting, by=world.secretary)
    meeting.refresh_from_db()
    return meeting


def test_minutes_cannot_be_drafted_without_attendance(world):
    meeting = held(world, schedule(world))
    with pytest.raises(MeetingRuleError, match="attendance"):
        services.submit_minutes(meeting, by=world.secretary)


def test_co_chair_approves_and_a_second_approval_is_refused(world):
    meeting = drafted(world)
    revision = services.approve_minutes(meeting, by=world.co_chair)
    assert revision.number == 1
    assert revision.content["items"][-1]["decisions"][0]["text"] == "Fix lamps"
    with pytest.raises(MeetingRuleError, match="already"):
        services.approve_minutes(meeting, by=world.co_chair)
    assert meeting.revisions.count() == 1


@pytest.mark.parametrize("who", ["secretary", "member", "other_secretary", "officer"])
def test_only_a_co_chair_approves_directly(world, who):
    meeting = drafted(world)
    with pytest.raises(PermissionDenied):
        services.approve_minutes(meeting, by=getattr(world, who))


def test_secretary_records_approval_under_item_one_of_the_next_meeting(world):
    meeting = drafted(world)
    next_meeting = schedule(world, days=30)
    approval = next_meeting.agenda_items.get(kind=AgendaItem.Kind.MINUTES_APPROVAL)
    assert approval.minutes_of == meeting
    held(world, next_meeting)
    services.approve_minutes(meeting, by=world.secretary, at_meeting=next_meeting)
    meeting.refresh_from_db()
    assert meeting.status == Status.MINUTES_APPROVED
    assert meeting.approved_at_meeting == next_meeting
    assert approval.decisions.get().kind == Decision.Kind.MINUTES_APPROVED


def test_approved_minutes_cannot_be_edited(world):
    meeting = drafted(world)
    services.approve_minutes(meeting, by=world.co_chair)
    item = meeting.agenda_items.last()
    with pytest.raises(MeetingRuleError, match="approved"):
        services.update_item(
            item, by=world.secretary, title="x", discussion="changed", public_summary={}
        )
    with pytest.raises(MeetingRuleError, match="approved"):
        services.update_minutes_summary(
            meeting, by=world.secretary, minutes_summary="x", public_summary={}
        )
    with pytest.raises(MeetingRuleError, match="approved"):
        services.record_decision(item, by=world.secretary, kind="recommendation", text="x")


def test_a_correction_is_a_new_revision_and_the_old_one_is_kept(world):
    meeting = drafted(world)
    services.approve_minutes(meeting, by=world.co_chair)
    item = meeting.agenda_items.last()
    with pytest.raises(ValidationError):
        services.correct_minutes(
            meeting, by=world.secretary, reason=" ", minutes_summary="", public_summary={}
        )
    services.correct_minutes(
        meeting,
        by=world.secretary,
        reason="Wrong street",
        minutes_summary="Corrected",
        public_summary={"sq": "Korrigjuar"},
        items={item.pk: {"discussion": "Main street, not the bridge."}},
    )
    first, second = meeting.revisions.order_by("number")
    assert first.content["summary"] == "" and second.content["summary"] == "Corrected"
    assert second.reason == "Wrong street"
    item.refresh_from_db()
    assert item.discussion == "Main street, not the bridge."


def test_published_minutes_are_public(world):
    from councils.policies import public_meetings

    meeting = drafted(world)
    with pytest.raises(MeetingRuleError):
        services.publish_minutes(meeting, by=world.secretary)
    services.approve_minutes(meeting, by=world.co_chair)
    assert not public_meetings().filter(pk=meeting.pk).exists()
    services.publish_minutes(meeting, by=world.secretary)
    assert public_meetings().filter(pk=meeting.pk).exists()


def test_cancelling_needs_a_reason_and_only_a_planned_meeting(world):
    meeting = schedule(world)
    with pytest.raises(ValidationError):
        services.cancel_meeting(meeting, by=world.secretary, reason="")
    held(world, meeting)
    with pytest.raises(MeetingRuleError):
        services.cancel_meeting(meeting, by=world.secretary, reason="Late")


def test_a_planned_meeting_past_its_date_is_overdue(world):
    meeting = MeetingFactory(council=world.council, planned_at=timezone.now() - timedelta(days=2))
    assert meeting.is_overdue


# --- Memberships


def test_secretary_appoints_and_ends_a_membership_keeping_history(world):
    membership = services.appoint_member(
        world.council,
        by=world.secretary,
        full_name="Dragana Petrović",
        role="member",
        represents="Serb community",
        community="Serb",
        gender="female",
        start_date=timezone.localdate(),
        appointment_number="01-016/24",
        appointment_date=timezone.localdate() - timedelta(days=3),
    )
    services.end_membership(
        membership, by=world.secretary, end_date=timezone.localdate(), reason="Resigned"
    )
    membership.refresh_from_db()
    assert membership.end_reason == "Resigned"
    assert CouncilEvent.objects.filter(kind="appointed").exists()
    with pytest.raises(MeetingRuleError):
        services.end_membership(
            membership, by=world.secretary, end_date=timezone.localdate(), reason="Again"
        )


def test_member_of_another_council_cannot_appoint(world):
    with pytest.raises(PermissionDenied):
        services.appoint_member(
            world.council,
            by=world.other_secretary,
            full_name="X",
            role="member",
            start_date=timezone.localdate(),
        )


def test_representation_warns_about_communities_and_women_without_a_seat(world):
    from councils.selectors import members_on, representation

    summary = representation(world.council, list(members_on(world.council, timezone.localdate())))
    assert summary.missing_communities == ["Serb", "Roma"]
    assert summary.no_women
