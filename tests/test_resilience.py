"""Redis stopped during a run of submissions, on PostgreSQL with a real worker: every concern
is saved, no answer is a 5xx, and every acknowledgement is sent exactly once after Redis is
back. bench/bench_resilience.py runs the same scenario with 300 submissions."""

import pytest

from tests.factories import CategoryFactory, CouncilFactory, MunicipalityFactory
from tests.resilience import run_outage
from tests.workers import redis_server

COUNT = 60


@pytest.mark.services("postgres", "redis")
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_redis_stopped_during_submissions_loses_no_concern_and_no_acknowledgement(tmp_path):
    CouncilFactory(municipality=MunicipalityFactory(code="IST", name="Istog"))
    CategoryFactory(code="lighting")
    email_dir = tmp_path / "mail"
    email_dir.mkdir()

    with redis_server() as redis:
        run = run_outage(
            count=COUNT, redis=redis, email_dir=email_dir, worker_log=tmp_path / "worker.log"
        )

    assert run.statuses == {302: COUNT}
    assert run.statuses_during_outage == {302: COUNT // 3}
    assert run.saved == COUNT
    assert run.sent_rows == COUNT
    assert run.emails == COUNT
    assert run.references_never_mailed == []
    assert run.references_mailed_more_than_once == []
