"""Concern references: ``IST-2026-00042``; a sequence per municipality and year, unique under
concurrency, never reused."""

import datetime
import threading
import zoneinfo

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from concerns import services
from concerns.models import Concern, ReferenceCounter
from concerns.references import format_reference, next_reference
from tests.factories import CategoryFactory, ConcernFactory, CouncilFactory, MunicipalityFactory

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")


@pytest.fixture
def istok(db):
    municipality = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=municipality)
    return municipality


@pytest.fixture
def peja(db):
    municipality = MunicipalityFactory(code="PEJ", name="Pejë")
    CouncilFactory(municipality=municipality)
    return municipality


def submission(municipality, category):
    return services.Submission(
        municipality=municipality,
        category=category,
        description="Cars race through the village at night.",
    )


def number_of(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])


def test_format_is_code_year_and_five_digit_sequence():
    assert format_reference("IST", 2026, 42) == "IST-2026-00042"
    assert format_reference("PEJ", 2027, 1) == "PEJ-2027-00001"


def test_sequence_past_five_digits_keeps_counting():
    assert format_reference("IST", 2026, 123456) == "IST-2026-123456"


def test_sequence_counts_up_per_municipality(istok, peja):
    year = timezone.localdate().year
    assert next_reference(istok) == f"IST-{year}-00001"
    assert next_reference(istok) == f"IST-{year}-00002"
    assert next_reference(peja) == f"PEJ-{year}-00001"
    assert next_reference(istok) == f"IST-{year}-00003"
    assert next_reference(peja) == f"PEJ-{year}-00002"


def test_sequence_starts_again_each_year(istok):
    assert next_reference(istok, year=2025) == "IST-2025-00001"
    assert next_reference(istok, year=2025) == "IST-2025-00002"
    assert next_reference(istok, year=2026) == "IST-2026-00001"
    assert next_reference(istok, year=2025) == "IST-2025-00003"


def test_the_new_year_starts_at_one(istok):
    category = CategoryFactory()
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 50, tzinfo=BELGRADE), tick=False):
        services.submit_concern(submission(istok, category))
        last = services.submit_concern(submission(istok, category)).concern
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 10, tzinfo=BELGRADE), tick=False):
        first = services.submit_concern(submission(istok, category)).concern
    assert last.reference == "IST-2026-00002"
    assert first.reference == "IST-2027-00001"


def test_submitted_concerns_get_consecutive_references(istok):
    category = CategoryFactory()
    references = [
        services.submit_concern(submission(istok, category)).concern.reference for _ in range(3)
    ]
    year = timezone.localdate().year
    assert references == [f"IST-{year}-{n:05d}" for n in (1, 2, 3)]


def test_number_of_a_deleted_latest_concern_is_never_reused(istok):
    category = CategoryFactory()
    services.submit_concern(submission(istok, category))
    latest = services.submit_concern(submission(istok, category)).concern
    assert number_of(latest.reference) == 2

    latest.delete()
    following = services.submit_concern(submission(istok, category)).concern

    assert number_of(following.reference) == 3
    assert not Concern.objects.filter(reference=latest.reference).exists()


def test_reference_entered_by_hand_is_skipped(istok):
    year = timezone.localdate().year
    ConcernFactory(council=istok.councils.get(), reference=f"IST-{year}-00001")
    assert not ReferenceCounter.objects.exists()
    assert next_reference(istok) == f"IST-{year}-00002"


def test_rolled_back_submission_gives_its_number_back(istok):
    year = timezone.localdate().year
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_reference(istok) == f"IST-{year}-00001"
        raise RuntimeError("the concern could not be saved")
    assert next_reference(istok) == f"IST-{year}-00001"


# --- PostgreSQL: real concurrent transactions


def _run_in_threads(count: int, work) -> tuple[list, list]:
    """Run ``work()`` in ``count`` threads released together; each has its own connection."""
    barrier = threading.Barrier(count)
    results: list = []
    errors: list = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait(timeout=30)
            produced = work()
            with lock:
                results.extend(produced)
        except Exception as exc:  # noqa: BLE001 — reported by the test
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_consecutive_references(require_postgres):
    istok = MunicipalityFactory(code="IST", name="Istog")
    CouncilFactory(municipality=istok)
    category = CategoryFactory()

    def ten_submissions():
        return [
            services.submit_concern(submission(istok, category)).concern.reference
            for _ in range(10)
        ]

    references, errors = _run_in_threads(8, ten_submissions)

    assert errors == []
    assert len(references) == 80
    assert len(set(references)) == 80
    year = timezone.localdate().year
    assert all(ref.startswith(f"IST-{year}-") for ref in references)
    assert sorted(number_of(ref) for ref in references) == list(range(1, 81))
    assert Concern.objects.count() == 80
    assert ReferenceCounter.objects.get(municipality=istok, year=year).last_value == 80


@pytest.mark.django_db(transaction=True)
def test_threads_racing_to_create_the_counter_row_get_unique_numbers(require_postgres):
    istok = MunicipalityFactory(code="IST", name="Istog")

    for year in (2031, 2032, 2033, 2034, 2035):
        assert not ReferenceCounter.objects.filter(year=year).exists()

        def one_number(year=year):
            with transaction.atomic():
                return [next_reference(istok, year=year)]

        references, errors = _run_in_threads(8, one_number)

        assert errors == []
        assert sorted(number_of(ref) for ref in references) == list(range(1, 9))
        assert ReferenceCounter.objects.get(municipality=istok, year=year).last_value == 8
