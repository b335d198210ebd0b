"""The model field of a public text: ``{language code: text}`` in one JSON column."""

from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from publictexts.languages import language_name, validate_language_code


def validate_multilingual_text(value, *, max_length: int | None = None) -> None:
    """Keys are known language codes, values strings of at most ``max_length`` characters."""
    if value in (None, ""):
        return
    if not isinstance(value, dict):
        raise ValidationError(
            _("A public text is a set of texts by language code, not %(type)s."),
            code="not_a_dict",
            params={"type": type(value).__name__},
        )
    errors = []
    for code, text in value.items():
        try:
            validate_language_code(code)
        except ValidationError as exc:
            errors.extend(exc.error_list)
            continue
        if not isinstance(text, str):
            errors.append(
                ValidationError(
                    _("%(language)s: the text must be a string."),
                    code="not_a_string",
                    params={"language": language_name(code)},
                )
            )
        elif max_length is not None and len(text) > max_length:
            errors.append(
                ValidationError(
                    _("%(language)s: at most %(max)d characters (it has %(length)d)."),
                    code="max_length",
                    params={
                        "language": language_name(code),
                        "max": max_length,
                        "length": len(text),
                    },
                )
            )
    if errors:
        raise ValidationError(errors)


class MultilingualTextField(models.JSONField):
    """A text staff write for the public, in each official language: ``{"sq": "…", "sr-latn": …}``.

    Blank (``{}``) is allowed unless ``blank=False``; ``max_length`` limits each language.
    Its form field is ``publictexts.forms.MultilingualTextFormField``.
    """

    description = _("Text in several languages")

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.text_max_length is not None and (
            not isinstance(self.text_max_length, int) or self.text_max_length <= 0
        ):
            errors.append(
                checks.Error(
                    "max_length must be a positive integer.", obj=self, id="publictexts.E001"
                )
            )
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        path = "publictexts.fields.MultilingualTextField"
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        else:
            kwargs["blank"] = False
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        validate_multilingual_text(value, max_length=self.text_max_length)

    def formfield(self, **kwargs):
        from publictexts.forms import MultilingualTextFormField

        defaults = {
            "form_class": MultilingualTextFormField,
            "max_length": self.text_max_length,
        }
        defaults.update(kwargs)
        # JSONField.formfield would pass encoder/decoder, which the form field does not take.
        return models.Field.formfield(self, **defaults)
