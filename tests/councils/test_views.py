import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from concerns.models import Concern
from councils import services
from councils.models import AgendaItem, Attendance, Meeting
from tests.councils.conftest import in_days
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    FollowUpActionFactory,
)

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def planned(world, days=7):
    return services.schedule_meeting(
        world.council, by=world.secretary, kind="regular", planned_at=in_days(days), place="Hall"
    )


def published_minutes(world, concern=None, sensitive=None):
    """A meeting with a concern item (public summary), a sensitive item, minutes published."""
    meeting = planned(world)
    item = services.add_free_item(meeting, by=world.secretary, title="Street lighting")
    concern_item = None
    if concern:
        concern_item = services.add_concern_item(meeting, by=world.secretary, concern=concern)
    if sensitive:
        services.add_concern_item(meeting, by=world.secretary, concern=sensitive)
    Meeting.objects.filter(pk=meeting.pk).update(planned_at=timezone.now() - timedelta(hours=3))
    meeting.refresh_from_db()
    services.hold_meeting(meeting, by=world.secretary)
    from councils.selectors import members_on

    services.record_attendance(
        meeting,
        by=world.secretary,
        statuses={
            m.pk: Attendance.Status.PRESENT for m in members_on(world.council, timezone.localdate())
        },
        guests=[("Guest Person", "OSCE")],
    )
    services.update_item(
        item,
        by=world.secretary,
        title=item.title,
        discussion="INTERNAL discussion about Arben",
        public_summary={
            "sq": "Ndriçimi i rrugëve u diskutua.",
            "sr-latn": "Razgovaralo se o rasveti.",
        },
    )
    services.record_decision(
        item,
        by=world.secretary,
        kind="recommendation",
        text="Internal decision text",
        public_text={"sq": "Komuna rregullon llambat.", "sr-latn": "Opština popravlja lampe."},
    )
    if concern_item:
        services.record_decision(concern_item, by=world.secretary, kind="deferral", text="Later")
    services.submit_minutes(meeting, by=world.secretary)
    services.approve_minutes(meeting, by=world.co_chair)
    services.publish_minutes(meeting, by=world.secretary)
    return meeting


# --- Permissions, from the refused side


@pytest.mark.parametrize("who", ["other_secretary", "officer", "commander"])
def test_meeting_page_is_not_found_for_people_outside_the_council(client, world, who):
    meeting = planned(world)
    login(client, getattr(world, who))
    assert client.get(reverse("councils:meeting", args=[meeting.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in_for_staff_pages(client, world):
    meeting = planned(world)
    response = client.get(reverse("councils:meeting", args=[meeting.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_anonymous_cannot_read_draft_minutes(client, world):
    meeting = planned(world)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.MINUTES_DRAFT, held_at=timezone.now()
    )
    assert client.get(reverse("councils:public_meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("councils:public_meeting_pdf", args=[meeting.pk])).status_code == 404


def test_member_reads_the_meeting_but_cannot_add_items(client, world):
    meeting = planned(world)
    login(client, world.member)
    response = client.get(reverse("councils:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    assert "concern-pool" not in response.content.decode()
    response = client.post(reverse("councils:add_item", args=[meeting.pk]), {"title": "x"})
    assert meeting.agenda_items.filter(title="x").count() == 0


def test_member_cannot_publish_the_agenda(client, world):
    meeting = planned(world)
    login(client, world.member)
    url = reverse(
        "councils:meeting_transition", kwargs={"pk": meeting.pk, "name": "publish-agenda"}
    )
    assert client.post(url).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.agenda_is_published


def test_other_councils_secretary_cannot_open_the_schedule_form(client, world):
    login(client, world.other_secretary)
    assert client.get(reverse("councils:schedule", args=[world.council.pk])).status_code == 403


# --- Pages doing the work


def test_secretary_schedules_through_the_form_and_past_dates_are_explained(client, world):
    login(client, world.secretary)
    url = reverse("councils:schedule", args=[world.council.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url, {"kind": "regular", "day": yesterday, "start": "17:00", "place": "Hall"}
    )
    assert response.status_code == 400
    assert "cannot be planned in the past" in response.content.decode()
    response = client.post(
        url, {"kind": "regular", "day": timezone.localdate() + timedelta(days=5), "start": "17:00"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.local_planned_at.hour == 17


def test_stale_reorder_from_a_second_tab_is_refused_with_a_message(client, world):
    meeting = planned(world)
    a = services.add_free_item(meeting, by=world.secretary, title="A")
    services.add_free_item(meeting, by=world.secretary, title="B")
    order = ",".join(
        str(i) for i in meeting.agenda_items.order_by("position").values_list("id", flat=True)
    )
    login(client, world.secretary)
    url = reverse("councils:move_item", args=[a.pk])
    client.post(url, {"direction": "down", "order": order})
    moved = list(meeting.agenda_items.order_by("position").values_list("id", flat=True))
    response = client.post(url, {"direction": "up", "order": order}, follow=True)
    assert "changed since you opened this page" in response.content.decode()
    assert list(meeting.agenda_items.order_by("position").values_list("id", flat=True)) == moved


def test_secretary_publishes_the_agenda_and_the_resident_sees_the_date(client, world, triaged):
    concern = triaged()
    meeting = planned(world)
    services.add_concern_item(meeting, by=world.secretary, concern=concern)
    login(client, world.secretary)
    url = reverse(
        "councils:meeting_transition", kwargs={"pk": meeting.pk, "name": "publish-agenda"}
    )
    assert client.post(url).status_code == 302
    client.logout()
    from concerns.services import tracking_path

    page = client.get(tracking_path(concern)).content.decode()
    assert 'id="agenda-meeting"' in page
    assert f"{meeting.local_planned_at:%Y}" in page


def test_decision_form_defers_an_item(client, world, triaged):
    meeting = planned(world)
    item = services.add_concern_item(meeting, by=world.secretary, concern=triaged())
    Meeting.objects.filter(pk=meeting.pk).update(planned_at=timezone.now() - timedelta(hours=1))
    services.hold_meeting(meeting, by=world.secretary)
    login(client, world.secretary)
    response = client.post(
        reverse("councils:decide", args=[item.pk]), {"kind": "deferral", "text": "Next time"}
    )
    assert response.status_code == 302
    later = planned(world, days=30)
    assert later.agenda_items.get(carried_from=item).deferrals == 1


def test_decision_on_a_cancelled_meeting_is_refused_by_the_page(client, world):
    meeting = planned(world)
    item = services.add_free_item(meeting, by=world.secretary, title="x")
    services.cancel_meeting(meeting, by=world.secretary, reason="Snow")
    login(client, world.secretary)
    response = client.post(
        reverse("councils:decide", args=[item.pk]), {"kind": "recommendation", "text": "x"}
    )
    assert response.status_code == 400
    assert "cancelled" in response.content.decode()


def test_members_page_warns_about_representation(client, world):
    login(client, world.secretary)
    page = client.get(reverse("councils:members", args=[world.council.pk])).content.decode()
    assert "No member represents the Serb community." in page
    assert "No woman holds a seat on the council." in page


def test_overdue_meeting_shows_on_the_secretarys_list(client, world):
    meeting = planned(world)
    Meeting.objects.filter(pk=meeting.pk).update(planned_at=timezone.now() - timedelta(days=3))
    login(client, world.co_chair)
    assert 'id="overdue"' in client.get(reverse("councils:meetings")).content.decode()
    client.logout()
    login(client, world.member)
    assert 'id="overdue"' not in client.get(reverse("councils:meetings")).content.decode()


# --- Public minutes: languages and privacy


def test_public_council_page_lists_members_minutes_and_the_report_link(client, world):
    meeting = published_minutes(world)
    page = client.get(reverse("councils:public_council", args=[world.council.pk])).content.decode()
    assert reverse("councils:public_meeting", args=[meeting.pk]) in page
    assert reverse("public:report_municipality", args=["IST"]) in page
    assert "NGO 0" in page


@pytest.mark.parametrize(
    ("language", "text"),
    [("sq", "Komuna rregullon llambat."), ("sr-latn", "Opština popravlja lampe.")],
)
def test_published_minutes_are_in_the_readers_official_language(client, world, language, text):
    meeting = published_minutes(world)
    page = client.get(
        reverse("councils:public_meeting", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert text in page


def _sensitive_concern(world):
    category = CategoryFactory(code="domestic-violence", name="Domestic violence")
    if hasattr(category, "is_sensitive"):
        category.is_sensitive = True
        category.save()
    concern = ConcernFactory(
        council=world.council,
        category=category,
        status=Concern.Status.TRIAGED,
        description="SECRET-SENSITIVE details",
        reporter_name="Vjosa Sensitive",
    )
    return concern, category


def test_public_minutes_and_pdf_never_show_reporters_internal_notes_or_sensitive_items(
    client, world, triaged
):
    concern = triaged(description="Drug dealing near the school DESCRIPTION-TEXT")
    sensitive, category = _sensitive_concern(world)
    meeting = published_minutes(world, concern=concern, sensitive=sensitive)
    page = client.get(reverse("councils:public_meeting", args=[meeting.pk])).content.decode()
    pdf = client.get(reverse("councils:public_meeting_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Komuna" in pdf_text or "Municipality" in pdf_text or "Street lighting" in pdf_text
    forbidden = [
        concern.reporter_name,
        concern.reporter_phone,
        concern.reporter_email,
        "DESCRIPTION-TEXT",
        "INTERNAL discussion",
        "Internal decision text",
        concern.reference,
    ]
    if hasattr(category, "is_sensitive"):
        forbidden += ["Domestic violence", "SECRET-SENSITIVE", "Vjosa", "Confidential item"]
    for text in forbidden:
        assert text not in page, text
        assert text not in pdf_text, text


def test_rendering_a_pdf_keeps_truncated_uploads_refused(client, world):
    from PIL import ImageFile

    meeting = published_minutes(world)
    client.get(reverse("councils:public_meeting_pdf", args=[meeting.pk]))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


# --- Query counts do not grow with items


def _fill(world, meeting, count):
    actions = [FollowUpActionFactory(council=world.council) for _ in range(count // 2)]
    for action in actions:
        services.add_action_item(meeting, by=world.secretary, action=action)
    for _ in range(count - len(actions)):
        concern = ConcernFactory(
            council=world.council, status=Concern.Status.TRIAGED, settlement=world.settlement
        )
        services.add_concern_item(meeting, by=world.secretary, concern=concern)


def test_meeting_page_queries_do_not_grow_with_40_items(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = planned(world)
    _fill(world, meeting, 4)
    login(client, world.secretary)
    url = reverse("councils:meeting", args=[meeting.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _fill(world, meeting, 36)
    assert meeting.agenda_items.count() == 41
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries][len(few) :]


def test_public_minutes_queries_do_not_grow_with_40_items(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = published_minutes(world)
    url = reverse("councils:public_meeting", args=[meeting.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(40):
        AgendaItem.objects.create(meeting=meeting, position=10 + i, title=f"Item {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
