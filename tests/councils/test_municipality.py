import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils.models import Municipality
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_new_municipality_gets_the_default_official_languages():
    municipality = Municipality.objects.create(code="GJA", name="Gjakovë")
    assert municipality.official_languages == ["sq", "sr-latn"]
    assert municipality.default_language == "sq"


def test_official_languages_are_validated_on_full_clean():
    municipality = MunicipalityFactory(code="PRZ", official_languages=["sq", "xx"])
    with pytest.raises(ValidationError) as caught:
        municipality.full_clean()
    assert "official_languages" in caught.value.message_dict


def test_administrator_edits_official_languages_as_a_list_of_codes(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    municipality = MunicipalityFactory(code="PRZ", name="Prizren")
    url = reverse("admin:councils_municipality_change", args=[municipality.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="sq, sr-latn"' in page.content.decode()
    assert "rom (Romani)" in page.content.decode()
    data = {
        "code": "PRZ",
        "name": "Prizren",
        "name_translations": "{}",
        "is_active": "on",
        "official_languages": "sq, bs, tr, rom, sr-latn",
        "emergency_number": "112",
        "settlements-TOTAL_FORMS": "0",
        "settlements-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    municipality.refresh_from_db()
    assert municipality.official_languages == ["sq", "bs", "tr", "rom", "sr-latn"]
    assert municipality.emergency_number == "112"

    response = client.post(url, {**data, "official_languages": "sq, klingon"})
    assert response.status_code == 200
    assert "klingon" in response.content.decode()
    municipality.refresh_from_db()
    assert municipality.official_languages == ["sq", "bs", "tr", "rom", "sr-latn"]
