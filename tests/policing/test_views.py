"""The action pages: who sees what, what each form changes, what is refused, query counts."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern
from policing import services
from policing.models import FollowUpAction
from tests.factories import DecisionFactory, FollowUpActionFactory

Status = FollowUpAction.Status


def soon(days=14):
    return timezone.localdate() + timedelta(days=days)


def login(client, user):
    client.force_login(user)
    return client


def step_url(action, name):
    return reverse("policing:transition", kwargs={"pk": action.pk, "name": name})


def group(page, kind):
    return {k: rows for k, _label, _param, rows in page.context["groups"]}[kind]


def police_action(town, **fields):
    fields = {"due_date": soon(), "by": town.commander} | fields
    return services.create_action(
        council=town.council, title="Evening patrols", responsible_unit=town.unit, **fields
    )


def body_action(town, **fields):
    return services.create_action(
        by=town.secretary,
        council=town.council,
        title="Repair the street lights",
        responsible_body=town.body,
        due_date=soon(),
        decision=town.decision,
        **fields,
    )


# --- The queue


def test_commander_queue_shows_referrals_decision_requests_and_completions(client, town):
    referred = services.create_action(
        by=town.secretary,
        council=town.council,
        title="Referred concern",
        responsible_unit=town.unit,
        due_date=soon(),
        concern=town.concern,
    )
    requested = services.create_action(
        by=town.secretary,
        council=town.council,
        title="Requested by the council",
        responsible_unit=town.unit,
        due_date=soon(),
        decision=town.decision,
    )
    done = police_action(town, assignee=town.officer)
    services.complete_action(done, by=town.officer.user, outcome="Done")
    elsewhere = FollowUpActionFactory(council=town.council, responsible_unit=town.other_unit)
    page = login(client, town.commander).get(reverse("policing:queue"))
    assert page.status_code == 200
    queue = page.context["queue"]
    assert queue.referred == [referred]
    assert queue.requested == [requested]
    assert queue.to_verify == [done]
    assert elsewhere.title not in page.text


def test_officers_and_secretaries_have_no_queue(client, town):
    for user in (town.officer.user, town.secretary, town.focal):
        client.logout()
        assert login(client, user).get(reverse("policing:queue")).status_code == 403


def test_commander_assigns_several_from_the_queue(client, town):
    first, second = police_action(town), police_action(town)
    response = login(client, town.commander).post(
        reverse("policing:bulk_assign"),
        {"actions": [first.pk, second.pk], "assignee": town.officer.pk},
    )
    assert response.status_code == 302
    assert set(FollowUpAction.objects.values_list("status", "assignee")) == {
        (Status.ASSIGNED, town.officer.pk)
    }


def test_bulk_assignment_refuses_another_units_action_and_changes_nothing(client, town):
    mine = police_action(town)
    foreign = FollowUpActionFactory(council=town.council, responsible_unit=town.other_unit)
    response = login(client, town.commander).post(
        reverse("policing:bulk_assign"),
        {"actions": [mine.pk, foreign.pk], "assignee": town.officer.pk},
        follow=True,
    )
    assert "The answer for “Actions” is not one of the choices." in response.text
    assert not FollowUpAction.objects.filter(status=Status.ASSIGNED).exists()


def test_queue_queries_do_not_grow_with_rows(client, town, django_assert_max_num_queries):
    login(client, town.commander)
    for _ in range(3):
        police_action(town)
    client.get(reverse("policing:queue"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("policing:queue"))
    for _ in range(20):
        police_action(town, decision=town.decision, by=town.secretary)
        done = police_action(town, assignee=town.officer)
        services.complete_action(done, by=town.officer.user, outcome="Done")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("policing:queue"))


# --- My actions


def test_officer_sees_their_actions_soonest_first_with_overdue_marked(client, town):
    later = police_action(town, assignee=town.officer, due_date=soon(20))
    sooner = police_action(town, assignee=town.officer, due_date=soon(3))
    late = police_action(town, assignee=town.officer, due_date=soon(3))
    FollowUpAction.objects.filter(pk=late.pk).update(
        due_date=timezone.localdate() - timedelta(days=2)
    )
    police_action(town, assignee=town.second_officer)
    page = login(client, town.officer.user).get(reverse("policing:mine"))
    assert [a.pk for a in page.context["actions"]] == [late.pk, sooner.pk, later.pk]
    assert page.text.count('class="overdue"') == 1


def test_focal_point_sees_their_bodys_actions_only(client, town):
    ours = body_action(town)
    services.create_action(
        by=town.pej_secretary,
        council=town.pej_council,
        title="Peja lights",
        responsible_body=town.pej_body,
        due_date=soon(),
        decision=DecisionFactory(agenda_item__meeting__council=town.pej_council),
    )
    page = login(client, town.focal).get(reverse("policing:mine"))
    assert [a.pk for a in page.context["actions"]] == [ours.pk]


def test_my_actions_queries_do_not_grow_with_rows(client, town, django_assert_max_num_queries):
    login(client, town.officer.user)
    police_action(town, assignee=town.officer)
    client.get(reverse("policing:mine"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("policing:mine"))
    for _ in range(25):
        police_action(town, assignee=town.officer, concern=town.concern)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("policing:mine"))


# --- Workload and the lists behind it


def test_workload_counts_link_to_the_list_behind_them(client, town):
    police_action(town, assignee=town.officer)
    late = police_action(town, assignee=town.officer)
    FollowUpAction.objects.filter(pk=late.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    body_action(town)
    page = login(client, town.commander).get(reverse("policing:workload"))
    assert page.status_code == 200
    units = {row.name: row for row in group(page, "units")}
    assert (units["Community policing"].open, units["Community policing"].overdue) == (2, 1)
    link = f"{reverse('policing:list')}?unit={town.unit.pk}&amp;bucket=overdue"
    assert link in page.text
    listed = client.get(f"{reverse('policing:list')}?unit={town.unit.pk}&bucket=overdue")
    assert [a.pk for a in listed.context["actions"]] == [late.pk]


def test_workload_is_sortable(client, town):
    police_action(town, assignee=town.officer)
    police_action(town, assignee=town.second_officer)
    police_action(town, assignee=town.second_officer)
    login(client, town.commander)
    by_open = client.get(reverse("policing:workload"), {"sort": "open", "dir": "desc"})
    officers = group(by_open, "officers")
    assert [row.key for row in officers] == [town.second_officer.pk, town.officer.pk]
    ascending = client.get(reverse("policing:workload"), {"sort": "open", "dir": "asc"})
    officers = group(ascending, "officers")
    assert [row.key for row in officers] == [town.officer.pk, town.second_officer.pk]


def test_workload_queries_do_not_grow_with_rows(client, town, django_assert_max_num_queries):
    login(client, town.commander)
    police_action(town, assignee=town.officer)
    client.get(reverse("policing:workload"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("policing:workload"))
    for n in range(10):
        police_action(town, assignee=town.second_officer if n % 2 else town.officer)
        body_action(town)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("policing:workload"))


def test_commander_of_another_unit_sees_nothing_of_the_units_actions(client, town):
    action = police_action(town)
    login(client, town.other_commander)
    assert client.get(reverse("policing:detail", args=[action.pk])).status_code == 404
    listed = client.get(reverse("policing:list"))
    assert action.pk not in [a.pk for a in listed.context["actions"]]


# --- Creating


def test_commander_creates_an_action_from_a_concern_link(client, town):
    login(client, town.commander)
    police_action(town, concern=town.concern)  # the commander now reads the concern
    url = reverse("policing:create") + f"?concern={town.concern.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "concern": town.concern.pk,
            "title": "Talk to the school",
            "responsible": f"unit:{town.unit.pk}",
            "assignee": town.officer.pk,
            "due_date": soon().isoformat(),
            "priority": "normal",
        },
    )
    created = FollowUpAction.objects.get(title="Talk to the school")
    assert response.status_code == 302
    assert (created.concern, created.assignee, created.status) == (
        town.concern,
        town.officer,
        Status.ASSIGNED,
    )


def test_a_due_date_in_the_past_is_refused_with_a_message_in_the_users_language(client, town):
    login(client, town.commander)
    town.commander.preferred_language = "sq"
    response = client.post(
        reverse("policing:create"),
        {
            "title": "Patrols",
            "responsible": f"unit:{town.unit.pk}",
            "due_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
            "priority": "normal",
        },
        HTTP_ACCEPT_LANGUAGE="sq",
    )
    assert response.status_code == 400
    assert "Afati nuk mund të jetë në të kaluarën." in response.text, response.context[
        "form"
    ].errors
    assert not FollowUpAction.objects.exists()


def test_secretary_records_a_decision_for_a_partner_body(client, town):
    login(client, town.secretary)
    url = reverse("policing:create") + f"?decision={town.decision.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "assignee" not in page.context["form"].fields
    client.post(
        url,
        {
            "decision": town.decision.pk,
            "title": "Lights",
            "responsible": f"body:{town.body.pk}",
            "due_date": soon().isoformat(),
            "priority": "high",
        },
    )
    action = FollowUpAction.objects.get()
    assert (action.responsible_body, action.decision) == (town.body, town.decision)


def test_an_officer_cannot_create_actions(client, town):
    assert login(client, town.officer.user).get(reverse("policing:create")).status_code == 403


# --- One action and its transitions


def test_officer_completes_with_a_public_summary_and_commander_verifies(client, town):
    action = police_action(town, assignee=town.officer, concern=town.concern)
    login(client, town.officer.user)
    page = client.get(reverse("policing:detail", args=[action.pk]))
    names = [t.name for t in page.context["transitions"]]
    assert names == ["start", "progress", "complete"]
    response = client.post(
        step_url(action, "complete"),
        {
            "complete-outcome": "Patrols every evening for two weeks.",
            "complete-visible_to_reporter": "on",
            "complete-public_summary_sq": "Policia rriti patrullimet.",
            "complete-public_summary_sr-latn": "Policija je pojačala patrole.",
        },
    )
    assert response.status_code == 302, response.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    client.logout()
    login(client, town.commander)
    assert client.post(step_url(action, "verify"), {}).status_code == 302
    action.refresh_from_db()
    assert action.status == Status.VERIFIED
    track = client.get(
        reverse(
            "public:track_concern",
            kwargs={"reference": town.concern.reference, "token": _token(town.concern)},
        )
    )
    assert (
        "Policia rriti patrullimet." in track.text or "Policija je pojačala patrole." in track.text
    )


def _token(concern):
    from concerns.references import tracking_token_for

    return tracking_token_for(concern.submission_key)


def test_secretary_cannot_verify(client, town):
    action = police_action(town, assignee=town.officer)
    services.complete_action(action, by=town.officer.user, outcome="Done")
    response = login(client, town.secretary).post(step_url(action, "verify"), {})
    assert response.status_code == 403
    assert FollowUpAction.objects.get(pk=action.pk).status == Status.COMPLETED


def test_officer_of_another_unit_cannot_open_or_update_the_action(client, town):
    action = police_action(town, assignee=town.officer)
    login(client, town.traffic_officer.user)
    assert client.get(reverse("policing:detail", args=[action.pk])).status_code == 404
    response = client.post(step_url(action, "progress"), {"progress-text": "Not mine"})
    assert response.status_code == 404
    assert not action.updates.exists()


def test_focal_point_of_another_body_cannot_update_the_action(client, town):
    action = body_action(town)
    response = login(client, town.pej_focal).post(
        step_url(action, "complete"), {"complete-outcome": "x"}
    )
    assert response.status_code == 404
    assert FollowUpAction.objects.get(pk=action.pk).status == Status.OPEN


def test_focal_point_completes_their_bodys_action(client, town):
    action = body_action(town, concern=town.concern)
    login(client, town.focal)
    response = client.post(step_url(action, "complete"), {"complete-outcome": "Lamps replaced."})
    assert response.status_code == 302
    assert FollowUpAction.objects.get(pk=action.pk).status == Status.COMPLETED


def test_completing_a_cancelled_action_from_an_old_tab_is_refused(client, town):
    action = police_action(town, assignee=town.officer)
    login(client, town.officer.user)
    page = client.get(reverse("policing:detail", args=[action.pk]))
    version = page.context["transitions"][2].form["transition_version"].value()
    services.cancel_action(action, by=town.commander, reason="Merged.")
    response = client.post(
        step_url(action, "complete"),
        {"complete-outcome": "Done", "complete-transition_version": version},
    )
    assert response.status_code in (400, 409)
    assert FollowUpAction.objects.get(pk=action.pk).status == Status.CANCELLED


def test_a_stale_form_from_a_second_tab_changes_nothing(client, town):
    action = police_action(town)
    login(client, town.commander)
    page = client.get(reverse("policing:detail", args=[action.pk]))
    due = next(t for t in page.context["transitions"] if t.name == "due-date")
    version = due.form["transition_version"].value()
    services.change_due_date(action, by=town.commander, due_date=soon(30), reason="Parts late")
    response = client.post(
        step_url(action, "due-date"),
        {
            "due-due_date": soon(40).isoformat(),
            "due-reason": "Other tab",
            "due-transition_version": version,
        },
    )
    assert response.status_code == 409
    assert "Someone changed this" in response.text
    assert FollowUpAction.objects.get(pk=action.pk).due_date == soon(30)


def test_assigning_an_officer_of_another_unit_is_not_offered_nor_accepted(client, town):
    action = police_action(town)
    login(client, town.commander)
    response = client.post(step_url(action, "assign"), {"assign-assignee": town.traffic_officer.pk})
    assert response.status_code == 400
    assert FollowUpAction.objects.get(pk=action.pk).status == Status.OPEN


def test_detail_shows_the_due_date_history(client, town):
    action = police_action(town)
    services.change_due_date(action, by=town.commander, due_date=soon(30), reason="Parts late")
    page = login(client, town.commander).get(reverse("policing:detail", args=[action.pk]))
    assert "Parts late" in page.text and 'id="due-dates"' in page.text


def test_attachments_download_through_the_policy(client, town):
    from concerns.attachments import CheckedUpload
    from concerns.models import Attachment

    action = police_action(town, assignee=town.officer)
    pdf = CheckedUpload(b"%PDF-1.4\n%%EOF", Attachment.Kind.PDF, "report.pdf")
    update = services.record_progress(
        action, by=town.officer.user, text="Report", attachments=[pdf]
    )
    url = reverse("policing:attachment", args=[update.attachments.get().pk])
    assert login(client, town.commander).get(url).status_code == 200
    client.logout()
    assert login(client, town.traffic_officer.user).get(url).status_code == 404


# --- Effects on the concern


def test_the_secretarys_inbox_marks_a_concern_ready_to_resolve(client, town):
    action = police_action(town, assignee=town.officer, concern=town.concern)
    services.complete_action(action, by=town.officer.user, outcome="Done")
    services.verify_action(action, by=town.commander)
    page = login(client, town.secretary).get(reverse("concerns:inbox"))
    assert "ready to resolve" in page.text.lower()
    assert Concern.objects.get(pk=town.concern.pk).status == Concern.Status.IN_ACTION


def test_dates_no_list_can_mean_are_no_filter_not_an_error(client, town):
    police_action(town)
    login(client, town.commander)
    for params in (
        {"created_to": "9999-12-31"},
        {"created_from": "0001-01-01", "due_to": "9999-12-31"},
        {"created_to": "9999-12-31", "export": "csv"},
    ):
        response = client.get(reverse("policing:list"), params)
        assert response.status_code == 200, params
    listed = client.get(reverse("policing:list"), {"created_to": "9999-12-31"})
    assert len(listed.context["actions"]) == 1
