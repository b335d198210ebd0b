"""A background export through a real Celery worker on a Redis of the test's own: the worker
finds the list in its registry, writes the file where the web process reads it, and the page
the requester refreshes goes from waiting to the download link."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from exports.models import Export
from tests.exports.conftest import read_csv
from tests.factories import CategoryFactory, ConcernFactory, CouncilFactory, secretary_of
from tests.resilience import use_broker
from tests.workers import celery_worker, redis_server, wait_for

pytestmark = [
    pytest.mark.services("postgres", "redis"),
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def broker():
    with redis_server() as redis:
        use_broker(redis.url)
        try:
            yield redis
        finally:
            use_broker(django_settings.CELERY_BROKER_URL)


def test_a_worker_writes_the_export_and_the_requester_downloads_it(
    broker, client, settings, tmp_path
):
    council = CouncilFactory()
    category = CategoryFactory()
    for _ in range(12):
        ConcernFactory(council=council, category=category)
    secretary = secretary_of(council)
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CSC_EXPORT_BACKGROUND_ROWS": "5",
        "CSC_EXPORT_PROGRESS_EVERY": "2",
    }
    settings.CSC = {**settings.CSC, "EXPORT_BACKGROUND_ROWS": 5}
    client.force_login(secretary)
    with celery_worker(redis_url=broker.url, email_dir=mail, extra_env=env):
        response = client.get(reverse("concerns:inbox"), {"export": "csv"})
        assert response.status_code == 302
        export = Export.objects.get()
        wait_for(
            lambda: Export.objects.filter(pk=export.pk, status="done").exists(),
            timeout=60,
            log=tmp_path / "worker.log",
        )
    page = client.get(response["Location"])
    assert b"export-download" in page.content
    rows = read_csv(client.get(reverse("exports:download", args=[export.pk])))
    assert len(rows) == 1 + 12
    assert rows[0][0] == "Reference"
