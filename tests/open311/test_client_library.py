"""An Open311 client library from PyPI (``georeport``, the maintained GeoReport v2 wrapper for
Python 3; ``open311`` and ``three`` are Python 2 only) against the live server: list services,
read a definition, submit, and read the request back, in JSON and in XML.

``georeport`` does not post (its README says so), so the submission is the form POST it
documents, sent with ``requests``, the library's own HTTP client."""

import pytest
import requests
import xmltodict
from georeport import GeoReport

from concerns.models import Concern


@pytest.fixture
def endpoint(live_server):
    return f"{live_server.url}/open311/v2"


def submit(endpoint: str, fmt: str, istog) -> requests.Response:
    return requests.post(
        f"{endpoint}/requests.{fmt}",
        data={
            "jurisdiction_id": "IST",
            "service_code": "lighting",
            "description": "Three street lamps are out on the road to the school.",
            "attribute[settlement]": str(istog.village.pk),
            "attribute[lamps-out]": "3",
            "email": "drita@example.org",
            "first_name": "Drita",
        },
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_a_georeport_client_lists_reads_submits_and_reads_back_in_json(endpoint, istog):
    client = GeoReport(endpoint, jurisdiction="IST")
    services = client.get_service_list()
    assert [s["service_code"] for s in services] == ["lighting", "traffic-safety"]
    definition = client.get_service_definition("lighting")
    assert [a["code"] for a in definition["attributes"]] == ["settlement", "lamps-out", "hazards"]

    response = submit(endpoint, "json", istog)
    assert response.status_code == 201
    reference = response.json()[0]["service_request_id"]
    assert Concern.objects.get(reference=reference).channel == "open311"

    one = client.get_service_request(reference)
    assert one["service_request_id"] == reference
    assert one["status"] == "open"
    assert one["service_code"] == "lighting"
    listed = client.get_service_requests(service_request_id=reference)
    assert [r["service_request_id"] for r in listed] == [reference]
    assert "Drita" not in str(one) + str(listed)


@pytest.mark.django_db(transaction=True)
def test_a_georeport_client_does_the_same_in_xml(endpoint, istog):
    client = GeoReport(endpoint, jurisdiction="IST", output_format="xml")
    services = client.get_service_list()
    assert [s["service_code"] for s in services] == ["lighting", "traffic-safety"]
    definition = client.get_service_definition("lighting")
    attributes = definition["attributes"]["attribute"]
    assert attributes[0]["datatype"] == "singlevaluelist"
    assert {v["name"] for v in attributes[0]["values"]["value"]} == {"Banjë", "Istog town"}

    response = submit(endpoint, "xml", istog)
    assert response.status_code == 201
    posted = xmltodict.parse(response.content)["service_requests"]["request"]
    reference = posted["service_request_id"]

    one = client.get_service_request(reference)
    assert one["service_request_id"] == reference
    assert one["agency_responsible"] == "MCSC Istog"
    listed = client.get_service_requests(service_request_id=reference)
    assert listed["service_request_id"] == reference
    by_token = xmltodict.parse(
        requests.get(f"{endpoint}/tokens/{posted['token']}.xml", timeout=30).content
    )
    assert by_token["service_requests"]["request"]["service_request_id"] == reference
