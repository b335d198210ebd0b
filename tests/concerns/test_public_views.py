"""The citizen's journey through the public pages: report, confirmation, tracking."""

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from concerns.models import Attachment, Concern, ConcernEvent
from concerns.references import tracking_token_for
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    SettlementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(
        code="IST", name="Istog", name_translations={"sr-latn": "Istok"}
    )
    council = CouncilFactory(municipality=municipality, name="MCSC Istog")
    return municipality, council


@pytest.fixture
def category():
    return CategoryFactory(
        code="traffic-safety",
        name="Traffic safety",
        name_translations={"sq": "Siguria në trafik"},
        description="Speeding, dangerous crossings",
    )


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (42.0, 46.0, 50.0), 3: "E", 4: (20.0, 29.0, 10.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def report_data(municipality, category, **overrides):
    data = {
        "municipality": municipality.pk,
        "category": category.pk,
        "description": "Cars speed past the primary school every morning.",
        "address": "Rruga e Shkollës",
        "reporter_name": "Drita",
        "reporter_email": "drita@example.org",
        "consent_to_contact": "on",
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }
    data.update(overrides)
    return data


def test_report_form_shows_categories_with_explanations_in_the_chosen_language(
    client, istok, category
):
    response = client.get(reverse("public:report"), HTTP_ACCEPT_LANGUAGE="sq")
    assert response.status_code == 200
    assert "Siguria në trafik" in response.content.decode()
    assert "Speeding, dangerous crossings" in response.content.decode()


def test_report_url_with_municipality_code_preselects_it(client, istok, category):
    municipality, _ = istok
    other = SettlementFactory(municipality=MunicipalityFactory(code="PEJ"), name="Vitomiricë")
    SettlementFactory(municipality=municipality, name="Banjë")
    response = client.get(reverse("public:report_municipality", args=["ist"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'type="hidden" name="municipality" value="{municipality.pk}"' in body
    assert "Banjë" in body
    assert other.name not in body


def test_unknown_municipality_code_is_404(client):
    assert client.get(reverse("public:report_municipality", args=["XYZ"])).status_code == 404


def test_citizen_submits_and_gets_reference_and_tracking_link(
    client, istok, category, django_capture_on_commit_callbacks
):
    municipality, council = istok
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:report"), report_data(municipality, category))
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.reference.startswith("IST-")
    assert concern.council == council
    assert concern.channel == "web"
    assert concern.events.get().kind == ConcernEvent.Kind.SUBMITTED
    page = client.get(response["Location"])
    body = page.content.decode()
    assert concern.reference in body
    token = tracking_token_for(concern.submission_key)
    assert token in body
    assert reverse("public:track_concern", args=[concern.reference, token]) in body
    assert len(mail.outbox) == 1
    assert concern.reference in mail.outbox[0].subject
    assert token in mail.outbox[0].body


def test_double_submission_of_the_same_form_creates_one_concern(client, istok, category):
    municipality, _ = istok
    data = report_data(municipality, category)
    first = client.post(reverse("public:report"), data)
    second = client.post(reverse("public:report"), data)
    assert first.status_code == second.status_code == 302
    assert Concern.objects.count() == 1


def test_anonymous_report_keeps_no_identity(client, istok, category):
    municipality, _ = istok
    data = report_data(municipality, category, is_anonymous="on", reporter_phone="044 111 222")
    assert client.post(reverse("public:report"), data).status_code == 302
    concern = Concern.objects.get()
    assert concern.is_anonymous
    assert (concern.reporter_name, concern.reporter_email, concern.reporter_phone) == ("", "", "")
    assert not concern.consent_to_contact


def test_photo_is_stored_without_exif_and_gps(client, istok, category):
    municipality, _ = istok
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        reverse("public:report"), {**report_data(municipality, category), "attachments": [photo]}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (40, 30)


def test_disguised_file_is_refused_and_nothing_is_saved(client, istok, category):
    municipality, _ = istok
    fake = SimpleUploadedFile(
        "photo.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg"
    )
    response = client.post(
        reverse("public:report"), {**report_data(municipality, category), "attachments": [fake]}
    )
    assert response.status_code == 400
    assert "is not a JPEG or PNG photo or a PDF document" in response.content.decode()
    assert Concern.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_oversized_file_is_refused_with_the_limit_in_the_message(client, istok, category, settings):
    settings.CSC = {**settings.CSC, "MAX_ATTACHMENT_BYTES": 1024}
    municipality, _ = istok
    big = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.4\n" + b"0" * 4096 + b"\n%%EOF", "application/pdf"
    )
    response = client.post(
        reverse("public:report"), {**report_data(municipality, category), "attachments": [big]}
    )
    assert response.status_code == 400
    assert "files may be at most 1.0" in response.content.decode()
    assert Concern.objects.count() == 0


def test_too_many_files_are_refused(client, istok, category):
    municipality, _ = istok
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"
    files = [SimpleUploadedFile(f"d{i}.pdf", pdf, "application/pdf") for i in range(6)]
    response = client.post(
        reverse("public:report"), {**report_data(municipality, category), "attachments": files}
    )
    assert response.status_code == 400
    assert "at most 5 files" in response.content.decode()
    assert Concern.objects.count() == 0


def test_huge_description_is_refused_and_the_form_keeps_what_was_typed(client, istok, category):
    municipality, _ = istok
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, description="x" * 100_000, address="Te xhamia"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please keep the description under 5000 characters" in body
    assert 'value="Te xhamia"' in body
    assert Concern.objects.count() == 0


@pytest.mark.parametrize(
    ("latitude", "longitude", "field_message"),
    [
        ("95", "20.5", "“Latitude” must be 90 or less."),
        ("42.6", "-200", "“Longitude” must be -180 or more."),
        ("42.6", "", "Give both latitude and longitude, or neither."),
        ("north", "20", "“Latitude” must be a number, for example 42.5."),
    ],
)
def test_invalid_coordinates_are_refused(
    client, istok, category, latitude, longitude, field_message
):
    municipality, _ = istok
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, latitude=latitude, longitude=longitude),
    )
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert Concern.objects.count() == 0


def test_field_errors_are_shown_in_the_users_language(client, istok, category):
    municipality, _ = istok
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, description=""),
        HTTP_ACCEPT_LANGUAGE="sq",
    )
    assert response.status_code == 400
    assert "Përshkruani çfarë ndodhi." in response.content.decode()


def test_honeypot_filled_in_is_refused(client, istok, category):
    municipality, _ = istok
    response = client.post(
        reverse("public:report"), report_data(municipality, category, website="http://spam")
    )
    assert response.status_code == 400
    assert Concern.objects.count() == 0


def test_settlement_of_another_municipality_is_refused(client, istok, category):
    municipality, _ = istok
    elsewhere = SettlementFactory(municipality=MunicipalityFactory(code="PEJ"))
    response = client.post(
        reverse("public:report"), report_data(municipality, category, settlement=elsewhere.pk)
    )
    assert response.status_code == 400
    assert Concern.objects.count() == 0


def test_missing_csrf_token_is_refused(istok, category):
    from django.test import Client

    municipality, _ = istok
    response = Client(enforce_csrf_checks=True).post(
        reverse("public:report"), report_data(municipality, category)
    )
    assert response.status_code == 403
    assert Concern.objects.count() == 0


def test_per_address_rate_limit_refuses_with_a_clear_message(client, istok, category, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "2/h"}
    municipality, _ = istok
    for _ in range(2):
        assert (
            client.post(reverse("public:report"), report_data(municipality, category)).status_code
            == 302
        )
    response = client.post(reverse("public:report"), report_data(municipality, category))
    assert response.status_code == 429
    assert "wait an hour" in response.content.decode()
    assert Concern.objects.count() == 2


# --- Tracking


@pytest.fixture
def tracked_concern(istok):
    _, council = istok
    concern = ConcernFactory(council=council)
    ConcernEvent.objects.create(
        concern=concern, kind="note", note="Secret police note about the suspect", is_public=False
    )
    ConcernEvent.objects.create(
        concern=concern,
        kind="status",
        from_status="new",
        to_status="triaged",
        note="Triage note, internal",
        is_public=False,
    )
    return concern, tracking_token_for(concern.submission_key)


def test_tracking_link_shows_status_and_public_events_but_never_internal_notes(
    client, tracked_concern
):
    concern, token = tracked_concern
    response = client.get(reverse("public:track_concern", args=[concern.reference, token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert concern.reference in body
    assert "Concern received" in body
    assert "Secret police note" not in body
    assert "Triage note, internal" not in body
    assert concern.reporter_name not in body


def test_tracking_form_with_reference_and_code(client, tracked_concern):
    concern, token = tracked_concern
    response = client.post(
        reverse("public:track"), {"reference": concern.reference.lower(), "token": token}
    )
    assert response.status_code == 200
    assert concern.reference in response.content.decode()


def test_wrong_code_and_unknown_reference_get_the_same_answer(client, tracked_concern):
    concern, _ = tracked_concern
    wrong = client.post(reverse("public:track"), {"reference": concern.reference, "token": "nope"})
    unknown = client.post(reverse("public:track"), {"reference": "IST-2020-99999", "token": "nope"})
    assert wrong.status_code == unknown.status_code == 404

    def page(response, reference):
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return body.replace(reference, "REFERENCE")

    assert page(wrong, concern.reference) == page(unknown, "IST-2020-99999")
    assert "We found no concern with this reference and tracking code" in wrong.content.decode()


def test_failed_lookups_are_rate_limited(client, tracked_concern, settings):
    settings.CSC = {**settings.CSC, "TRACK_FAILED_RATE_LIMIT": "3/h"}
    concern, token = tracked_concern
    for _ in range(3):
        client.post(reverse("public:track"), {"reference": concern.reference, "token": "guess"})
    # Even the right code is refused now: guessing further is pointless.
    response = client.post(
        reverse("public:track"), {"reference": concern.reference, "token": token}
    )
    assert response.status_code == 429


def test_tampered_token_in_the_link_is_refused(client, tracked_concern):
    concern, token = tracked_concern
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(reverse("public:track_concern", args=[concern.reference, tampered]))
    assert response.status_code == 404
    assert concern.description not in response.content.decode()


def test_duplicate_points_the_citizen_to_the_original(client, istok):
    _, council = istok
    original = ConcernFactory(
        council=council, status="resolved", public_response={"sq": "Fixed the lights."}
    )
    duplicate = ConcernFactory(council=council, status="duplicate", duplicate_of=original)
    token = tracking_token_for(duplicate.submission_key)
    body = client.get(
        reverse("public:track_concern", args=[duplicate.reference, token])
    ).content.decode()
    assert original.reference in body
    assert "Fixed the lights." in body


def test_rtl_languages_render_right_to_left(client, istok, category):
    for language in ("ar", "ckb"):
        body = client.get(reverse("public:report"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'dir="rtl"' in body
    assert (
        'dir="ltr"'
        in client.get(reverse("public:report"), HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    )


def test_behind_a_trusted_proxy_each_resident_has_their_own_limit(
    client, istok, category, settings
):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "1/h", "TRUSTED_PROXY_HOPS": 1}
    municipality, _ = istok
    url = reverse("public:report")
    first = client.post(url, report_data(municipality, category), HTTP_X_FORWARDED_FOR="10.0.0.1")
    other = client.post(url, report_data(municipality, category), HTTP_X_FORWARDED_FOR="10.0.0.2")
    # A client cannot dodge the limit by writing its own X-Forwarded-For entry in front.
    again = client.post(
        url, report_data(municipality, category), HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1"
    )
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


# --- What the citizen never sees


def test_notes_written_when_closing_or_referring_stay_off_the_tracking_page(client, istok):
    from concerns import services
    from tests.factories import LocalCouncilFactory, secretary_of

    municipality, council = istok
    local = LocalCouncilFactory(municipality=municipality, parent=council)
    concern = ConcernFactory(council=local)
    services.triage_concern(
        concern, by=secretary_of(local), category=concern.category, note="triage: ask Arben"
    )
    services.refer_to_parent_council(concern, by=secretary_of(local), note="refer: police know him")
    secretary = secretary_of(council)
    services.resolve_concern(concern, by=secretary, public_response="Street lights repaired.")
    services.close_concern(concern, by=secretary, note="close: spoke to reporter on 044")
    token = tracking_token_for(concern.submission_key)
    body = client.get(
        reverse("public:track_concern", args=[concern.reference, token])
    ).content.decode()
    assert "Street lights repaired." in body
    assert "Referred to another council" in body
    for secret in ("ask Arben", "police know him", "044"):
        assert secret not in body


def test_public_action_shows_its_summary_never_its_internal_title(client, tracked_concern):
    from tests.factories import FollowUpActionFactory

    concern, token = tracked_concern
    FollowUpActionFactory(
        council=concern.council,
        concern=concern,
        title="Search house of suspect B.",
        is_public=True,
        public_summary="Police patrols near the school",
    )
    body = client.get(
        reverse("public:track_concern", args=[concern.reference, token])
    ).content.decode()
    assert "Police patrols near the school" in body
    assert "suspect" not in body


def test_a_public_action_needs_a_public_summary(tracked_concern):
    from django.db import IntegrityError, transaction

    from tests.factories import FollowUpActionFactory

    concern, _ = tracked_concern
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpActionFactory(council=concern.council, concern=concern, is_public=True)


def test_confirmation_page_forgets_the_code_after_half_an_hour(client, istok, category):
    import time_machine

    municipality, _ = istok
    client.post(reverse("public:report"), report_data(municipality, category))
    concern = Concern.objects.get()
    token = tracking_token_for(concern.submission_key)
    assert token in client.get(reverse("public:report_done")).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(reverse("public:report_done"))
    assert response.status_code == 302
    assert token not in client.get(response["Location"]).content.decode()


def test_honeypot_message_is_shown_at_the_top_where_a_person_can_read_it(client, istok, category):
    municipality, _ = istok
    response = client.post(
        reverse("public:report"), report_data(municipality, category, website="autofilled")
    )
    assert response.status_code == 400
    assert "The form could not be sent" in response.content.decode()


def test_ipv6_addresses_of_one_subscriber_share_a_limit(client, istok, category, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "1/h"}
    municipality, _ = istok
    url = reverse("public:report")
    first = client.post(url, report_data(municipality, category), REMOTE_ADDR="2001:db8:1:2::1")
    same_64 = client.post(url, report_data(municipality, category), REMOTE_ADDR="2001:db8:1:2::99")
    other_64 = client.post(url, report_data(municipality, category), REMOTE_ADDR="2001:db8:1:3::1")
    assert (first.status_code, same_64.status_code, other_64.status_code) == (302, 429, 302)
