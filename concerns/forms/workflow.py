"""The secretary's transition forms (declared in concerns/transitions.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from concerns.forms.intake import CategoryChoiceField
from concerns.models import Category, Concern, Priority
from config.forms import PlainErrorMessages
from councils.models import Council
from publictexts.forms import MultilingualTextFormField


class PublicTextForm(PlainErrorMessages, forms.Form):
    """A form whose public texts are written in the concern's official languages."""

    public_text_fields: tuple[str, ...] = ()

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.public_text_fields:
            self.fields[name].for_municipality(municipality)


class TriageForm(PlainErrorMessages, forms.Form):
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


class ReasonForm(PlainErrorMessages, forms.Form):
    """A reason the council keeps for itself (reopening)."""

    reason = forms.CharField(
        label=_("Reason (internal)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(PublicTextForm):
    public_text_fields = ("reason",)

    reason = MultilingualTextFormField(
        label=_("Reason, shown to the reporter"),
        max_length=2000,
        help_text=_("In each official language you can; the first one is required."),
    )


class DuplicateForm(PublicTextForm):
    public_text_fields = ("note",)

    original = forms.CharField(
        label=_("Reference of the original concern"),
        max_length=32,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    note = MultilingualTextFormField(
        label=_("Note, shown to the reporter"), required=False, max_length=2000
    )

    def clean_original(self):
        return self.cleaned_data["original"].strip().upper()


class ResolveForm(PublicTextForm):
    public_text_fields = ("public_response",)

    public_response = MultilingualTextFormField(
        label=_("Public response"),
        max_length=5000,
        help_text=_(
            "What was done, in each official language you can (the first one is required). "
            "The reporter and the public tracking page show this text."
        ),
    )


class PublicUpdateForm(PublicTextForm):
    public_text_fields = ("text",)

    text = MultilingualTextFormField(
        label=_("Message to the reporter"),
        max_length=5000,
        help_text=_(
            "News that does not change the status, e.g. “The police visited the street on "
            "Monday.” Shown on the tracking page and emailed to a reporter who agreed to be "
            "contacted. Never write names or internal details."
        ),
    )


class NoteForm(PlainErrorMessages, forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        help_text=_("Seen by council members and staff only, never by the reporter."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OptionalNoteForm(PlainErrorMessages, forms.Form):
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Not shown to the reporter."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReclassifyForm(PlainErrorMessages, forms.Form):
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
