"""Bad input, a contract test each: every case is a 4xx with the spec's error array, in JSON
and in XML, never a 5xx, and nothing is saved."""

import json
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest

from concerns.models import Concern

BASE = "/open311/v2"
FORM = "application/x-www-form-urlencoded"
GOOD = "Three street lamps are out on the road to the school."


def assert_error_array(response, status: int, fmt: str, mentions: str = "") -> None:
    assert response.status_code == status
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        errors = json.loads(response.content)
        assert isinstance(errors, list) and errors
        assert errors[0]["code"] == status
        text = errors[0]["description"]
    else:
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = ElementTree.fromstring(response.content)
        assert root.tag == "errors"
        assert root.find("error").findtext("code") == str(status)
        text = root.find("error").findtext("description")
    assert text
    assert mentions in text


def fields(istog, **changes):
    data = {
        "service_code": "traffic-safety",
        "description": GOOD,
        "lat": "42.78",
        "long": "20.48",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_form(client, fmt, data):
    return client.post(f"{BASE}/requests.{fmt}", urlencode(data, doseq=True), content_type=FORM)


FORMATS = pytest.mark.parametrize("fmt", ["json", "xml"])


@FORMATS
@pytest.mark.parametrize(
    ("changes", "mentions"),
    [
        ({"service_code": "no-such-service"}, "no-such-service"),
        ({"service_code": None}, "service_code"),
        ({"description": None}, "description"),
        ({"description": "short"}, "description"),
        ({"description": "x" * 100_000}, "description"),
        ({"lat": "999"}, "lat"),
        ({"long": "-181"}, "long"),
        ({"lat": "north", "long": "east"}, "lat"),
        ({"lat": "NaN", "long": "20"}, "lat"),
        ({"lat": "Infinity", "long": "20"}, "lat"),
        ({"long": None}, "lat and long"),
        ({"lat": None, "long": None}, "location"),
        ({"address_string": "a" * 300, "lat": None, "long": None}, "address_string"),
        ({"email": "not an email"}, "email"),
        ({"first_name": "a" * 300}, "first_name"),
        ({"attribute[]": "x"}, "attribute[]"),
        ({"attribute[a][b]": "x"}, "attribute[a][b]"),
        ({"attribute[no-such-question]": "x"}, "no-such-question"),
        ({"description": "NUL \x00 inside a description of the concern"}, ""),
    ],
    ids=[
        "unknown-service-code",
        "missing-service-code",
        "missing-description",
        "short-description",
        "100000-char-description",
        "lat-999",
        "long-minus-181",
        "non-numeric",
        "nan",
        "infinity",
        "lat-without-long",
        "no-location",
        "long-address",
        "bad-email",
        "long-name",
        "empty-attribute-key",
        "nested-attribute-key",
        "unknown-attribute",
        "nul-byte",
    ],
)
def test_bad_fields_are_400(client, istog, fmt, changes, mentions):
    response = post_form(client, fmt, fields(istog, **changes))
    assert_error_array(response, 400, fmt, mentions)
    assert not Concern.objects.filter(channel="open311").exists()


@FORMATS
@pytest.mark.parametrize(
    ("answers", "mentions"),
    [
        ({"attribute[lamps-out]": None}, "attribute[lamps-out]"),
        ({"attribute[lamps-out]": "many"}, "attribute[lamps-out]"),
        ({"attribute[settlement]": "999999"}, "999999"),
        ({"attribute[settlement]": ["1", "2"]}, "attribute[settlement]"),
        ({"attribute[hazards][]": ["school", "volcano"]}, "volcano"),
    ],
    ids=[
        "required-missing",
        "not-a-number",
        "unknown-settlement",
        "two-for-single",
        "unknown-value",
    ],
)
def test_bad_answers_are_400(client, istog, fmt, answers, mentions):
    data = {
        "service_code": "lighting",
        "description": GOOD,
        "address_string": "Rruga 7",
        "attribute[lamps-out]": "2",
        **answers,
    }
    response = post_form(client, fmt, {k: v for k, v in data.items() if v is not None})
    assert_error_array(response, 400, fmt, mentions)


@FORMATS
@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"service_code": "traffic-safety", "description": ', "application/json", 400),
        (b'["service_code", "traffic-safety"]', "application/json", 400),
        (b'{"service_code": {"nested": 1}}', "application/json", 400),
        (b'{"description": "\\u0000 hidden NUL in the JSON body"}', "application/json", 400),
        (b"<request><service_code>traffic-safety</service_code>", "text/xml", 400),
        (b"<request><a><b>deep</b></a></request>", "application/xml", 400),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "boom">]><request><description>&e;</description></request>',
            "application/xml",
            400,
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><request>&x;</request>',
            "text/xml",
            400,
        ),
        (b"service_code=traffic-safety&description", FORM, 400),
        (b"service_code=traffic-safety&description=%ff%fe", FORM, 400),
        ("description=Caf\xe9 owner shouts at night at us".encode("latin-1"), FORM, 400),
        ('{"description": "Caf\xe9 owner shouts"}'.encode("latin-1"), "application/json", 400),
        (
            "<request><description>Caf\xe9</description></request>".encode("latin-1"),
            "text/xml",
            400,
        ),
        (b"service_code=traffic-safety", "text/plain", 415),
        (b"service_code=traffic-safety", "application/x-www-form-urlencoded; charset=klingon", 415),
        (b"--boundary\r\nbroken", "multipart/form-data; boundary=boundary", 400),
        (b"anything", "multipart/form-data", 400),
    ],
    ids=[
        "truncated-json",
        "json-array",
        "json-nested-value",
        "json-nul",
        "truncated-xml",
        "xml-nested",
        "xml-entity",
        "xml-external-entity",
        "form-without-equals",
        "form-bad-percent-utf8",
        "form-latin1",
        "json-latin1",
        "xml-latin1",
        "text-plain",
        "unknown-charset",
        "broken-multipart",
        "multipart-without-boundary",
    ],
)
def test_malformed_bodies_are_4xx(client, istog, fmt, body, content_type, status):
    response = client.generic("POST", f"{BASE}/requests.{fmt}", body, content_type=content_type)
    assert_error_array(response, status, fmt)
    assert not Concern.objects.filter(channel="open311").exists()


@FORMATS
@pytest.mark.parametrize(
    ("params", "mentions"),
    [
        ({"service_request_id": "IST-2026-1,,IST-2026-2"}, "service_request_id"),
        ({"service_request_id": "DROP TABLE"}, "DROP TABLE"),
        ({"service_request_id": ",".join(f"IST-2026-{n}" for n in range(101))}, "100"),
        ({"service_code": "no-such-service"}, "no-such-service"),
        ({"service_code": "domestic-violence"}, "domestic-violence"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"end_date": "2026-13-45T00:00:00Z"}, "end_date"),
        ({"start_date": "0001-01-01T00:00:00+14:00"}, "start_date"),
        ({"start_date": "2026-11-01", "end_date": "2026-10-01"}, "start_date"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-11-01T00:00:00Z"}, "90"),
        ({"status": "pending"}, "status"),
        ({"status": "open,"}, "status"),
        ({"jurisdiction_id": "XX"}, "XX"),
    ],
    ids=[
        "empty-id-in-list",
        "not-an-id",
        "too-many-ids",
        "unknown-code",
        "sensitive-code",
        "bogus-start",
        "bogus-end",
        "year-one",
        "start-after-end",
        "more-than-90-days",
        "bogus-status",
        "empty-status-item",
        "unknown-jurisdiction",
    ],
)
def test_bad_request_filters_are_4xx(client, istog, fmt, params, mentions):
    response = client.get(f"{BASE}/requests.{fmt}", params)
    status = 404 if "jurisdiction_id" in params else 400
    assert_error_array(response, status, fmt, mentions)


@FORMATS
@pytest.mark.parametrize(
    "path",
    [
        "requests/IST-2026-99999",
        "requests/not-a-reference",
        "services/no-such-service",
        "tokens/no-such-token",
        "nothing-here",
        "requests/IST-2026-1/extra",
    ],
)
def test_unknown_ids_and_paths_are_404(client, istog, fmt, path):
    assert_error_array(client.get(f"{BASE}/{path}.{fmt}"), 404, fmt)


@FORMATS
def test_a_nul_byte_in_the_path_or_query_is_an_error_array(client, istog, fmt):
    assert_error_array(client.get(f"{BASE}/requests/IST%00.{fmt}"), 404, fmt)
    assert_error_array(client.get(f"{BASE}/requests.{fmt}", {"status": "open\x00"}), 400, fmt)


@FORMATS
def test_other_methods_are_405(client, istog, fmt):
    response = client.delete(f"{BASE}/requests.{fmt}")
    assert_error_array(response, 405, fmt, "DELETE")
    assert "POST" in response["Allow"]
    assert_error_array(client.post(f"{BASE}/services.{fmt}"), 405, fmt)


def test_a_body_over_the_upload_limit_is_400(client, istog, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_form(client, "json", fields(istog, description="x" * 2000))
    assert_error_array(response, 400, "json")


def test_an_unknown_format_is_answered_in_xml(client, istog):
    response = client.get(f"{BASE}/services", {"format": "yaml"})
    assert ElementTree.fromstring(response.content).tag == "services"
    assert_error_array(client.get(f"{BASE}/services.yaml"), 404, "xml")
