"""Every list of the API costs the same number of queries at any page size.

Each list is read at page_size 3 and 30 (with more than 30 rows); the second must not take more
queries than the first. ``-s`` prints the table that the report quotes:

    .venv/bin/pytest tests/api/test_query_counts.py -s
"""

import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerns.models import Attachment, ConcernEvent
from councils.models import MinutesRevision
from notifications.models import Notification
from policing.models import DueDateChange, ProgressUpdate
from reminders.models import Reminder
from tests.api.conftest import client_for
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CategoryFactory,
    ConcernFactory,
    CouncilFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    PartnerBodyFactory,
    SettlementFactory,
)

ROWS = 31
SMALL, LARGE = 3, 30
COUNTS: dict[str, tuple[int, int]] = {}


@pytest.fixture
def crowded(world):
    w = world
    for n in range(ROWS):
        CategoryFactory(code=f"extra-{n}")
        MunicipalityFactory(code="M" + chr(65 + n // 26) + chr(65 + n % 26), name=f"Town {n}")
        SettlementFactory(municipality=w.istok, name=f"Place {n}")
        CouncilFactory(municipality=w.istok, name=f"Local {n}", level="local", parent=w.council)
        PartnerBodyFactory(municipality=w.istok, name=f"Body {n}")
        ConcernFactory(council=w.council, category=w.drugs)
        ConcernEvent.objects.create(concern=w.concern, kind="note", note=f"Note {n}")
        Attachment.objects.create(
            concern=w.concern, file=f"a/{n}", content_type="image/png", size=1, sha256="0" * 64
        )
        FollowUpActionFactory(council=w.council, responsible_unit=w.unit, assignee=None)
        ProgressUpdate.objects.create(
            action=w.action,
            author=w.commander,
            text=f"Step {n}",
            is_public=True,
            public_summary={"sq": f"Hapi {n}"},
        )
        DueDateChange.objects.create(
            action=w.action,
            old_due_date=date(2026, 1, 1),
            new_due_date=date(2026, 2, 1),
            reason="Later",
            changed_by=w.commander,
        )
        Reminder.objects.create(
            action=w.action, kind="overdue", period=f"2026-11-20/{n}", scan=uuid.uuid4()
        )
        MeetingFactory(council=w.council, planned_at=w.meeting.planned_at - timedelta(days=n))
        item = AgendaItemFactory(meeting=w.meeting, position=10 + n)
        DecisionFactory(agenda_item=item)
        AttendanceFactory(meeting=w.meeting, membership=MembershipFactory(council=w.council))
        MinutesRevision.objects.create(
            meeting=w.meeting,
            number=n + 1,
            content={"items": []},
            approved_by=w.secretary,
            reason="" if n == 0 else "A correction",
        )
        Notification.objects.create(user=w.national, title=f"Notice {n}")
    return w


def _paths(w) -> list[str]:
    return [
        "/api/v1/categories/",
        "/api/v1/municipalities/",
        "/api/v1/settlements/",
        "/api/v1/councils/",
        "/api/v1/partner-bodies/",
        "/api/v1/concerns/",
        f"/api/v1/concerns/{w.concern.pk}/events/",
        f"/api/v1/concerns/{w.concern.pk}/attachments/",
        f"/api/v1/concerns/{w.concern.pk}/public-updates/",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{w.meeting.pk}/agenda/",
        f"/api/v1/meetings/{w.meeting.pk}/attendance/",
        f"/api/v1/meetings/{w.meeting.pk}/decisions/",
        f"/api/v1/meetings/{w.meeting.pk}/minutes-revisions/",
        "/api/v1/actions/",
        f"/api/v1/actions/{w.action.pk}/progress-updates/",
        f"/api/v1/actions/{w.action.pk}/due-date-changes/",
        f"/api/v1/actions/{w.action.pk}/reminders/",
        "/api/v1/notifications/",
    ]


def _get(client, path: str, size: int):
    response = client.get(path, {"page_size": size})
    assert response.status_code == 200, (path, response.content)
    assert len(response.json()["results"]) == size, path


def test_query_count_of_every_list_does_not_grow_with_the_page(
    crowded, django_assert_max_num_queries
):
    for reader in ("national", "secretary"):
        client = client_for(getattr(crowded, reader))
        for path in _paths(crowded):
            if reader == "secretary" and path in {"/api/v1/councils/", "/api/v1/notifications/"}:
                continue  # one council, no notifications: nothing to page through
            with CaptureQueriesContext(connection) as queries:
                _get(client, path, SMALL)
            small = len(queries)
            with django_assert_max_num_queries(small, info=path) as queries:
                _get(client, path, LARGE)
            large = len(queries)
            COUNTS[f"{reader:9} {path}"] = (small, large)
    width = max(len(k) for k in COUNTS)
    print(f"\n{'reader / endpoint':{width}}  page {SMALL:>2}  page {LARGE:>2}")
    for key, (small, large) in COUNTS.items():
        print(f"{key:{width}}  {small:>7}  {large:>7}")
