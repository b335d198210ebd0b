"""Input of the action pages: creating an action, and the forms of its transitions."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from concerns.attachments import CheckedUpload, check_uploads
from concerns.forms.intake import MultipleFileField, MultipleFileInput
from concerns.models import Priority
from config.forms import PlainErrorMessages
from policing.models import FollowUpAction, Officer
from publictexts.forms import MultilingualTextFormField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj} · {obj.unit.name}"


def responsible_choices(units, bodies) -> list:
    """One select for "who is responsible": police units and partner bodies in two groups."""
    choices = [("", "---------")]
    if units:
        choices.append((_("Police units"), [(f"unit:{u.pk}", u.name) for u in units]))
    if bodies:
        choices.append((_("Partner bodies"), [(f"body:{b.pk}", b.display_name) for b in bodies]))
    return choices


class ActionForm(PlainErrorMessages, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    responsible = forms.ChoiceField(label=_("Responsible"))
    assignee = OfficerChoiceField(
        label=_("Officer"),
        required=False,
        queryset=Officer.objects.none(),
        help_text=_("Optional: the commander can assign it later."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)

    def __init__(self, *args, units, bodies, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.bodies = {b.pk: b for b in bodies}
        self.fields["responsible"].choices = responsible_choices(units, bodies)
        if officers is None:
            del self.fields["assignee"]
        else:
            self.fields["assignee"].queryset = officers

    def clean(self):
        data = super().clean()
        kind, _sep, pk = (data.get("responsible") or "").partition(":")
        data["responsible_unit"] = self.units.get(int(pk)) if kind == "unit" and pk else None
        data["responsible_body"] = self.bodies.get(int(pk)) if kind == "body" and pk else None
        return data


class AssignForm(PlainErrorMessages, forms.Form):
    assignee = OfficerChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class BulkAssignForm(PlainErrorMessages, forms.Form):
    actions = forms.ModelMultipleChoiceField(
        label=_("Actions"), queryset=FollowUpAction.objects.none(), widget=forms.MultipleHiddenInput
    )
    assignee = OfficerChoiceField(
        label=_("Assign the chosen actions to"), queryset=Officer.objects.none()
    )

    def __init__(self, *args, actions, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = actions
        self.fields["assignee"].queryset = officers
        self.fields["actions"].error_messages["required"] = _("Choose at least one action.")


class NoteForm(PlainErrorMessages, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(PlainErrorMessages, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DueDateForm(PlainErrorMessages, forms.Form):
    due_date = forms.DateField(label=_("New due date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProgressForm(PlainErrorMessages, forms.Form):
    """A progress note, photos or PDFs, and what the reporter may read of it."""

    text_field = "text"
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(
        label=_("Photos or PDF documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    visible_to_reporter = forms.BooleanField(label=_("Visible to the reporter"), required=False)
    public_summary = MultilingualTextFormField(
        label=_("Short public summary"),
        required=False,
        max_length=300,
        single_line=True,
        help_text=_("What the reporter reads on their tracking page and by email."),
    )

    def __init__(self, *args, action: FollowUpAction, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = action.council.municipality or (
            action.concern.municipality if action.concern_id else None
        )
        if municipality is not None:
            self.fields["public_summary"].for_municipality(municipality, required_languages=[])
        if action.concern_id is None:
            del self.fields["visible_to_reporter"]
            del self.fields["public_summary"]

    def clean_attachments(self) -> list[CheckedUpload]:
        files = self.cleaned_data.get("attachments") or []
        limit = settings.CSC["MAX_ATTACHMENTS"]
        if len(files) > limit:
            raise ValidationError(_("You can attach at most %(count)d files.") % {"count": limit})
        return check_uploads(files)


class CompleteForm(ProgressForm):
    text_field = "outcome"
    text = None
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["outcome", "attachments", "visible_to_reporter", "public_summary"]
