"""Input of the plan and priority pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Settlement
from plans.models import SafetyPlan
from policing.models import FollowUpAction, PartnerBody, PoliceUnit
from policing.policies import actions_visible_to
from publictexts.forms import MultilingualTextFormField


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


class PlanForm(forms.Form):
    title = MultilingualTextFormField(label=_("Title"), max_length=200, single_line=True)
    starts_on = forms.DateField(label=_("Period starts"), widget=_date_input())
    ends_on = forms.DateField(label=_("Period ends"), widget=_date_input())
    part_of = forms.ModelChoiceField(
        label=_("Yearly part of the multi-year plan"),
        queryset=SafetyPlan.objects.none(),
        required=False,
        help_text=_("Leave empty for an annual or a multi-year plan of its own."),
    )

    def __init__(self, *args, council: Council, new: bool = False, **kwargs):
        """``new``: a plan being created may be a yearly part; a plan's part never changes."""
        super().__init__(*args, **kwargs)
        self.fields["title"].for_municipality(council.municipality)
        if new:
            self.fields["part_of"].queryset = SafetyPlan.objects.filter(
                council=council, part_of__isnull=True
            ).order_by("-starts_on")
        else:
            del self.fields["part_of"]


class ObjectiveForm(forms.Form):
    title = MultilingualTextFormField(label=_("Objective"), max_length=300)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].for_municipality(council.municipality)


class ActivityForm(forms.Form):
    title = MultilingualTextFormField(label=_("Activity"), max_length=300)
    responsible_unit = forms.ModelChoiceField(
        label=_("Police unit responsible"), queryset=PoliceUnit.objects.none(), required=False
    )
    responsible_body = forms.ModelChoiceField(
        label=_("Or a partner body responsible"),
        queryset=PartnerBody.objects.none(),
        required=False,
    )
    starts_on = forms.DateField(label=_("Starts"), widget=_date_input())
    ends_on = forms.DateField(label=_("Due"), widget=_date_input())
    budget_line = forms.CharField(label=_("Budget line"), max_length=200, required=False)
    budget_amount = forms.DecimalField(
        label=_("Budget (EUR)"), max_digits=12, decimal_places=2, required=False, min_value=0
    )
    indicator = MultilingualTextFormField(
        label=_("Indicator"), max_length=300, required=False, single_line=True
    )
    baseline = forms.DecimalField(
        label=_("Baseline"), max_digits=12, decimal_places=2, required=False
    )
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2, required=False)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = council.municipality
        self.fields["title"].for_municipality(municipality)
        self.fields["indicator"].for_municipality(municipality)
        self.fields["indicator"].required = False
        self.fields["responsible_unit"].queryset = PoliceUnit.objects.filter(
            municipality=municipality, is_active=True
        )
        self.fields["responsible_body"].queryset = PartnerBody.objects.filter(
            municipality=municipality, is_active=True
        )

    def clean(self):
        data = super().clean()
        if not data.get("responsible_unit") and not data.get("responsible_body"):
            self.add_error(
                "responsible_unit", _("Choose who is responsible: a police unit or a partner body.")
            )
        elif data.get("responsible_unit") and data.get("responsible_body"):
            self.add_error("responsible_body", _("Choose one: a police unit or a partner body."))
        return data


class IndicatorValueForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    measured_on = forms.DateField(
        label=_("Measured on"), initial=timezone.localdate, widget=_date_input()
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)


class LinkActionForm(forms.Form):
    action = forms.ModelChoiceField(
        label=_("Follow-up action"), queryset=FollowUpAction.objects.none()
    )

    def __init__(self, *args, council: Council, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the secretary may read: a sensitive concern's action is not listed.
        self.fields["action"].queryset = (
            actions_visible_to(user)
            .filter(council=council, plan_link__isnull=True)
            .exclude(status=FollowUpAction.Status.CANCELLED)
            .order_by("-created_at")
        )


class SubmitForm(forms.Form):
    submitted_on = forms.DateField(
        label=_("Submitted on"), initial=timezone.localdate, widget=_date_input()
    )


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=_date_input())
    reference = forms.CharField(label=_("Assembly decision reference"), max_length=100)


class RevisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the plan is revised"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PriorityForm(forms.Form):
    title = MultilingualTextFormField(label=_("Issue"), max_length=200, single_line=True)
    commitment = MultilingualTextFormField(
        label=_("What will be done"), max_length=2000, required=False
    )
    settlements = forms.ModelMultipleChoiceField(
        label=_("Settlements"),
        queryset=Settlement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].for_municipality(council.municipality)
        self.fields["commitment"].for_municipality(council.municipality)
        self.fields["commitment"].required = False
        self.fields["settlements"].queryset = Settlement.objects.filter(
            municipality=council.municipality
        ).order_by("name")


class PriorityUpdateForm(forms.Form):
    on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=_date_input())
    text = MultilingualTextFormField(label=_("What we are doing"), max_length=2000)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].for_municipality(council.municipality)


class CloseForm(forms.Form):
    closed_on = forms.DateField(
        label=_("Closed on"), initial=timezone.localdate, widget=_date_input()
    )
    outcome = MultilingualTextFormField(label=_("Outcome"), max_length=2000)

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].for_municipality(priority.council.municipality)


class LinkConcernForm(forms.Form):
    reference = forms.CharField(label=_("Concern reference"), max_length=30)
