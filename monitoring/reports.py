"""Council reports: generated figures, narrative sections, sign-off, attestation, submission.

Every step is one function here, in a transaction, writing a ReportEvent; the national
coordinators are told of a submission through the notifications outbox, after commit.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from councils.models import Council
from monitoring import dashboards
from monitoring.models import CouncilReport, ReportEvent, ReportSection
from monitoring.periods import Period, half_year, year
from workspace.scopes import any_member_of, scope_of

Status = CouncilReport.Status
Kind = CouncilReport.Kind

# The sections a new report starts with; any other key may be added (periodic plan reports).
DEFAULT_SECTIONS = (
    ("summary", gettext_lazy("Summary")),
    ("concerns", gettext_lazy("What residents raised and what was done")),
    ("meetings", gettext_lazy("Meetings, decisions and their outcomes")),
    ("outreach", gettext_lazy("Outreach and representation")),
    ("challenges", gettext_lazy("Challenges and support needed")),
)
# The tables of the council dashboard a report carries.
REPORT_TABLES = (
    "concerns",
    "actions",
    "meetings",
    "category",
    "members_community",
    "members_gender",
)
# A report is late this many days after its period ends.
DUE_AFTER_DAYS = 31


def report_period(report: CouncilReport) -> Period:
    return Period(report.period_start, report.period_end, report.council.zone)


def period_for(kind: str, start_year: int, half: int = 1, zone=None) -> Period:
    return half_year(start_year, half, zone) if kind == Kind.HALF_YEAR else year(start_year, zone)


def can_view_report(user, report: CouncilReport) -> bool:
    scope = scope_of(user)
    return scope.reads_everything or report.council_id in scope.member_of


def can_write_report(user, council: Council | int) -> bool:
    """Generate and edit: the council's secretary."""
    council_id = council if isinstance(council, int) else council.pk
    return council_id in scope_of(user).secretary_of


def can_sign(user, report: CouncilReport) -> bool:
    return can_write_report(user, report.council_id)


def can_attest(user, report: CouncilReport) -> bool:
    return report.council_id in scope_of(user).co_chair_of


def can_submit(user, report: CouncilReport) -> bool:
    scope = scope_of(user)
    return report.council_id in scope.secretary_of or report.council_id in scope.co_chair_of


def figures_of(report: CouncilReport) -> list[dict]:
    """The report's tables as plain data (frozen into the report when it is signed), counted as
    any member of the council counts them, whoever generates it: every member reads the report,
    and sensitive categories are in no member view (../shared/DOMAIN.md), not even as a total
    bigger than the members' own dashboard by a few concerns."""
    reader = any_member_of(report.council_id)
    dashboard = dashboards.council_dashboard(reader, report.council, report_period(report))
    tables = []
    for key in REPORT_TABLES:
        table = dashboard.table(key)
        if table is None:
            continue
        tables.append(
            {
                "key": table.key,
                "title": table.title,
                "columns": [c.label for c in table.columns if c.key != "definition"],
                "rows": [
                    [
                        cell.text
                        for cell, column in zip(row, table.columns, strict=True)
                        if column.key != "definition"
                    ]
                    for row in table.rows
                ],
            }
        )
    return tables


def plan_section_of(report: CouncilReport) -> dict | None:
    """The "Safety action plan" section: the council's adopted plan with its progress."""
    from plans.reporting import plan_section

    return plan_section(report.council, report.period_start, report.period_end)


def _generate(report: CouncilReport, *, by) -> list[str]:
    """Bring the generated parts up to date; the fields to save."""
    report.figures = figures_of(report)
    report.plan_section = plan_section_of(report)
    report.figures_at = timezone.now()
    return ["figures", "plan_section", "figures_at"]


def _event(report: CouncilReport, kind: str, *, by, note: str = "") -> None:
    ReportEvent.objects.create(report=report, kind=kind, actor=by, note=note)


def _lock(report: CouncilReport) -> CouncilReport:
    return CouncilReport.objects.select_for_update().select_related("council").get(pk=report.pk)


@transaction.atomic
def create_report(council: Council, *, by, kind: str, period: Period) -> CouncilReport:
    if not can_write_report(by, council):
        raise PermissionDenied
    if CouncilReport.objects.filter(council=council, kind=kind, period_start=period.start).exists():
        raise ValidationError(_("This council already has that report; open it instead."))
    report = CouncilReport.objects.create(
        council=council,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        created_by=by,
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, key=key, position=index, title=str(title), text={})
        for index, (key, title) in enumerate(DEFAULT_SECTIONS)
    )
    report.save(update_fields=_generate(report, by=by))
    _event(report, "created", by=by)
    return report


@transaction.atomic
def save_sections(report: CouncilReport, *, by, texts: dict[int, dict]) -> CouncilReport:
    """``texts``: section id → its text per language."""
    locked = _lock(report)
    if not can_write_report(by, locked.council_id):
        raise PermissionDenied
    if not locked.is_editable:
        raise ValidationError(_("A signed report cannot be changed; return it to draft first."))
    for section in locked.sections.all():
        if section.pk in texts and texts[section.pk] != section.text:
            section.text = texts[section.pk]
            section.save(update_fields=["text"])
    locked.save(update_fields=[*_generate(locked, by=by), "updated_at"])
    _event(locked, "edited", by=by)
    return locked


def _step(report, to_status, *, by, allowed, note="", **changes) -> CouncilReport:
    locked = _lock(report)
    if not allowed(by, locked):
        raise PermissionDenied
    if not locked.can_transition_to(to_status):
        raise ValidationError(
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Status(to_status).label}
        )
    locked.status = to_status
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save()
    _event(locked, to_status, by=by, note=note)
    return locked


@transaction.atomic
def sign_report(report: CouncilReport, *, by) -> CouncilReport:
    """The secretary signs: the figures and the plan section are generated one last time and
    frozen."""
    _generate(report, by=by)
    return _step(
        report,
        Status.SIGNED,
        by=by,
        allowed=can_sign,
        figures=report.figures,
        plan_section=report.plan_section,
        figures_at=report.figures_at,
        signed_by=by,
        signed_at=timezone.now(),
    )


@transaction.atomic
def attest_report(report: CouncilReport, *, by) -> CouncilReport:
    return _step(
        report,
        Status.ATTESTED,
        by=by,
        allowed=can_attest,
        attested_by=by,
        attested_at=timezone.now(),
    )


@transaction.atomic
def return_report(report: CouncilReport, *, by, reason: str) -> CouncilReport:
    """Back to draft with a reason (the co-chair wants changes before attesting)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what should change.")})
    return _step(
        report,
        Status.DRAFT,
        by=by,
        allowed=lambda user, r: can_sign(user, r) or can_attest(user, r),
        note=reason.strip(),
        signed_by=None,
        signed_at=None,
        attested_by=None,
        attested_at=None,
    )


@transaction.atomic
def submit_report(report: CouncilReport, *, by) -> CouncilReport:
    from notifications.services import absolute_url, queue_email

    submitted = _step(
        report, Status.SUBMITTED, by=by, allowed=can_submit, submitted_at=timezone.now()
    )
    url = absolute_url(reverse("monitoring:report", args=[submitted.pk]))
    for coordinator in User.objects.filter(is_national_coordinator=True, is_active=True).exclude(
        email=""
    ):
        queue_email(
            to=coordinator.email,
            subject=_("Report submitted: %(report)s") % {"report": submitted},
            body=_("%(council)s submitted its report for %(start)s – %(end)s:\n%(url)s\n")
            % {
                "council": submitted.council,
                "start": submitted.period_start,
                "end": submitted.period_end,
                "url": url,
            },
        )
    return submitted


def expected_reports(councils, *, today: date) -> list[tuple]:
    """Per council, the six-monthly and annual reports of the last year whose period is over:
    (council, kind, period, report or None, is_late)."""
    found = {
        (r.council_id, r.kind, r.period_start): r
        for r in CouncilReport.objects.filter(
            council__in=[c.pk for c in councils], period_start__gte=date(today.year - 1, 1, 1)
        )
    }
    rows = []
    periods = []
    for year_value in (today.year - 1, today.year):
        for half in (1, 2):
            periods.append((Kind.HALF_YEAR, half_year(year_value, half)))
        periods.append((Kind.ANNUAL, year(year_value)))
    for council in councils:
        for kind, period in periods:
            if period.end >= today:
                continue
            report = found.get((council.pk, kind, period.start))
            submitted = report is not None and report.status == Status.SUBMITTED
            late = not submitted and today > period.end + timedelta(days=DUE_AFTER_DAYS)
            rows.append((council, kind, period, report, late))
    return rows
