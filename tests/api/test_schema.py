"""The OpenAPI schema is complete and the docs pages work offline."""

import re

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_1_of_the_api_only(schema):
    assert schema["openapi"] == "3.1.0"
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert not any(path.startswith("/api/v1/schema") for path in schema["paths"])


def test_every_operation_declares_the_error_body(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in ("401", "403", "404", "429"):
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (method, path, status)
            if method == "post":
                assert "400" in responses, path
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"status", "code", "detail"}


def test_statuses_are_enums_and_transitions_are_operations(schema):
    components = schema["components"]["schemas"]
    assert "triaged" in components["ConcernStatusEnum"]["enum"]
    assert "verified" in components["ActionStatusEnum"]["enum"]
    assert "post" in schema["paths"]["/api/v1/concerns/{id}/triage/"]
    assert "409" in schema["paths"]["/api/v1/concerns/{id}/triage/"]["post"]["responses"]
    assert "post" in schema["paths"]["/api/v1/meetings/{id}/publish-minutes/"]
    assert "post" in schema["paths"]["/api/v1/actions/{id}/verify/"]
    triage = schema["paths"]["/api/v1/concerns/{id}/triage/"]["post"]["requestBody"]
    body = triage["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(components[body]["properties"]) == {
        "category",
        "priority",
        "council",
        "note",
        "version",
    }


def test_no_schema_component_has_a_reporter_field(schema):
    for name, component in schema["components"]["schemas"].items():
        if name == "ReporterIdentity":
            continue
        properties = set(component.get("properties", {}))
        assert not properties & {"reporter_name", "reporter_email", "reporter_phone"}, name


@pytest.mark.parametrize(
    ("path", "asset"),
    [
        ("/api/v1/docs/", "/static/drf_spectacular_sidecar/redoc/"),
        ("/api/v1/swagger/", "/static/drf_spectacular_sidecar/swagger-ui-dist/"),
    ],
)
def test_the_docs_pages_load_their_scripts_from_this_server(client, path, asset):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert asset in page
    # Nothing from another server: no absolute or protocol-relative URL at all (Redoc's
    # default page preloads Google Fonts; Swagger UI asks its online validator for a badge).
    assert re.findall(r"(?:https?:)?//[\w.-]+", page) == []
    if path == "/api/v1/swagger/":
        assert '"validatorUrl": null' in page


def test_the_staff_footer_links_the_api_documentation(world):
    page = client_for(world.member).get("/staff/concerns/").content.decode()
    assert 'href="/api/v1/docs/"' in page
