"""The action services: what each step changes, and what each refuses (nothing changed)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerns.attachments import CheckedUpload
from concerns.models import Attachment, Concern
from policing import services
from policing.models import ActionEvent, DueDateChange, FollowUpAction, Officer, ProgressUpdate
from policing.selectors import actions_to_report_back
from tests.factories import ConcernFactory, DecisionFactory, FollowUpActionFactory

Status = FollowUpAction.Status
Kind = ActionEvent.Kind


def soon(days=14):
    return timezone.localdate() + timedelta(days=days)


def person(town, who):
    found = getattr(town, who)
    return getattr(found, "user", found)  # an Officer acts as its user


def snapshot(action: FollowUpAction) -> dict:
    action = FollowUpAction.objects.get(pk=action.pk)
    return {
        "row": {f.attname: getattr(action, f.attname) for f in action._meta.concrete_fields},
        "events": list(action.events.values_list("id", flat=True)),
        "updates": list(action.updates.values_list("id", flat=True)),
        "due_date_changes": list(action.due_date_changes.values_list("id", flat=True)),
    }


def police_action(town, **fields) -> FollowUpAction:
    fields = {"due_date": soon(), "by": town.commander} | fields
    return services.create_action(
        council=town.council,
        title="Evening patrols around the park",
        responsible_unit=town.unit,
        **fields,
    )


def body_action(town, **fields) -> FollowUpAction:
    fields = {"due_date": soon(), "decision": town.decision} | fields
    return services.create_action(
        by=town.secretary,
        council=town.council,
        title="Repair the street lights",
        responsible_body=town.body,
        **fields,
    )


# --- create_action: the contract council decisions rely on


def test_commander_creates_an_open_action_for_their_unit_with_an_event(town):
    action = police_action(town)
    assert action.status == Status.OPEN
    assert action.created_by == town.commander
    event = action.events.get()
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        Kind.CREATED,
        "",
        Status.OPEN,
        town.commander,
    )


def test_an_action_created_with_an_officer_is_assigned(town):
    action = police_action(town, assignee=town.officer)
    assert (action.status, action.assignee) == (Status.ASSIGNED, town.officer)


def test_secretary_records_a_council_decision_as_an_action_for_a_partner_body(town):
    action = body_action(town)
    assert (action.responsible_body, action.decision, action.status) == (
        town.body,
        town.decision,
        Status.OPEN,
    )


def test_secretary_records_a_council_decision_for_the_police_without_an_officer(town):
    action = services.create_action(
        by=town.secretary,
        council=town.council,
        title="Patrols",
        responsible_unit=town.unit,
        due_date=soon(),
        decision=town.decision,
    )
    assert action.status == Status.OPEN and action.assignee is None


def test_secretary_refers_a_concern_to_the_police_for_the_commander_to_assign(town):
    action = services.create_action(
        by=town.secretary,
        council=town.council,
        title="Patrols",
        responsible_unit=town.unit,
        due_date=soon(),
        concern=town.concern,
    )
    assert (action.status, action.assignee) == (Status.OPEN, None)
    assert Concern.objects.get(pk=town.concern.pk).status == Concern.Status.IN_ACTION


def test_secretary_cannot_assign_an_officer(town):
    with pytest.raises(PermissionDenied):
        services.create_action(
            by=town.secretary,
            council=town.council,
            title="Patrols",
            responsible_unit=town.unit,
            due_date=soon(),
            decision=town.decision,
            assignee=town.officer,
        )
    assert not FollowUpAction.objects.exists()


def test_secretary_cannot_create_an_action_without_a_council_decision_or_concern(town):
    with pytest.raises(PermissionDenied):
        services.create_action(
            by=town.secretary,
            council=town.council,
            title="Patrols",
            responsible_unit=town.unit,
            due_date=soon(),
        )
    assert not FollowUpAction.objects.exists()


def test_co_chair_creates_an_action_for_a_partner_body_of_the_municipality(town):
    action = services.create_action(
        by=town.co_chair,
        council=town.council,
        title="Lights",
        responsible_body=town.body,
        due_date=soon(),
    )
    assert action.responsible_body == town.body


@pytest.mark.parametrize(
    "who", ["other_commander", "pej_commander", "officer", "member", "focal", "observer"]
)
def test_others_cannot_create_an_action_for_the_unit(town, who):
    with pytest.raises(PermissionDenied):
        services.create_action(
            by=person(town, who),
            council=town.council,
            title="Patrols",
            responsible_unit=town.unit,
            due_date=soon(),
        )
    assert not FollowUpAction.objects.exists()


def test_a_partner_body_of_another_municipality_is_refused(town):
    with pytest.raises(PermissionDenied):
        services.create_action(
            by=town.secretary,
            council=town.council,
            title="Lights",
            responsible_body=town.pej_body,
            due_date=soon(),
            decision=town.decision,
        )
    assert not FollowUpAction.objects.exists()


def test_exactly_one_responsible_body_is_required(town):
    for both_or_none in ({"responsible_unit": town.unit, "responsible_body": town.body}, {}):
        with pytest.raises(ValidationError) as refused:
            services.create_action(
                by=town.commander, council=town.council, title="X", due_date=soon(), **both_or_none
            )
        assert "responsible_unit" in refused.value.message_dict
    assert not FollowUpAction.objects.exists()


def test_a_due_date_in_the_past_is_refused_on_creation(town):
    with pytest.raises(ValidationError) as refused:
        police_action(town, due_date=timezone.localdate() - timedelta(days=1))
    assert refused.value.message_dict == {"due_date": ["The due date cannot be in the past."]}
    assert not FollowUpAction.objects.exists()


def test_a_due_date_of_today_is_accepted(town):
    action = police_action(town, due_date=timezone.localdate())
    assert action.due_date == timezone.localdate()


def test_an_officer_of_another_unit_cannot_be_assigned_on_creation(town):
    with pytest.raises(ValidationError) as refused:
        police_action(town, assignee=town.traffic_officer)
    assert "assignee" in refused.value.message_dict
    assert not FollowUpAction.objects.exists()


def test_a_decision_of_another_council_is_refused(town):
    other = DecisionFactory(agenda_item__meeting__council=town.pej_council)
    with pytest.raises(ValidationError) as refused:
        body_action(town, decision=other)
    assert "decision" in refused.value.message_dict


def test_the_first_action_moves_a_triaged_concern_to_in_action(town):
    action = police_action(town, concern=town.concern)
    concern = Concern.objects.get(pk=town.concern.pk)
    assert concern.status == Concern.Status.IN_ACTION
    assert concern.events.filter(to_status=Concern.Status.IN_ACTION).count() == 1
    police_action(town, concern=concern)
    assert concern.events.filter(to_status=Concern.Status.IN_ACTION).count() == 1
    assert action.concern == concern


def test_a_decision_for_a_partner_body_moves_its_concern_on_the_agenda_to_in_action(town):
    town.concern.status = Concern.Status.ON_AGENDA
    town.concern.save(update_fields=["status"])
    body_action(town, concern=town.concern)
    assert Concern.objects.get(pk=town.concern.pk).status == Concern.Status.IN_ACTION


def test_a_co_chair_action_on_a_concern_moves_it_to_in_action(town):
    services.create_action(
        by=town.co_chair,
        council=town.council,
        title="Lights",
        responsible_body=town.body,
        due_date=soon(),
        concern=town.concern,
    )
    assert Concern.objects.get(pk=town.concern.pk).status == Concern.Status.IN_ACTION


def test_a_new_concern_gets_no_action_before_triage(town):
    concern = ConcernFactory(council=town.council)
    with pytest.raises(ValidationError) as refused:
        police_action(town, concern=concern)
    assert "concern" in refused.value.message_dict
    assert Concern.objects.get(pk=concern.pk).status == Concern.Status.NEW
    assert not FollowUpAction.objects.exists()


def test_a_concern_of_another_council_is_refused(town):
    concern = ConcernFactory(council=town.pej_council, status=Concern.Status.TRIAGED)
    with pytest.raises(ValidationError):
        police_action(town, concern=concern)
    assert not FollowUpAction.objects.exists()


# --- Assigning


def test_commander_assigns_and_reassigns_within_the_unit(town):
    action = police_action(town)
    services.assign_action(action, by=town.commander, assignee=town.officer)
    assert (action.status, action.assignee) == (Status.ASSIGNED, town.officer)
    services.assign_action(action, by=town.commander, assignee=town.second_officer, note="Leave")
    assert (action.status, action.assignee) == (Status.ASSIGNED, town.second_officer)
    assert list(action.events.values_list("kind", flat=True)) == [
        Kind.CREATED,
        Kind.ASSIGNED,
        Kind.REASSIGNED,
    ]


def test_station_commander_reassigns_to_another_unit_they_command(town):
    action = police_action(town, assignee=town.officer)
    station_officer = Officer.objects.create(user=town.member, unit=town.station)
    services.assign_action(action, by=town.commander, assignee=station_officer, unit=town.station)
    assert (action.responsible_unit, action.assignee) == (town.station, station_officer)


def test_assigning_an_officer_of_another_unit_is_refused(town):
    action = police_action(town)
    before = snapshot(action)
    with pytest.raises(ValidationError) as refused:
        services.assign_action(action, by=town.commander, assignee=town.traffic_officer)
    assert "assignee" in refused.value.message_dict
    assert snapshot(action) == before


def test_commander_cannot_move_an_action_to_a_unit_they_do_not_command(town):
    action = police_action(town)
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        services.assign_action(
            action, by=town.commander, assignee=town.traffic_officer, unit=town.other_unit
        )
    assert snapshot(action) == before


@pytest.mark.parametrize("who", ["other_commander", "pej_commander", "secretary", "officer"])
def test_only_the_units_commander_assigns(town, who):
    action = police_action(town)
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        services.assign_action(action, by=person(town, who), assignee=town.officer)
    assert snapshot(action) == before


def test_assigning_several_at_once_is_all_or_nothing(town):
    first, second = police_action(town), police_action(town)
    services.assign_actions([first, second], by=town.commander, assignee=town.officer)
    assert set(FollowUpAction.objects.values_list("status", flat=True)) == {Status.ASSIGNED}
    third = police_action(town)
    foreign = FollowUpActionFactory(council=town.council, responsible_unit=town.other_unit)
    with pytest.raises(PermissionDenied):
        services.assign_actions([third, foreign], by=town.commander, assignee=town.officer)
    assert FollowUpAction.objects.get(pk=third.pk).status == Status.OPEN


def test_a_partner_bodys_action_gets_no_officer(town):
    action = body_action(town)
    with pytest.raises(ValidationError):
        services.assign_action(action, by=town.co_chair, assignee=town.officer)


# --- Working on it


def test_officer_starts_reports_and_completes_their_action(town):
    action = police_action(town, assignee=town.officer, concern=town.concern)
    services.start_work(action, by=town.officer.user)
    update = services.record_progress(action, by=town.officer.user, text="Two patrols done.")
    assert (update.is_public, action.status) == (False, Status.IN_PROGRESS)
    services.complete_action(action, by=town.officer.user, outcome="Patrols every evening.")
    assert action.status == Status.COMPLETED
    assert action.completed_by == town.officer.user and action.completed_at
    assert list(action.events.values_list("kind", flat=True)) == [
        Kind.CREATED,
        Kind.STARTED,
        Kind.PROGRESS,
        Kind.COMPLETED,
    ]
    assert action.events.get(kind=Kind.COMPLETED).update.text == "Patrols every evening."


def test_a_public_summary_is_emailed_to_the_consenting_reporter_in_their_language(
    town, django_capture_on_commit_callbacks
):
    action = police_action(town, assignee=town.officer, concern=town.concern)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_progress(
            action,
            by=town.officer.user,
            text="Internal: spoke to the two families.",
            visible_to_reporter=True,
            public_summary={
                "sq": "Policia rriti patrullimet.",
                "sr-latn": "Policija je pojačala patrole.",
            },
        )
    assert len(mail.outbox) == 1
    assert "Policia rriti patrullimet." in mail.outbox[0].body
    assert "spoke to the two families" not in mail.outbox[0].body
    assert mail.outbox[0].to == ["resident@example.org"]


def test_no_email_to_a_reporter_who_did_not_consent(town, django_capture_on_commit_callbacks):
    Concern.objects.filter(pk=town.concern.pk).update(consent_to_contact=False)
    action = police_action(town, assignee=town.officer, concern=town.concern)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_progress(
            action,
            by=town.officer.user,
            text="Done",
            visible_to_reporter=True,
            public_summary={"sq": "U krye."},
        )
    assert mail.outbox == []
    assert ProgressUpdate.objects.get().is_public


def test_visible_to_the_reporter_needs_a_summary(town):
    action = police_action(town, assignee=town.officer, concern=town.concern)
    before = snapshot(action)
    with pytest.raises(ValidationError) as refused:
        services.record_progress(
            action,
            by=town.officer.user,
            text="x",
            visible_to_reporter=True,
            public_summary={"sq": " "},
        )
    assert "public_summary" in refused.value.message_dict
    assert snapshot(action) == before


def test_progress_keeps_checked_attachments(town):
    action = police_action(town, assignee=town.officer)
    pdf = CheckedUpload(b"%PDF-1.4\n%%EOF", Attachment.Kind.PDF, "report.pdf")
    update = services.record_progress(
        action, by=town.officer.user, text="Report", attachments=[pdf]
    )
    attachment = update.attachments.get()
    assert (attachment.content_type, attachment.original_name, attachment.size) == (
        Attachment.Kind.PDF,
        "report.pdf",
        len(pdf.content),
    )
    assert "report" not in attachment.file.name


def test_officer_of_another_unit_cannot_update_the_action(town):
    action = police_action(town, assignee=town.officer)
    before = snapshot(action)
    for who in (town.traffic_officer.user, town.pej_officer.user, town.second_officer.user):
        with pytest.raises(PermissionDenied):
            services.record_progress(action, by=who, text="Not mine")
    assert snapshot(action) == before


def test_focal_point_works_on_their_bodys_action(town):
    action = body_action(town)
    services.complete_action(action, by=town.focal, outcome="Lamps replaced.")
    assert action.status == Status.COMPLETED


def test_focal_point_of_another_body_cannot_update_the_action(town):
    action = body_action(town)
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        services.record_progress(action, by=town.pej_focal, text="Not ours")
    with pytest.raises(PermissionDenied):
        services.complete_action(action, by=town.pej_focal, outcome="Not ours")
    assert snapshot(action) == before


def test_completing_a_cancelled_action_is_refused(town):
    action = police_action(town, assignee=town.officer)
    services.cancel_action(action, by=town.commander, reason="Merged with another action.")
    before = snapshot(action)
    with pytest.raises(services.ActionNotAllowed) as refused:
        services.complete_action(action, by=town.officer.user, outcome="Done anyway")
    assert "cannot become" in refused.value.messages[0]
    assert snapshot(action) == before


# --- Verifying, reopening, cancelling, due dates


def completed(town, *, by=None) -> FollowUpAction:
    action = police_action(town, assignee=town.officer)
    services.complete_action(action, by=by or town.officer.user, outcome="Done.")
    return action


def test_commander_verifies_a_completed_action(town):
    action = completed(town)
    services.verify_action(action, by=town.commander)
    assert (action.status, action.verified_by) == (Status.VERIFIED, town.commander)
    assert action.verified_at is not None


@pytest.mark.parametrize("who", ["secretary", "other_commander", "pej_commander", "member"])
def test_others_cannot_verify(town, who):
    action = completed(town)
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        services.verify_action(action, by=person(town, who))
    assert snapshot(action) == before


def test_the_officer_cannot_verify_their_own_completion(town):
    action = completed(town)
    with pytest.raises(PermissionDenied):
        services.verify_action(action, by=town.officer.user)


def test_verifying_ones_own_completion_is_refused_where_the_council_forbids_it(town):
    town.council.allow_self_verification = False
    town.council.save(update_fields=["allow_self_verification"])
    action = completed(town, by=town.commander)
    before = snapshot(action)
    with pytest.raises(ValidationError) as refused:
        services.verify_action(action, by=town.commander)
    assert "verify an action you completed yourself" in refused.value.messages[0]
    assert snapshot(action) == before


def test_verifying_ones_own_completion_is_allowed_where_the_council_allows_it(town):
    action = completed(town, by=town.commander)
    services.verify_action(action, by=town.commander)
    assert action.status == Status.VERIFIED


def test_co_chair_verifies_a_partner_bodys_action_but_the_secretary_cannot(town):
    action = body_action(town)
    services.complete_action(action, by=town.focal, outcome="Lamps replaced.")
    with pytest.raises(PermissionDenied):
        services.verify_action(action, by=town.secretary)
    services.verify_action(action, by=town.co_chair)
    assert action.status == Status.VERIFIED


def test_reopening_needs_a_reason_and_clears_the_completion(town):
    action = completed(town)
    with pytest.raises(ValidationError):
        services.reopen_action(action, by=town.commander, reason="  ")
    services.reopen_action(action, by=town.commander, reason="Residents report it again.")
    assert (action.status, action.completed_at, action.completed_by) == (
        Status.REOPENED,
        None,
        None,
    )
    assert action.events.last().note == "Residents report it again."


def test_a_verified_action_cannot_be_cancelled(town):
    action = completed(town)
    services.verify_action(action, by=town.commander)
    with pytest.raises(services.ActionNotAllowed):
        services.cancel_action(action, by=town.commander, reason="Too late")


def test_due_date_changes_keep_their_history_and_reason(town):
    action = police_action(town)
    first = action.due_date
    services.change_due_date(
        action, by=town.commander, due_date=soon(30), reason="Waiting for parts."
    )
    services.change_due_date(
        action, by=town.commander, due_date=soon(40), reason="Officer on leave."
    )
    changes = list(
        DueDateChange.objects.filter(action=action).values_list(
            "old_due_date", "new_due_date", "reason"
        )
    )
    assert changes == [
        (first, soon(30), "Waiting for parts."),
        (soon(30), soon(40), "Officer on leave."),
    ]
    assert action.due_date == soon(40)
    assert action.events.filter(kind=Kind.DUE_DATE_CHANGED).count() == 2


def test_a_due_date_change_without_reason_or_into_the_past_is_refused(town):
    action = police_action(town)
    before = snapshot(action)
    with pytest.raises(ValidationError):
        services.change_due_date(action, by=town.commander, due_date=soon(30), reason=" ")
    with pytest.raises(ValidationError):
        services.change_due_date(
            action, by=town.commander, due_date=timezone.localdate() - timedelta(days=1), reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.change_due_date(action, by=town.officer.user, due_date=soon(30), reason="x")
    assert snapshot(action) == before


# --- What the next meeting reports back on


def test_actions_to_report_back_come_with_their_latest_progress_in_one_query(
    town, django_assert_num_queries
):
    since = timezone.now() - timedelta(days=30)
    for n in range(3):
        action = police_action(town, assignee=town.officer)
        services.record_progress(action, by=town.officer.user, text=f"first {n}")
        services.record_progress(action, by=town.officer.user, text=f"latest {n}")
    old = FollowUpActionFactory(
        council=town.council,
        responsible_unit=town.unit,
        status=Status.VERIFIED,
        completed_at=since,
        verified_at=since,
    )
    FollowUpAction.objects.filter(pk=old.pk).update(
        updated_at=since - timedelta(days=5), due_date=since.date() - timedelta(days=5)
    )
    FollowUpActionFactory(council=town.pej_council, responsible_unit=town.pej_unit)
    with django_assert_num_queries(1):
        rows = [
            (a.responsible_unit.name, a.assignee.user.username, a.latest_progress)
            for a in actions_to_report_back(town.council, since=since)
        ]
    assert sorted(r[2] for r in rows) == ["latest 0", "latest 1", "latest 2"]


def test_the_first_ones_to_report_back_read_reason_by_reason_are_those_of_the_whole_list(
    town, django_assert_num_queries
):
    """Read with a limit, each reason (updated since, fallen due, overdue) gives its first rows
    in due-date order: their union must start with exactly the rows the unlimited list starts
    with, whichever reason brought each row."""
    today = timezone.localdate()
    since = timezone.now() - timedelta(days=20)
    for n in range(6):
        # overdue and open, not touched since the last meeting
        overdue = police_action(town)
        FollowUpAction.objects.filter(pk=overdue.pk).update(
            due_date=today - timedelta(days=60 - n), updated_at=since - timedelta(days=9)
        )
        # verified long ago but updated since (a late correction): no reason but the update
        done = FollowUpActionFactory(
            council=town.council,
            responsible_unit=town.unit,
            status=Status.VERIFIED,
            completed_at=since - timedelta(days=90),
            verified_at=since - timedelta(days=90),
        )
        FollowUpAction.objects.filter(pk=done.pk).update(due_date=today - timedelta(days=57 - n))
        # fallen due since the last meeting, completed, not updated since
        due = FollowUpActionFactory(
            council=town.council,
            responsible_unit=town.unit,
            status=Status.COMPLETED,
            completed_at=since,
        )
        FollowUpAction.objects.filter(pk=due.pk).update(
            due_date=today - timedelta(days=n), updated_at=since - timedelta(days=1)
        )
    whole = [a.pk for a in actions_to_report_back(town.council, since=since)]
    assert len(whole) == 18
    with django_assert_num_queries(1):
        first = [a.pk for a in actions_to_report_back(town.council, since=since, limit=4)[:4]]
    assert first == whole[:4]
    for limit in (1, 5, 7, 12, 18, 30):
        got = actions_to_report_back(town.council, since=since, limit=limit)[:limit]
        assert [a.pk for a in got] == whole[:limit], limit
