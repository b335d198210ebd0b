"""Council reports: the council's list (and a new report), a report's page, its sections, its
PDF; the national coordinator's overview of missing and late reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from councils.models import Council
from monitoring import policies, reports
from monitoring.forms import NewReportForm, SectionsForm
from monitoring.models import CouncilReport
from monitoring.transitions import report_transitions
from transitions import add_service_errors


@login_required
def council_reports(request, pk: int):
    council = get_object_or_404(Council.objects.select_related("municipality"), pk=pk)
    if not policies.can_view_council_dashboard(request.user, council):
        raise PermissionDenied
    can_write = reports.can_write_report(request.user, council)
    form = NewReportForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = reports.create_report(
                    council,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    period=form.period(council.zone),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The report was generated from the data; write its sections.")
                )
                return redirect("monitoring:report", pk=report.pk)
    return render(
        request,
        "monitoring/reports/list.html",
        {
            "council": council,
            "reports": council.reports.all()[:50],
            "form": form if can_write else None,
        },
    )


def _report(request, pk: int) -> CouncilReport:
    report = get_object_or_404(
        CouncilReport.objects.select_related("council", "council__municipality"), pk=pk
    )
    if not reports.can_view_report(request.user, report):
        raise PermissionDenied
    return report


@login_required
def report(request, pk: int):
    item = _report(request, pk)
    can_edit = item.is_editable and reports.can_write_report(request.user, item.council)
    sections = list(item.sections.all())
    form = None
    if can_edit:
        form = SectionsForm(
            request.POST or None, sections=sections, municipality=item.council.municipality
        )
        if request.method == "POST" and form.is_valid():
            try:
                reports.save_sections(item, by=request.user, texts=form.texts())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The sections are saved and the figures brought up to date.")
                )
                return redirect("monitoring:report", pk=item.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "monitoring/reports/report.html",
        {
            "report": item,
            "sections": sections,
            "form": form,
            "transitions": report_transitions.available_for(request, item),
            "events": item.events.select_related("actor"),
            "languages": item.council.municipality.official_languages
            if item.council.municipality
            else [],
        },
    )


@login_required
def report_pdf(request, pk: int):
    """The report as a PDF in one of the council's official languages (?language=sq)."""
    from councils.printing import _weasyprint_html

    item = _report(request, pk)
    languages = item.council.municipality.official_languages if item.council.municipality else []
    language = request.GET.get("language") or (
        languages[0] if languages else translation.get_language()
    )
    if languages and language not in languages:
        raise Http404
    with translation.override(language):
        html = render_to_string(
            "monitoring/reports/pdf.html",
            {
                "report": item,
                "sections": [(s, (s.text or {}).get(language, "")) for s in item.sections.all()],
                "language": language,
                "rtl": translation.get_language_bidi(),
            },
            request=request,
        )
    try:
        document = _weasyprint_html()(
            string=html, base_url=request.build_absolute_uri("/")
        ).write_pdf()
    except OSError:
        return HttpResponse(
            _("PDF files cannot be made on this server yet; use the printable page."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    reply = HttpResponse(document, content_type="application/pdf")
    code = item.council.municipality.code if item.council.municipality else "csc"
    reply["Content-Disposition"] = (
        f'inline; filename="{code}-{item.period_start:%Y-%m}-{item.kind}-{language}.pdf"'
    )
    return reply


@login_required
def national_reports(request):
    if not policies.can_view_national_dashboard(request.user):
        raise PermissionDenied
    councils = list(
        policies.dashboard_councils(request.user)
        .filter(level=Council.Level.MUNICIPAL)
        .order_by("municipality__name", "name")
    )
    rows = reports.expected_reports(councils, today=timezone.localdate())
    return render(
        request,
        "monitoring/reports/national.html",
        {
            "rows": rows,
            "missing": sum(1 for r in rows if r[3] is None),
            "late": sum(1 for r in rows if r[4]),
        },
    )
