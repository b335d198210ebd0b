"""Dates are bounded: not before 1900, not in the future beyond a day, in the forms (with a
message residents understand), in the service and in the database."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from concerns import services
from concerns.models import Concern
from tests.concerns.test_public_views import report_data
from tests.factories import (
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    MunicipalityFactory,
    secretary_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def istok():
    municipality = MunicipalityFactory(code="IST", name="Istog")
    council = CouncilFactory(municipality=municipality)
    return municipality, CategoryFactory(code="lighting"), council


def test_year_0001_is_refused_with_a_message_a_resident_understands(client, istok):
    municipality, category, _ = istok
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, occurred_on="0001-01-01", occurred_time="00:00"),
    )
    assert response.status_code == 400
    assert "Please check the year: the date cannot be before" in response.content.decode()
    assert Concern.objects.count() == 0


def test_a_date_in_the_future_is_refused(client, istok):
    municipality, category, _ = istok
    tomorrow = timezone.localdate() + timedelta(days=2)
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, occurred_on=tomorrow.isoformat()),
    )
    assert response.status_code == 400
    assert "This date is in the future." in response.content.decode()


def test_a_plausible_date_is_kept(client, istok):
    municipality, category, _ = istok
    response = client.post(
        reverse("public:report"),
        report_data(municipality, category, occurred_on="1999-03-24", occurred_time="20:15"),
    )
    assert response.status_code == 302
    assert timezone.localtime(Concern.objects.get().occurred_at).year == 1999


def test_the_staff_entry_form_refuses_year_0001_too(client, istok):
    municipality, category, council = istok
    client.force_login(secretary_of(council))
    data = report_data(
        municipality, category, occurred_on="0001-01-01", channel="phone", language="sq"
    )
    response = client.post(reverse("concerns:new"), data)
    assert response.status_code == 400
    assert Concern.objects.count() == 0


@pytest.mark.parametrize(
    "moment", [datetime(1899, 12, 31, tzinfo=UTC), timezone.now() + timedelta(days=3)]
)
def test_the_service_refuses_an_implausible_date(istok, moment):
    municipality, category, _ = istok
    submission = services.Submission(
        municipality=municipality,
        category=category,
        description="Lights out on the main road.",
        occurred_at=moment,
    )
    with pytest.raises(ValidationError) as refused:
        services.submit_concern(submission)
    assert "occurred_on" in refused.value.message_dict


@pytest.mark.parametrize(
    "moment", [datetime(1899, 12, 31, tzinfo=UTC), timezone.now() + timedelta(days=3)]
)
def test_the_database_refuses_an_implausible_date(istok, moment):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConcernFactory(council=istok[2], occurred_at=moment)


def test_a_clock_a_few_hours_ahead_is_forgiven(istok):
    concern = ConcernFactory(council=istok[2], occurred_at=timezone.now() + timedelta(hours=5))
    assert concern.pk


@pytest.mark.parametrize(
    "query",
    [
        {"received_from": "0001-01-01"},
        {"received_to": "9999-12-31"},
        {"received_from": "0001-01-01", "received_to": "9999-12-31"},
    ],
)
def test_inbox_date_filters_far_out_of_range_are_no_error_page(client, istok, query):
    client.force_login(secretary_of(istok[2]))
    response = client.get(reverse("concerns:inbox"), query)
    assert response.status_code == 200


@pytest.mark.services
def test_the_inbox_survives_a_row_with_a_broken_date_inserted_directly(client, istok):
    """As a row written before the constraint existed (year 1 local is year 0 in UTC)."""
    _, _, council = istok
    concern = ConcernFactory(council=council)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE concerns_concern DROP CONSTRAINT concern_occurred_at_plausible")
        cursor.execute(
            "UPDATE concerns_concern SET occurred_at = '0001-01-01 00:00:00+01' WHERE id = %s",
            [concern.pk],
        )
    client.force_login(secretary_of(council))
    response = client.get(reverse("concerns:inbox"))
    assert response.status_code == 200
    assert concern.reference in response.content.decode()
