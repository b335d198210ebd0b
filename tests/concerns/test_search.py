"""The inbox search: on PostgreSQL a stored, indexed vector that follows the description."""

import pytest

from concerns import selectors
from concerns.models import Concern
from tests.factories import ConcernFactory, CouncilFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [c.description for c in selectors.search(Concern.objects.all(), text)]


@pytest.fixture
def council():
    return CouncilFactory(municipality=MunicipalityFactory(code="IST"))


def test_search_finds_concerns_with_every_word(council):
    ConcernFactory(council=council, description="Graffiti on the old bridge")
    ConcernFactory(council=council, description="Graffiti at the school")

    assert found("graffiti bridge") == ["Graffiti on the old bridge"]


@pytest.mark.services
def test_stored_vector_follows_an_edited_description(council):
    concern = ConcernFactory(council=council, description="Dogs in the park at night")
    concern.description = "Broken lights on the bridge"
    concern.save()
    Concern.objects.filter(pk=concern.pk).update(status=Concern.Status.TRIAGED)

    assert found("bridge") == ["Broken lights on the bridge"]
    assert found("dogs") == []


@pytest.mark.services
def test_search_reads_the_gin_index_not_the_description(council):
    from django.db import connection

    ConcernFactory.create_batch(3, council=council)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = selectors.search(Concern.objects.all(), "bridge").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")

    assert "concern_search_vector" in plan
    assert "to_tsvector" not in plan
