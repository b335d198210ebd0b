"""The secretary's transition forms (declared in concerns/transitions.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from concerns.forms.intake import CategoryChoiceField
from concerns.models import Category, Concern, Priority
from councils.models import Council


class TriageForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    council = forms.ModelChoiceField(
        label=_("Council responsible"), queryset=Council.objects.none()
    )
    note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "category": concern.category_id,
                "priority": concern.priority,
                "council": concern.council_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(
            municipality_id=concern.municipality_id, is_active=True
        )


class ReasonForm(forms.Form):
    """A reason the council keeps for itself (reopening)."""

    reason = forms.CharField(
        label=_("Reason (internal)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to the reporter"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label=_("Reference of the original concern"),
        max_length=32,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    note = forms.CharField(
        label=_("Note, shown to the reporter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_original(self):
        return self.cleaned_data["original"].strip().upper()


class ResolveForm(forms.Form):
    public_response = forms.CharField(
        label=_("Public response"),
        max_length=5000,
        help_text=_("What was done. The reporter and the public tracking page show this text."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        help_text=_("Seen by council members and staff only, never by the reporter."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OptionalNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Not shown to the reporter."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReclassifyForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, concern: Concern, **kwargs):
        kwargs.setdefault(
            "initial", {"category": concern.category_id, "priority": concern.priority}
        )
        super().__init__(*args, prefix="reclassify", **kwargs)
