"""Every endpoint of the API as a call a user makes on the world of ``tests.api.world``: the
query-count tests assert on them and ``bench/api_queries.py`` prints their table.

A list is a path read at two page sizes; a detail or a statistics read, one GET; a transition,
one POST with a body the form accepts, on a target of its own in a state where the step is
possible (so the count is of the step done, not of a refusal).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from concerns.models import Attachment, Concern, ConcernEvent
from councils.models import Meeting, MinutesRevision
from notifications.models import Notification
from policing.models import DueDateChange, FollowUpAction, ProgressUpdate
from reminders.models import Reminder
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
    co_chair_of,
    focal_point_in,
    officer_in,
    secretary_of,
)


@dataclass
class Call:
    method: str
    path: str
    template: str  # the schema's path: "/api/v1/concerns/{id}/triage/"
    user: Any
    body: dict = field(default_factory=dict)
    status: int = 200

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"


def _get(template: str, user, **ids) -> Call:
    return Call("GET", template.format(**ids), template, user)


LISTS = (
    "/api/v1/categories/",
    "/api/v1/municipalities/",
    "/api/v1/settlements/",
    "/api/v1/councils/",
    "/api/v1/partner-bodies/",
    "/api/v1/concerns/",
    "/api/v1/concerns/{id}/events/",
    "/api/v1/concerns/{id}/attachments/",
    "/api/v1/concerns/{id}/public-updates/",
    "/api/v1/concerns/{id}/reporter-messages/",
    "/api/v1/meetings/",
    "/api/v1/meetings/{id}/agenda/",
    "/api/v1/meetings/{id}/attendance/",
    "/api/v1/meetings/{id}/decisions/",
    "/api/v1/meetings/{id}/minutes-revisions/",
    "/api/v1/actions/",
    "/api/v1/actions/{id}/progress-updates/",
    "/api/v1/actions/{id}/due-date-changes/",
    "/api/v1/actions/{id}/reminders/",
    "/api/v1/notifications/",
)


def crowd(w, rows: int) -> None:
    """``rows`` more rows in every list the national coordinator reads, and in the secretary's
    nested lists: enough to fill a page of ``rows``."""
    for n in range(rows):
        CategoryFactory(code=f"extra-{n}")
        MunicipalityFactory(code="M" + chr(65 + n // 26) + chr(65 + n % 26), name=f"Town {n}")
        SettlementFactory(municipality=w.istok, name=f"Place {n}")
        CouncilFactory(municipality=w.istok, name=f"Local {n}", level="local", parent=w.council)
        PartnerBodyFactory(municipality=w.istok, name=f"Body {n}")
        ConcernFactory(council=w.council, category=w.drugs)
        ConcernEvent.objects.create(concern=w.concern, kind="note", note=f"Note {n}")
        ConcernEvent.objects.create(
            concern=w.concern,
            kind=ConcernEvent.Kind.PUBLIC_UPDATE,
            public_text={"sq": f"Lajm {n}"},
            is_public=True,
        )
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


def list_calls(w) -> list[Call]:
    """Read by the national coordinator (every council) but for what only the council reads."""
    ids = {
        "concerns": w.concern.pk,
        "meetings": w.meeting.pk,
        "actions": w.action.pk,
    }
    calls = []
    for template in LISTS:
        resource = template.split("/")[3]
        user = w.national
        if template.endswith(("/reporter-messages/", "/attachments/")):
            user = w.secretary
        calls.append(_get(template, user, id=ids.get(resource)))
    return calls


def detail_calls(w) -> list[Call]:
    notification = Notification.objects.create(user=w.secretary, title="Agenda published")
    return [
        _get("/api/v1/categories/{id}/", w.secretary, id=w.drugs.pk),
        _get("/api/v1/municipalities/{id}/", w.secretary, id=w.istok.pk),
        _get("/api/v1/settlements/{id}/", w.secretary, id=w.settlement.pk),
        _get("/api/v1/councils/{id}/", w.secretary, id=w.council.pk),
        _get("/api/v1/partner-bodies/{id}/", w.secretary, id=w.body.pk),
        _get("/api/v1/concerns/{id}/", w.secretary, id=w.concern.pk),
        _get("/api/v1/meetings/{id}/", w.secretary, id=w.meeting.pk),
        _get("/api/v1/actions/{id}/", w.commander, id=w.action.pk),
        _get("/api/v1/notifications/{id}/", w.secretary, id=notification.pk),
        Call(
            "POST",
            f"/api/v1/notifications/{notification.pk}/read/",
            "/api/v1/notifications/{id}/read/",
            w.secretary,
        ),
        Call(
            "POST",
            "/api/v1/notifications/read-all/",
            "/api/v1/notifications/read-all/",
            w.secretary,
        ),
        Call(
            "POST",
            f"/api/v1/concerns/{w.concern.pk}/reporter-identity/",
            "/api/v1/concerns/{id}/reporter-identity/",
            w.secretary,
        ),
    ]


def statistics_calls(w) -> list[Call]:
    year = timezone.localdate().year
    public = _get("/api/v1/statistics/public/{code}/", None, code=w.istok.code)
    public.path += f"?year={year}"
    return [
        public,
        _get("/api/v1/statistics/councils/{id}/", w.secretary, id=w.council.pk),
        _get("/api/v1/statistics/national/", w.national),
        _get("/api/v1/statistics/police/", w.commander),
        _get("/api/v1/statistics/partners/", focal_point_in(w.body, "focal.istok")),
    ]


def _step(resource: str, name: str, target, user, body=None) -> Call:
    template = f"/api/v1/{resource}/{{id}}/{name}/"
    return Call("POST", template.format(id=target.pk), template, user, body or {})


def transition_calls(w) -> list[Call]:
    """Each step on a target of its own, by a user the policy allows."""
    S = Concern.Status

    def concern(status=S.NEW, **fields):
        return ConcernFactory(council=w.council, category=w.drugs, status=status, **fields)

    text = {"sq": "Policia e vizitoi rrugën.", "sr-latn": "Policija je posetila ulicu."}
    triage = {"category": w.drugs.pk, "priority": "high", "council": w.council.pk}
    local = CouncilFactory(
        municipality=w.istok, name="LPSC Dubovë", level="local", parent=w.council
    )
    local_secretary = secretary_of(local, "secretary.dubove")
    original = concern(S.TRIAGED)
    calls = [
        _step("concerns", "triage", concern(), w.secretary, triage),
        _step("concerns", "reclassify", concern(S.TRIAGED), w.secretary, triage),
        _step("concerns", "agenda", concern(S.TRIAGED), w.secretary),
        _step("concerns", "resolve", concern(S.IN_ACTION), w.secretary, {"public_response": text}),
        _step("concerns", "close", concern(S.RESOLVED), w.secretary),
        _step("concerns", "reopen", concern(S.CLOSED), w.secretary, {"reason": "It is back."}),
        _step(
            "concerns",
            "refer",
            ConcernFactory(council=local, category=w.drugs, status=S.TRIAGED),
            local_secretary,
        ),
        _step("concerns", "duplicate", concern(), w.secretary, {"original": original.reference}),
        _step("concerns", "reject", concern(), w.secretary, {"reason": text}),
        _step("concerns", "message", concern(S.TRIAGED), w.secretary, {"text": text}),
        _step("concerns", "resend_link", concern(), w.secretary),
        _step("concerns", "note", concern(), w.member, {"text": "Seen by the school too."}),
    ]
    M = Meeting.Status
    past = timezone.now() - timedelta(days=1)

    def meeting(status=M.PLANNED, **fields):
        item = MeetingFactory(council=w.council, status=status, **fields)
        AgendaItemFactory(meeting=item, position=1)
        return item

    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    approved = meeting(M.MINUTES_APPROVED, held_at=past, minutes_approved_at=past)
    MinutesRevision.objects.create(
        meeting=approved, number=1, content={"items": []}, approved_by=w.secretary
    )
    co_chair = co_chair_of(w.council, "cochair.istok")
    calls += [
        _step("meetings", "publish-agenda", meeting(), w.secretary),
        _step(
            "meetings",
            "reschedule",
            meeting(),
            w.secretary,
            {"day": day, "start": "18:00", "place": "Town hall"},
        ),
        _step("meetings", "hold", meeting(planned_at=past), w.secretary),
        _step(
            "meetings",
            "submit-minutes",
            meeting(M.HELD, held_at=past, members_present=1),
            w.secretary,
        ),
        _step("meetings", "approve-minutes", meeting(M.MINUTES_DRAFT, held_at=past), co_chair),
        _step("meetings", "publish-minutes", approved, w.secretary),
        _step("meetings", "cancel", meeting(), w.secretary, {"reason": "No quorum."}),
    ]
    A = FollowUpAction.Status
    officer = officer_in(w.unit, "officer.two")

    def action(status=A.OPEN, **fields):
        return FollowUpActionFactory(
            council=w.council, concern=w.concern, responsible_unit=w.unit, status=status, **fields
        )

    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    calls += [
        _step("actions", "assign", action(), w.commander, {"assignee": officer.pk}),
        _step("actions", "start", action(A.ASSIGNED, assignee=officer), w.commander),
        _step(
            "actions",
            "progress",
            action(A.IN_PROGRESS, assignee=officer),
            w.commander,
            {"text": "Two visits.", "visible_to_reporter": True, "public_summary": text},
        ),
        _step(
            "actions",
            "complete",
            action(A.IN_PROGRESS, assignee=officer),
            w.commander,
            {"outcome": "Lamps repaired."},
        ),
        _step("actions", "verify", action(A.COMPLETED, assignee=officer), w.commander),
        _step(
            "actions",
            "reopen",
            action(A.COMPLETED, assignee=officer),
            w.commander,
            {"reason": "One lamp is still out."},
        ),
        _step(
            "actions",
            "due-date",
            action(),
            w.commander,
            {"due_date": due, "reason": "Waiting for the contractor."},
        ),
        _step("actions", "cancel", action(), w.commander, {"reason": "Done by the utility."}),
    ]
    return calls
