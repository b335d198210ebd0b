"""Form conventions every page shares: error messages written for the people who read them.

Django's defaults ("This field is required.", "Enter a valid date.") do not say which answer is
wrong, and the error summary at the top of a page lists messages away from their fields. So each
message names its field, in words a resident understands. A message given explicitly on a field
(``error_messages=`` or a form's own ``clean_…``) is kept as it is.
"""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

# An example date shown in "enter a real date" messages, written the way the field accepts it.
_EXAMPLE_DATE = date(2026, 4, 23)


def _defaults(field: forms.Field) -> dict[str, str]:
    """Django's own messages for this field's class, to tell them from explicit ones."""
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _is_choice(field: forms.Field) -> bool:
    return isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField
    ) or getattr(field.widget, "input_type", "") in {"radio", "checkbox"}


def plain_messages(field: forms.Field, name: str) -> dict[str, str]:
    """Messages for ``field`` in the active language, naming it by its label."""
    label = str(field.label or name.replace("_", " ").capitalize()).rstrip(":")
    # The label goes into a %-format string that Django fills with the error's params.
    label = label.replace("%", "%%")
    messages: dict[str, str] = {}
    if isinstance(field, forms.FileField):
        messages["required"] = _("Choose a file for “{label}”.")
        messages["invalid"] = _("The file could not be read. Please choose it again.")
        messages["missing"] = _("The file could not be read. Please choose it again.")
        messages["empty"] = _("The file you chose is empty. Please choose another one.")
        messages["max_length"] = _(
            "The file's name is too long: rename it to at most %(max)d characters."
        )
        messages["contradiction"] = _("Either choose a file or remove the current one, not both.")
    elif isinstance(field, forms.BooleanField):
        messages["required"] = _("Tick “{label}” to go on.")
    elif _is_choice(field):
        messages["required"] = _("Choose an answer for “{label}”.")
        messages["invalid_choice"] = _(
            "The answer for “{label}” is not one of the choices. Please choose again."
        )
        messages["invalid_pk_value"] = messages["invalid_choice"]
        messages["invalid_list"] = messages["invalid_choice"]
    else:
        messages["required"] = _("Fill in “{label}”.")
    if isinstance(field, forms.EmailField):
        messages["invalid"] = _("Enter an email address in the form name@example.com.")
    if isinstance(field, forms.CharField):
        messages["max_length"] = _(
            "“{label}” can have at most %(limit_value)d characters; it has %(show_value)d."
        )
        messages["min_length"] = _(
            "“{label}” needs at least %(limit_value)d characters; it has %(show_value)d."
        )
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = _("Enter a real date and time for “{label}”.")
    elif isinstance(field, forms.DateField):
        example = _EXAMPLE_DATE.strftime(formats.get_format("DATE_INPUT_FORMATS")[0])
        messages["invalid"] = _("Enter a real date for “{label}”, for example {example}.").replace(
            "{example}", example
        )
    if isinstance(field, forms.TimeField):
        messages["invalid"] = _("Enter a time for “{label}”, for example 14:30.")
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        messages["invalid"] = _("“{label}” must be a number, for example 42.5.")
        messages["max_value"] = _("“{label}” must be %(limit_value)s or less.")
        messages["min_value"] = _("“{label}” must be %(limit_value)s or more.")
        messages["max_digits"] = _("“{label}” has too many digits.")
        messages["max_decimal_places"] = _("“{label}” has too many digits after the point.")
        messages["max_whole_digits"] = _("“{label}” has too many digits before the point.")
    if isinstance(field, forms.UUIDField):
        messages["invalid"] = _("The form could not be sent. Please send it again.")
    return {key: text.replace("{label}", label) for key, text in messages.items()}


class PlainErrorMessages:
    """Mix into a form (before ``forms.Form``): Django's default messages become plain ones.

    Applied when the form is validated, so that fields a form adds or relabels in its own
    ``__init__`` (attendance rows, a decision's partner bodies) get them too, in the language
    active for the request.
    """

    def full_clean(self):
        for name, field in self.fields.items():
            defaults = _defaults(field)
            plain = plain_messages(field, name)
            field.error_messages = {
                **field.error_messages,
                **{
                    key: text
                    for key, text in plain.items()
                    if field.error_messages.get(key, defaults.get(key)) == defaults.get(key)
                },
            }
        super().full_clean()
