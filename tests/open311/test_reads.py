"""Contract of the GeoReport v2 reads: every endpoint in JSON and XML, what a GET never shows,
and query counts that do not grow with rows."""

import json
import re
from xml.etree import ElementTree

import pytest

from concerns.models import ConcernEvent
from open311.models import Jurisdiction, Submission
from tests.factories import ConcernFactory
from tests.open311.conftest import backdate

BASE = "/open311/v2"
W3C = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
REPORTER_TRACES = (
    "Arben",
    "arben@example.org",
    "+383 44",
    "Rruga 7",
    "42.78",
    "20.48",
    "by my house",
)


def get_json(client, path, **params):
    response = client.get(f"{BASE}/{path}.json", params)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response, json.loads(response.content)


def get_xml(client, path, **params):
    response = client.get(f"{BASE}/{path}.xml", params)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return response, ElementTree.fromstring(response.content)


def test_discovery_names_the_endpoint_and_its_formats(client, istog):
    response, data = get_json(client, "discovery")
    assert response.status_code == 200
    assert data["endpoints"][0]["url"] == "http://testserver/open311/v2/"
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    _, root = get_xml(client, "discovery")
    assert root.tag == "discovery"
    assert [f.text for f in root.iter("format")] == ["text/xml", "application/json"]


def test_services_are_the_active_categories_without_sensitive_ones(client, istog):
    response, data = get_json(client, "services")
    assert response.status_code == 200
    assert [s["service_code"] for s in data] == ["lighting", "traffic-safety"]
    lighting, traffic = data
    assert lighting["metadata"] is True
    assert traffic["metadata"] is False
    assert lighting["type"] == "realtime"
    assert lighting["service_name"] == "Lighting and infrastructure"


def test_services_in_xml_have_the_spec_elements(client, istog):
    _, root = get_xml(client, "services")
    assert root.tag == "services"
    services = root.findall("service")
    assert [s.findtext("service_code") for s in services] == ["lighting", "traffic-safety"]
    assert services[0].findtext("metadata") == "true"
    assert services[1].findtext("metadata") == "false"


def test_service_names_follow_the_readers_language(client, istog):
    _, data = get_json(client, "services", locale="sq")
    assert data[0]["service_name"] == "Ndriçimi dhe infrastruktura"
    response = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="sq")
    assert json.loads(response.content)[0]["service_name"] == "Ndriçimi dhe infrastruktura"


def test_a_municipality_may_list_sensitive_categories(client, istog):
    Jurisdiction.objects.create(municipality=istog.municipality, lists_sensitive_services=True)
    _, data = get_json(client, "services")
    assert "domestic-violence" in [s["service_code"] for s in data]
    response, _ = get_json(client, "services/domestic-violence")
    assert response.status_code == 200


def test_service_definition_lists_questions_with_settlements_as_values(client, istog):
    response, data = get_json(client, "services/lighting", locale="sq")
    assert response.status_code == 200
    assert data["service_code"] == "lighting"
    settlement, lamps, hazards = data["attributes"]
    assert settlement["code"] == "settlement"
    assert settlement["datatype"] == "singlevaluelist"
    assert settlement["description"] == "Ku është?"
    assert {v["name"] for v in settlement["values"]} == {"Banjë", "Istog town"}
    assert lamps == {
        "variable": True,
        "code": "lamps-out",
        "datatype": "number",
        "required": True,
        "datatype_description": "Një numër",
        "order": 2,
        "description": "How many lamps are out?",
    }
    assert hazards["values"][0] == {"key": "school", "name": "Afër shkollës"}


def test_service_definition_in_xml(client, istog):
    response, root = get_xml(client, "services/lighting")
    assert response.status_code == 200
    assert root.tag == "service_definition"
    attributes = root.find("attributes").findall("attribute")
    assert [a.findtext("code") for a in attributes] == ["settlement", "lamps-out", "hazards"]
    assert attributes[1].findtext("required") == "true"
    values = attributes[2].find("values").findall("value")
    assert [(v.findtext("key"), v.findtext("name")) for v in values] == [
        ("school", "Near a school"),
        ("crossing", "At a crossing"),
    ]


@pytest.mark.parametrize("code", ["domestic-violence", "no-such-service"])
def test_definition_of_a_sensitive_or_unknown_service_is_not_found(client, istog, code):
    response, data = get_json(client, f"services/{code}")
    assert response.status_code == 404
    assert data[0]["code"] == 404
    assert code in data[0]["description"]


def test_requests_show_status_notes_and_dates_but_no_reporter(client, istog):
    response, data = get_json(client, "requests")
    assert response.status_code == 200
    rows = {row["service_request_id"]: row for row in data}
    assert set(rows) == {istog.dark_street.reference, istog.speeding.reference}
    speeding = rows[istog.speeding.reference]
    assert speeding["status"] == "closed"
    assert speeding["status_notes"] == "Speed bumps were installed."
    assert speeding["agency_responsible"] == "MCSC Istog"
    assert speeding["service_code"] == "traffic-safety"
    assert W3C.match(speeding["requested_datetime"])
    assert W3C.match(speeding["updated_datetime"])
    dark = rows[istog.dark_street.reference]
    assert dark["status"] == "open"
    assert dark["address"] == "Banjë"
    assert "lat" not in dark and "description" not in dark
    text = response.content.decode()
    for trace in (*REPORTER_TRACES, "Internal", "cousin"):
        assert trace not in text


def test_requests_in_xml(client, istog):
    response, root = get_xml(client, "requests")
    assert root.tag == "service_requests"
    ids = [r.findtext("service_request_id") for r in root.findall("request")]
    assert set(ids) == {istog.dark_street.reference, istog.speeding.reference}
    for trace in REPORTER_TRACES:
        assert trace not in response.content.decode()


def test_updated_datetime_is_the_latest_public_event(client, istog):
    public = ConcernEvent.objects.create(
        concern=istog.dark_street,
        kind=ConcernEvent.Kind.NOTE,
        note="We asked the utility.",
        is_public=True,
    )
    ConcernEvent.objects.create(
        concern=istog.dark_street,
        kind=ConcernEvent.Kind.NOTE,
        note="Internal call.",
        is_public=False,
    )
    _, data = get_json(client, f"requests/{istog.dark_street.reference}")
    assert data[0]["status_notes"] == "We asked the utility."
    expected = public.created_at.astimezone(istog.council.zone).isoformat(timespec="seconds")
    assert data[0]["updated_datetime"] == expected
    assert data[0]["updated_datetime"].endswith(("+01:00", "+02:00"))


def test_status_notes_are_the_public_text_in_the_readers_language(client, istog):
    ConcernEvent.objects.create(
        concern=istog.dark_street,
        kind=ConcernEvent.Kind.NOTE,
        public_text={"sq": "Dritat u rregulluan.", "sr-latn": "Svetla su popravljena."},
        is_public=True,
    )
    _, data = get_json(client, f"requests/{istog.dark_street.reference}", locale="sr-latn")
    assert data[0]["status_notes"] == "Svetla su popravljena."


def test_one_request_in_json_and_xml(client, istog):
    reference = istog.speeding.reference
    response, data = get_json(client, f"requests/{reference}")
    assert response.status_code == 200
    assert len(data) == 1 and data[0]["service_request_id"] == reference
    response, root = get_xml(client, f"requests/{reference.lower()}")
    assert root.find("request").findtext("status") == "closed"


@pytest.mark.parametrize("which", ["sensitive", "unknown", "malformed"])
def test_a_sensitive_or_unknown_request_is_not_found(client, istog, which):
    reference = {
        "sensitive": istog.hidden.reference,
        "unknown": "IST-2026-99999",
        "malformed": "zz_9",
    }[which]
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/requests/{reference}.{fmt}")
        assert response.status_code == 404
        assert reference in response.content.decode()


def test_requests_never_list_sensitive_concerns_even_by_id(client, istog):
    Jurisdiction.objects.create(municipality=istog.municipality, lists_sensitive_services=True)
    _, data = get_json(client, "requests", service_request_id=istog.hidden.reference)
    assert data == []
    _, data = get_json(client, "requests")
    assert istog.hidden.reference not in {row["service_request_id"] for row in data}


def test_another_municipalitys_request_is_not_found_in_this_jurisdiction(client, peja):
    response, _ = get_json(client, f"requests/{peja.concern.reference}", jurisdiction_id="IST")
    assert response.status_code == 404
    response, data = get_json(client, f"requests/{peja.concern.reference}", jurisdiction_id="PEJ")
    assert response.status_code == 200


def test_with_two_municipalities_the_jurisdiction_is_required(client, peja):
    response, data = get_json(client, "services")
    assert response.status_code == 400
    assert "jurisdiction_id" in data[0]["description"]
    response, data = get_json(client, "services", jurisdiction_id="XYZ")
    assert response.status_code == 404
    response, data = get_json(client, "services", jurisdiction_id="pej")
    assert response.status_code == 200


def test_filters_by_ids_code_dates_and_status(client, istog):
    both = f"{istog.dark_street.reference},{istog.speeding.reference}"
    _, data = get_json(client, "requests", service_request_id=both)
    assert len(data) == 2
    _, data = get_json(client, "requests", service_code="traffic-safety")
    assert [r["service_request_id"] for r in data] == [istog.speeding.reference]
    _, data = get_json(client, "requests", status="open")
    assert [r["service_request_id"] for r in data] == [istog.dark_street.reference]
    _, data = get_json(client, "requests", status="open,closed")
    assert len(data) == 2
    backdate(istog.speeding, 120)
    _, data = get_json(client, "requests")
    assert [r["service_request_id"] for r in data] == [istog.dark_street.reference]
    old = istog.speeding
    old.refresh_from_db()
    day = old.created_at.date()
    _, data = get_json(
        client, "requests", start_date=f"{day}T00:00:00Z", end_date=f"{day}T23:59:59+00:00"
    )
    assert [r["service_request_id"] for r in data] == [old.reference]


def test_tokens_lead_to_the_request_id(client, istog):
    Submission.objects.create(concern=istog.dark_street, token="tok-123")
    response, data = get_json(client, "tokens/tok-123")
    assert response.status_code == 200
    assert data == [{"service_request_id": istog.dark_street.reference, "token": "tok-123"}]
    _, root = get_xml(client, "tokens/tok-123")
    assert root.find("request").findtext("service_request_id") == istog.dark_street.reference


@pytest.mark.parametrize("token", ["sensitive-token", "no-such-token"])
def test_a_sensitive_or_unknown_token_is_not_found(client, istog, token):
    response, data = get_json(client, f"tokens/{token}")
    assert response.status_code == 404


def test_without_an_extension_the_format_parameter_decides_and_xml_is_the_default(client, istog):
    response = client.get(f"{BASE}/services", {"format": "json"})
    assert json.loads(response.content)[0]["service_code"] == "lighting"
    response = client.get(f"{BASE}/services")
    assert ElementTree.fromstring(response.content).tag == "services"


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("discovery", 0),
        ("services", 2),
        ("services/lighting", 4),
        ("requests", 3),
        ("requests/{reference}", 3),
        ("tokens/tok-q", 2),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, istog, django_assert_num_queries, path, queries
):
    Submission.objects.create(concern=istog.dark_street, token="tok-q")
    path = path.format(reference=istog.speeding.reference)
    with django_assert_num_queries(queries):
        client.get(f"{BASE}/{path}.json")
    for _ in range(5):
        concern = ConcernFactory(
            council=istog.council, category=istog.lighting, settlement=istog.town
        )
        ConcernEvent.objects.create(concern=concern, kind="note", note="Public.", is_public=True)
    with django_assert_num_queries(queries):
        response = client.get(f"{BASE}/{path}.json")
    assert response.status_code == 200
