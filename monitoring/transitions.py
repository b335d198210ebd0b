"""A council report's steps, declared once and served by the one transition view."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from monitoring import reports
from monitoring.models import CouncilReport
from transitions import Transition, TransitionSet

Status = CouncilReport.Status


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("What should change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _get_report(request, pk: int):
    report = (
        CouncilReport.objects.select_related("council", "council__municipality")
        .filter(pk=pk)
        .first()
    )
    if report is None or not reports.can_view_report(request.user, report):
        return None
    return report


report_transitions = TransitionSet(
    namespace="monitoring",
    get_object=_get_report,
    redirect_to=lambda report: reverse("monitoring:report", kwargs={"pk": report.pk}),
    route="reports/<int:pk>/do/<transition_name:name>/",
    version=lambda report: report.updated_at.isoformat(),
    label=str,
)

report_transitions.add(
    Transition(
        name="sign",
        title=_("Sign the report"),
        allowed=reports.can_sign,
        available=lambda report: report.can_transition_to(Status.SIGNED),
        perform=lambda report, *, by, data: reports.sign_report(report, by=by),
        success=_("The report is signed; its figures are frozen. A co-chair attests it next."),
        style="primary",
    )
)
report_transitions.add(
    Transition(
        name="attest",
        title=_("Attest the report"),
        allowed=reports.can_attest,
        available=lambda report: report.can_transition_to(Status.ATTESTED),
        perform=lambda report, *, by, data: reports.attest_report(report, by=by),
        success=_("The report is attested and can be submitted."),
        style="primary",
    )
)
report_transitions.add(
    Transition(
        name="submit",
        title=_("Submit to the national level"),
        allowed=reports.can_submit,
        available=lambda report: report.can_transition_to(Status.SUBMITTED),
        perform=lambda report, *, by, data: reports.submit_report(report, by=by),
        success=_("The report is submitted to the national level."),
        style="primary",
    )
)
report_transitions.add(
    Transition(
        name="return",
        title=_("Return to draft"),
        allowed=lambda user, report: (
            reports.can_sign(user, report) or reports.can_attest(user, report)
        ),
        available=lambda report: report.status in (Status.SIGNED, Status.ATTESTED),
        form_class=ReasonForm,
        prefix="return",
        perform=lambda report, *, by, data: reports.return_report(
            report, by=by, reason=data["reason"]
        ),
        success=_("The report is a draft again."),
    )
)
