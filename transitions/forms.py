"""Form pieces every transition shares: the empty form, the version field, service refusals."""

from django import forms
from django.core.exceptions import ValidationError

from config.forms import PlainErrorMessages

VERSION_FIELD = "transition_version"


class EmptyForm(PlainErrorMessages, forms.Form):
    """For a transition that is one button: nothing to type."""


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: next to its field when it names one."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


def add_version_field(form: forms.Form, version: str) -> None:
    """The version of the object the form was rendered for, sent back to detect a stale tab."""
    form.fields[VERSION_FIELD] = forms.CharField(
        required=False, initial=version, widget=forms.HiddenInput
    )
