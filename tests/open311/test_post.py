"""Contract of ``POST requests``: a concern through the intake service, with channel open311,
in every body format, anonymous or with a client's key, and what a later GET shows of it."""

import json
from xml.etree import ElementTree

import pytest
from django.core import mail

from concerns.models import Channel, Concern
from open311.models import Client, Submission

BASE = "/open311/v2"
FORM = "application/x-www-form-urlencoded"


def post(client, fmt="json", content_type=FORM, **fields):
    from urllib.parse import urlencode

    return client.post(
        f"{BASE}/requests.{fmt}", urlencode(fields, doseq=True), content_type=content_type
    )


def lighting_request(istog, **extra):
    return {
        "service_code": "lighting",
        "description": "Three street lamps are out on the road to the school.",
        "attribute[settlement]": str(istog.village.pk),
        "attribute[lamps-out]": "3",
        **extra,
    }


def test_an_anonymous_post_becomes_a_new_open311_concern(
    client, istog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, **lighting_request(istog))
    assert response.status_code == 201
    row = json.loads(response.content)[0]
    concern = Concern.objects.get(reference=row["service_request_id"])
    assert concern.channel == Channel.OPEN311
    assert concern.status == Concern.Status.NEW
    assert concern.settlement == istog.village
    assert concern.council == istog.council
    assert concern.is_anonymous
    assert "How many lamps are out?: 3" in concern.description
    assert concern.events.get().kind == "submitted"
    submission = Submission.objects.get(concern=concern)
    assert row["token"] == submission.token
    assert submission.client is None
    assert submission.answers == {"settlement": str(istog.village.pk), "lamps-out": "3"}
    assert concern.reference in row["service_notice"]
    assert "/track/" in row["service_notice"]
    assert mail.outbox == []


def test_contact_details_become_the_reporter_and_get_the_acknowledgement(
    client, istog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            **lighting_request(
                istog,
                email="drita@example.org",
                first_name="Drita",
                last_name="Berisha",
                phone="+383 49 555 111",
            ),
        )
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert not concern.is_anonymous
    assert concern.reporter_name == "Drita Berisha"
    assert concern.reporter_email == "drita@example.org"
    assert concern.reporter_phone == "+383 49 555 111"
    assert concern.consent_to_contact
    assert [m.to for m in mail.outbox] == [["drita@example.org"]]
    assert concern.reference in mail.outbox[0].subject + mail.outbox[0].body


def test_an_app_may_say_the_resident_does_not_want_to_be_contacted(client, istog):
    response = post(
        client, **lighting_request(istog, email="drita@example.org", contact_consent="false")
    )
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert concern.reporter_email == "drita@example.org"
    assert not concern.consent_to_contact


def test_the_reporter_never_appears_in_a_get_of_the_posted_request(client, istog):
    response = post(
        client,
        **lighting_request(
            istog, email="drita@example.org", first_name="Drita", phone="+383 49 555 111"
        ),
    )
    reference = json.loads(response.content)[0]["service_request_id"]
    for path in (
        f"requests/{reference}.json",
        f"requests/{reference}.xml",
        "requests.json",
        "requests.xml",
    ):
        text = client.get(f"{BASE}/{path}").content.decode()
        assert reference in text
        for trace in ("Drita", "drita@example.org", "555 111", "street lamps", "lamps are out"):
            assert trace not in text


def test_lat_long_or_an_address_is_a_location_too(client, istog):
    response = post(
        client,
        service_code="traffic-safety",
        description="Cars race past the school every morning.",
        lat="42.7801",
        long="20.4812",
    )
    assert response.status_code == 201
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert str(concern.latitude) == "42.780100"
    response = post(
        client,
        service_code="traffic-safety",
        description="Cars race past the school every morning.",
        address_string="Rruga e Shkollës",
    )
    assert response.status_code == 201


def test_multivaluelist_answers_are_kept(client, istog):
    response = post(
        client, **lighting_request(istog, **{"attribute[hazards][]": ["school", "crossing"]})
    )
    assert response.status_code == 201
    submission = Submission.objects.get(
        concern__reference=json.loads(response.content)[0]["service_request_id"]
    )
    assert submission.answers["hazards"] == ["school", "crossing"]


def test_a_json_body_is_accepted(client, istog):
    body = {
        "service_code": "lighting",
        "description": "Three street lamps are out on the road to the school.",
        "attribute": {"settlement": str(istog.town.pk), "lamps-out": 2, "hazards": ["school"]},
    }
    response = client.post(
        f"{BASE}/requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert concern.settlement == istog.town


def test_an_xml_body_is_accepted_and_answered_in_xml(client, istog):
    body = (
        "<?xml version='1.0' encoding='utf-8'?><request><service_code>lighting</service_code>"
        "<description>Three street lamps are out on the road to the school.</description>"
        f"<attribute><settlement>{istog.village.pk}</settlement><lamps-out>4</lamps-out></attribute>"
        "</request>"
    )
    response = client.post(f"{BASE}/requests.xml", body, content_type="text/xml")
    assert response.status_code == 201
    root = ElementTree.fromstring(response.content)
    assert root.tag == "service_requests"
    reference = root.find("request").findtext("service_request_id")
    assert Concern.objects.filter(reference=reference, channel="open311").exists()


def test_a_multipart_post_with_a_photo_ignores_the_photo(client, istog):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        **lighting_request(istog),
        "media": SimpleUploadedFile("p.jpg", b"\xff\xd8\xff", "image/jpeg"),
    }
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == 201
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert not concern.attachments.exists()


def test_media_url_is_accepted_and_never_fetched(client, istog, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("media_url must not be fetched")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    response = post(client, **lighting_request(istog, media_url="http://127.0.0.1:8349/photo.jpg"))
    assert response.status_code == 201
    concern = Concern.objects.get(reference=json.loads(response.content)[0]["service_request_id"])
    assert "8349" not in concern.description


def test_a_clients_key_is_recognised_and_recorded(client, istog, city_app):
    response = post(client, **lighting_request(istog, api_key=city_app.key))
    assert response.status_code == 201
    submission = Submission.objects.get(
        concern__reference=json.loads(response.content)[0]["service_request_id"]
    )
    assert submission.client == city_app.client
    city_app.client.refresh_from_db()
    assert city_app.client.last_used_at is not None


def test_the_key_may_also_come_in_the_query_string(client, istog, city_app, keys_required):
    from urllib.parse import urlencode

    response = client.post(
        f"{BASE}/requests.json?api_key={city_app.key}&jurisdiction_id=IST",
        urlencode(lighting_request(istog)),
        content_type=FORM,
    )
    assert response.status_code == 201


@pytest.mark.parametrize("key", ["", "not-a-key", "inactive", "other-municipality"])
def test_where_keys_are_required_a_post_without_a_valid_one_is_refused(
    client, istog, city_app, keys_required, peja, key
):
    if key == "inactive":
        Client.objects.filter(pk=city_app.client.pk).update(is_active=False)
        key = city_app.key
    if key == "other-municipality":
        Client.objects.filter(pk=city_app.client.pk).update(municipality=peja.municipality)
        key = city_app.key
    fields = lighting_request(istog, jurisdiction_id="IST")
    if key:
        fields["api_key"] = key
    response = post(client, **fields)
    assert response.status_code == 403
    assert json.loads(response.content)[0]["code"] == 403
    assert not Concern.objects.filter(channel="open311").exists()


def test_an_invalid_key_is_refused_even_where_keys_are_optional(client, istog):
    response = post(client, **lighting_request(istog, api_key="guess"))
    assert response.status_code == 403


def test_a_sensitive_service_is_refused_unless_the_municipality_opted_in(client, istog):
    fields = {
        "service_code": "domestic-violence",
        "description": "My neighbour hits his wife, I hear it at night.",
        "address_string": "Istog",
    }
    response = post(client, **fields)
    assert response.status_code == 400
    from open311.models import Jurisdiction

    Jurisdiction.objects.create(municipality=istog.municipality, lists_sensitive_services=True)
    response = post(client, **fields)
    assert response.status_code == 201
    reference = json.loads(response.content)[0]["service_request_id"]
    token = json.loads(response.content)[0]["token"]
    assert client.get(f"{BASE}/requests/{reference}.json").status_code == 404
    assert client.get(f"{BASE}/tokens/{token}.json").status_code == 404
    assert reference not in client.get(f"{BASE}/requests.json").content.decode()


def test_anonymous_posts_share_the_web_forms_rate_limit(client, istog, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "2/h"}
    assert post(client, **lighting_request(istog)).status_code == 201
    assert post(client, **lighting_request(istog)).status_code == 201
    response = post(client, **lighting_request(istog))
    assert response.status_code == 429
    assert json.loads(response.content)[0]["code"] == 429
    assert Concern.objects.filter(channel="open311").count() == 2


def test_a_client_app_has_a_limit_of_its_own(client, istog, city_app, settings):
    settings.CSC = {**settings.CSC, "REPORT_RATE_LIMIT": "1/h", "OPEN311_CLIENT_RATE_LIMIT": "3/h"}
    codes = [
        post(client, **lighting_request(istog, api_key=city_app.key)).status_code for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_a_post_costs_a_bounded_number_of_queries(client, istog, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = post(client, **lighting_request(istog, email="drita@example.org"))
    assert response.status_code == 201
