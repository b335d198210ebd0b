"""What a resident sees when the report form comes back: an error summary, plain messages,
what they typed and the photos they chose, and only the chosen municipality's places."""

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from concerns import tasks
from concerns.models import Attachment, Concern, StagedUpload
from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory, SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality, name="MCSC Istog")
    return municipality


@pytest.fixture
def category():
    return CategoryFactory(code="traffic-safety", name="Traffic safety")


def photo(name="photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def report_data(municipality, category, **overrides):
    data = {
        "municipality": municipality.pk,
        "category": category.pk,
        "description": "Cars speed past the primary school every morning.",
        "reporter_email": "drita@example.org",
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }
    data.update(overrides)
    return data


def test_errors_are_summarised_at_the_top_with_links_to_their_fields(client, istok, category):
    data = report_data(istok, category, description="", reporter_email="not-an-address")
    del data["category"]
    response = client.post(reverse("public:report"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Report a concern" in page
    summary = page.split("data-error-summary>")[1].split("</div>")[0]
    assert "There is a problem" in summary
    assert '<a href="#id_category_0">Choose what the concern is about.</a>' in summary
    assert '<a href="#id_description">Describe what happened.</a>' in summary
    assert (
        '<a href="#id_reporter_email">Enter an email address in the form name@example.com.</a>'
        in summary
    )
    # The link targets exist, and each field says what is wrong next to it.
    assert 'id="id_category_0"' in page
    assert 'aria-describedby="id_description_helptext id_description_error"' in page
    assert 'id="id_description_error"' in page


def test_a_form_without_errors_has_no_summary_and_no_error_title(client, istok):
    page = client.get(reverse("public:report")).content.decode()
    assert "data-error-summary" not in page
    assert "<title>Error:" not in page


def test_default_django_messages_are_not_shown_to_residents(client, istok, category):
    data = report_data(istok, category, address="x" * 300, occurred_on="31/02/2026")
    response = client.post(reverse("public:report"), data)
    page = response.content.decode()
    assert "Ensure this value" not in page
    assert "Enter a valid date" not in page
    assert "“Street or place” can have at most 250 characters; it has 300." in page
    assert "Enter a real date for “When did it happen?”, for example 2026-04-23." in page


def test_what_was_typed_is_kept_after_an_error(client, istok, category):
    data = report_data(istok, category, address="Rruga e Shkollës", reporter_email="bad")
    page = client.post(reverse("public:report"), data).content.decode()
    assert "Cars speed past the primary school every morning." in page
    assert 'value="Rruga e Shkollës"' in page


def test_a_checked_photo_is_kept_after_an_error_and_sent_with_the_concern(client, istok, category):
    data = report_data(istok, category, reporter_email="bad", attachments=photo())
    page = client.post(reverse("public:report"), data).content.decode()
    kept = StagedUpload.objects.get()
    assert "photo.jpg kept" in page
    assert f'name="kept" value="{kept.pk}"' in page

    data.update(reporter_email="drita@example.org", kept=str(kept.pk))
    data.pop("attachments")
    response = client.post(reverse("public:report"), data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "photo.jpg"
    assert attachment.concern == Concern.objects.get()
    assert not StagedUpload.objects.exists()


def test_a_kept_photo_the_resident_unticks_is_not_sent(client, istok, category):
    data = report_data(istok, category, reporter_email="bad", attachments=photo())
    client.post(reverse("public:report"), data)
    data.update(reporter_email="drita@example.org")
    data.pop("attachments")
    assert client.post(reverse("public:report"), data).status_code == 302
    assert not Attachment.objects.exists()
    assert not StagedUpload.objects.exists()


def test_a_kept_photo_cannot_be_taken_into_another_form(client, istok, category):
    data = report_data(istok, category, reporter_email="bad", attachments=photo())
    client.post(reverse("public:report"), data)
    kept = StagedUpload.objects.get()
    other = report_data(istok, category, kept=str(kept.pk))
    response = client.post(reverse("public:report"), other)
    assert response.status_code == 400
    assert "A file you chose earlier is no longer kept. Please choose it again." in (
        response.content.decode()
    )
    assert not Concern.objects.exists()


def test_kept_photos_are_removed_after_a_few_hours(
    client, istok, category, django_capture_on_commit_callbacks
):
    data = report_data(istok, category, reporter_email="bad", attachments=photo())
    client.post(reverse("public:report"), data)
    kept = StagedUpload.objects.get()
    stored = kept.file.name
    StagedUpload.objects.update(created_at=timezone.now() - timedelta(hours=4))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.purge_staged_uploads() == 1
    assert not StagedUpload.objects.exists()
    assert not kept.file.storage.exists(stored)


def test_the_rate_limit_refusal_keeps_the_text_on_the_form(client, istok, category, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "1/h"}
    client.post(reverse("public:report"), report_data(istok, category))
    data = report_data(istok, category, description="The street lights are out since May.")
    response = client.post(reverse("public:report"), data)
    page = response.content.decode()
    assert response.status_code == 429
    assert "You have sent several concerns in a short time." in page
    assert "The street lights are out since May." in page
    assert Concern.objects.count() == 1


def test_places_are_grouped_by_municipality(client, istok):
    peja = MunicipalityFactory(code="PEJ", name="Peja")
    SettlementFactory(municipality=istok, name="Osojan")
    SettlementFactory(municipality=peja, name="Vitomirica")
    page = client.get(reverse("public:report")).content.decode()
    assert re.search(r'<optgroup label="Istog">\s*<option value="\d+" data-municipality', page)
    assert '<optgroup label="Peja">' in page
    assert 'data-municipality-select="id_municipality"' in page


def test_a_municipality_page_lists_only_its_own_places(client, istok):
    SettlementFactory(municipality=istok, name="Osojan")
    SettlementFactory(municipality=MunicipalityFactory(code="PEJ"), name="Vitomirica")
    page = client.get(reverse("public:report_municipality", args=["IST"])).content.decode()
    assert "Osojan" in page
    assert "Vitomirica" not in page
    assert "<optgroup" not in page


def test_a_place_of_another_municipality_gets_an_error_that_names_both(client, istok, category):
    elsewhere = SettlementFactory(
        municipality=MunicipalityFactory(code="PEJ", name="Peja"),
        name="Vitomirica",
    )
    response = client.post(
        reverse("public:report"), report_data(istok, category, settlement=elsewhere.pk)
    )
    assert response.status_code == 400
    assert (
        "Vitomirica is in Peja, not in Istog. Choose a place in Istog, or change the municipality."
        in response.content.decode()
    )


def test_the_tracking_form_has_the_same_error_summary(client):
    response = client.post(reverse("public:track"), {"reference": "", "token": ""})
    page = response.content.decode()
    assert "<title>Error: Follow your concern" in page
    assert '<a href="#id_reference">Enter the reference of your concern.</a>' in page
