"""Above the row threshold a list's export is written by a task: the same rows as the streamed
file, progress on the page as it goes, the file for the one who asked only, removed on expiry."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from exports import lists, services
from exports.models import Export
from tests.exports.conftest import read_csv, read_file
from tests.test_storage import bucket  # noqa: F401 (fixture: a moto S3 server)

PERIOD = {"received_from": "2026-11-01", "received_to": "2026-11-30"}


@pytest.fixture
def low_threshold(settings):
    settings.CSC = {**settings.CSC, "EXPORT_BACKGROUND_ROWS": 3, "EXPORT_PROGRESS_EVERY": 1}


def _ask(client, user, params=None, fmt="csv", captured=None):
    client.force_login(user)
    return client.get(reverse("concerns:inbox"), {**(params or PERIOD), "export": fmt})


def test_a_long_list_is_written_in_the_background_with_the_streamed_rows(
    client, world, settings, low_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, world.secretary)
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:detail", args=[export.pk])
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert export.rows_total == export.rows_done == 6
    with export.file.open("rb") as file:
        written = read_file(file)

    settings.CSC = {**settings.CSC, "EXPORT_BACKGROUND_ROWS": 1000}
    streamed = read_csv(_ask(client, world.secretary))
    assert written == streamed
    assert len(written) == 1 + 6

    page = client.get(response["Location"])
    assert b'<progress max="100" value="100"' in page.content
    assert b'http-equiv="refresh"' not in page.content
    download = client.get(reverse("exports:download", args=[export.pk]))
    assert download.status_code == 200
    assert read_csv(download) == streamed


def test_the_file_is_written_in_the_readers_language(
    client, world, low_threshold, django_capture_on_commit_callbacks
):
    client.force_login(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(
            reverse("concerns:inbox"), {**PERIOD, "export": "csv"}, HTTP_ACCEPT_LANGUAGE="sq"
        )
    with Export.objects.get().file.open("rb") as file:
        assert read_file(file)[0][0] == "Numri i referencës"


def test_xlsx_in_the_background(client, world, low_threshold, django_capture_on_commit_callbacks):
    from openpyxl import load_workbook

    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary, fmt="xlsx")
    export = Export.objects.get()
    with export.file.open("rb") as file:
        sheet = load_workbook(file).active
        assert len(list(sheet.values)) == 1 + 6
    assert export.file.name.endswith(".xlsx")


def test_progress_moves_while_the_file_is_written(
    client, world, low_threshold, django_capture_on_commit_callbacks, monkeypatch
):
    """What the progress page reads, looked at from inside the run, row after row."""
    spec = lists.get("concerns.inbox")
    seen = []

    def row(concern):
        export = Export.objects.get()
        seen.append((export.status, export.rows_done, export.rows_total))
        if len(seen) == 3:
            page = client.get(reverse("exports:detail", args=[export.pk]))
            seen.append(page.content.decode())
        return spec.row(concern)

    monkeypatch.setitem(
        lists._REGISTRY, "concerns.inbox", lists.ListExport(**{**spec.__dict__, "row": row})
    )
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary)
    page = seen.pop(3)
    assert seen == [
        ("running", 0, 6),
        ("running", 1, 6),
        ("running", 2, 6),
        ("running", 3, 6),
        ("running", 4, 6),
        ("running", 5, 6),
    ]
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress max="100" value="33"' in page
    assert "2 of 6 rows (33 %)" in page
    assert "export-download" not in page
    assert Export.objects.get().status == Export.Status.DONE


def test_a_queued_export_shows_its_state_and_refreshes(client, world, low_threshold):
    response = _ask(client, world.secretary)  # the task waits for the commit: never here
    page = client.get(response["Location"])
    assert b"Waiting to start" in page.content
    assert b'<meta http-equiv="refresh"' in page.content
    assert client.get(reverse("exports:download", args=[Export.objects.get().pk])).status_code == (
        404
    )


def test_asking_again_while_it_is_written_gives_the_same_export(
    client, world, low_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = _ask(client, world.secretary)
        again = _ask(client, world.secretary)
        other_filters = _ask(client, world.secretary, {"status": "open"})
    assert first["Location"] == again["Location"]
    assert other_filters["Location"] != first["Location"]
    assert Export.objects.count() == 2 and len(queued) == 2
    services.build_export(Export.objects.order_by("pk").first().pk)
    assert _ask(client, world.secretary)["Location"] != first["Location"]  # done: a new file


def test_another_user_cannot_see_or_download_the_export(
    client, world, low_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary)
    export = Export.objects.get()
    for other in (world.co_chair, world.national, world.pej_secretary):
        client.force_login(other)
        assert client.get(reverse("exports:detail", args=[export.pk])).status_code == 404
        assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("exports:download", args=[export.pk])).status_code == 302


def test_an_expired_export_is_gone_and_the_sweep_removes_its_file(
    client, world, low_threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary)
    export = Export.objects.get()
    name = export.file.name
    assert default_storage.exists(name)
    kept = Export.objects.create(
        requested_by=world.secretary,
        list_name="concerns.inbox",
        language="en",
        expires_at=timezone.now() + timedelta(days=3),
    )
    with time_machine.travel(export.expires_at + timedelta(minutes=1), tick=False):
        assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404
        assert services.purge_expired_exports() == 1
    assert not default_storage.exists(name)
    assert list(Export.objects.all()) == [kept]


def test_a_run_again_takes_over_and_a_finished_export_is_left_alone(client, world, low_threshold):
    _ask(client, world.secretary)
    export = Export.objects.get()
    # A worker lost mid-file: the row says running, the message comes back.
    Export.objects.filter(pk=export.pk).update(status="running", run_token="lost", rows_done=2)
    assert services.build_export(export.pk) == Export.Status.DONE
    export.refresh_from_db()
    assert export.rows_done == 6 and export.run_token != "lost"
    first_file = export.file.name
    assert services.build_export(export.pk) == ""
    export.refresh_from_db()
    assert export.file.name == first_file


def test_a_superseded_run_stops_at_its_next_progress_update(client, world, low_threshold):
    _ask(client, world.secretary)
    export = Export.objects.get()
    spec = lists.get("concerns.inbox")
    progress = services._Progress(export.pk, "old", every=1)
    Export.objects.filter(pk=export.pk).update(run_token="new")
    with pytest.raises(services.Superseded):
        list(progress.counting(spec.lines(spec.items(world.secretary, services.as_query({})))))


def test_a_failure_is_shown_as_such(client, world, low_threshold, monkeypatch):
    _ask(client, world.secretary)
    export = Export.objects.get()
    monkeypatch.setitem(lists._REGISTRY, "concerns.inbox", None)
    assert services.build_export(export.pk) == Export.Status.FAILED
    page = client.get(reverse("exports:detail", args=[export.pk]))
    assert b"could not be written" in page.content
    assert b'http-equiv="refresh"' not in page.content


def test_the_task_takes_an_id_and_runs_the_service(client, world, low_threshold):
    from exports.tasks import build_export

    _ask(client, world.secretary)
    export = Export.objects.get()
    build_export.delay(export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert build_export.soft_time_limit == 900


def test_the_file_goes_to_the_s3_compatible_bucket(
    client,
    world,
    low_threshold,
    bucket,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary)
    export = Export.objects.get()
    keys = [o["Key"] for o in bucket.client.list_objects_v2(Bucket=bucket.bucket)["Contents"]]
    assert keys == [export.file.name]
    assert len(read_csv(client.get(reverse("exports:download", args=[export.pk])))) == 1 + 6
    with time_machine.travel(export.expires_at + timedelta(minutes=1), tick=False):
        services.purge_expired_exports()
    assert "Contents" not in bucket.client.list_objects_v2(Bucket=bucket.bucket)


def test_a_secretary_who_left_the_council_gets_no_more_of_its_file(
    client, world, low_threshold, django_capture_on_commit_callbacks
):
    from councils.models import Membership
    from workspace.scopes import forget_scope

    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, world.secretary)
    export = Export.objects.get()
    assert export.status == Export.Status.DONE
    assert client.get(reverse("exports:download", args=[export.pk])).status_code == 200
    Membership.objects.filter(person__user=world.secretary).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    forget_scope(world.secretary)
    client.force_login(world.secretary)
    assert client.get(reverse("exports:detail", args=[export.pk])).status_code == 404
    assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404
