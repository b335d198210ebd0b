"""The data steps of this wave's migrations, run against the current models."""

from importlib import import_module

import pytest
from django.apps import apps

from concerns.models import Category
from councils.models import Municipality
from tests.factories import CategoryFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_existing_municipalities_get_albanian_and_serbian():
    migration = import_module("councils.migrations.0003_municipality_languages_emergency_number")
    MunicipalityFactory(code="IST", official_languages=[])
    MunicipalityFactory(code="PRZ", official_languages=["tr"])
    migration.set_official_languages(apps, None)
    assert list(Municipality.objects.values_list("official_languages", flat=True)) == [
        ["sq", "sr-latn"],
        ["sq", "sr-latn"],
    ]


def test_domestic_violence_and_human_trafficking_become_sensitive():
    migration = import_module("concerns.migrations.0005_category_is_sensitive")
    for code in ("domestic-violence", "human-trafficking", "drugs"):
        CategoryFactory(code=code, is_sensitive=False)
    migration.mark_sensitive(apps, None)
    assert set(Category.objects.filter(is_sensitive=True).values_list("code", flat=True)) == {
        "domestic-violence",
        "human-trafficking",
    }
