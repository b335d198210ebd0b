"""A public text in a form: one textarea (or input) per official language, no JavaScript needed.

    class RespondForm(forms.Form):
        public_response = MultilingualTextFormField(label=_("Public response"), max_length=4000)

        def __init__(self, *args, municipality, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["public_response"].for_municipality(municipality)

``cleaned_data["public_response"]`` is then ``{"sq": "…", "sr-latn": "…"}`` (empty languages
left out). Rendered by ``templates/partials/form_field.html`` as a fieldset: the field's label is
the legend, each language a labelled textarea with ``lang`` and ``dir``.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from publictexts.fields import validate_multilingual_text
from publictexts.languages import (
    default_official_languages,
    direction,
    is_known,
    language_name,
    normalize_code,
    ordered,
)
from publictexts.text import texts_of

FIRST = object()  # required_languages default: the first official language only


class MultilingualTextWidget(forms.Widget):
    """One textarea per language, named ``<name>_<code>`` (``public_response_sr-latn``)."""

    template_name = "publictexts/widgets/multilingual_text.html"

    def __init__(self, attrs=None, *, languages: Iterable[str] = (), single_line: bool = False):
        super().__init__(attrs)
        self.languages = list(languages)
        self.required_languages: list[str] = []
        self.single_line = single_line

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.languages = list(self.languages)
        copy.required_languages = list(self.required_languages)
        return copy

    def languages_for(self, value) -> list[str]:
        """The configured languages, then any other language the current value has text in
        (a language no longer official keeps its text instead of losing it silently)."""
        return ordered([*self.languages, *texts_of(value)], self.languages)

    def format_value(self, value):
        if isinstance(value, str):
            return {}
        return texts_of(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        texts = self.format_value(value)
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        shared = {
            k: v for k, v in context["widget"]["attrs"].items() if k not in {"id", "required"}
        }
        if not self.single_line:
            shared.setdefault("rows", 4)
        context["widget"]["languages"] = [
            {
                "code": code,
                "name": f"{name}_{code}",
                "label": language_name(code),
                "required": code in self.required_languages,
                "value": texts.get(code, ""),
                "attrs": {
                    **shared,
                    "id": f"{base_id}_{code}",
                    "lang": code,
                    "dir": direction(code),
                    **({"required": True} if code in self.required_languages else {}),
                },
            }
            for code in self.languages_for(texts)
        ]
        context["widget"]["single_line"] = self.single_line
        return context

    def id_for_label(self, id_):
        return f"{id_}_{self.languages[0]}" if id_ and self.languages else id_

    def value_from_datadict(self, data, files, name):
        prefix = f"{name}_"
        codes = list(self.languages)
        codes += [
            key[len(prefix) :]
            for key in data
            if key.startswith(prefix)
            and is_known(key[len(prefix) :])
            and key[len(prefix) :] not in codes
        ]
        return {code: data[f"{name}_{code}"] for code in codes if f"{name}_{code}" in data}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{code}" in data for code in self.languages)


class MultilingualTextFormField(forms.Field):
    """A public text in each official language.

    ``required_languages``: the languages that must be written — by default the first official
    language when the field is required, none when it is not; pass a list to require others.
    """

    widget = MultilingualTextWidget
    default_error_messages = {
        "required_language": _("Write the text in %(language)s."),
        "required_any": _("Write the text in at least one language."),
    }

    def __init__(
        self,
        *,
        max_length: int | None = None,
        languages: Iterable[str] | None = None,
        required_languages=FIRST,
        single_line: bool = False,
        **kwargs,
    ):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        self.max_length = max_length
        self._required_languages = required_languages
        kwargs.setdefault("widget", MultilingualTextWidget(single_line=single_line))
        super().__init__(**kwargs)
        if max_length is not None:
            self.widget.attrs.setdefault("maxlength", str(max_length))
        self.set_languages(default_official_languages() if languages is None else languages)

    def set_languages(self, languages: Iterable[str], *, required_languages=None) -> None:
        """Show one input per language, in this order (the first is the default language)."""
        self.languages = [normalize_code(code) for code in languages]
        if required_languages is not None:
            self._required_languages = required_languages
        if self._required_languages is FIRST:
            required = self.languages[:1] if self.required else []
        else:
            required = [normalize_code(code) for code in self._required_languages]
        self.required_languages = required
        self.widget.languages = list(self.languages)
        self.widget.required_languages = list(required)

    def for_municipality(self, municipality, *, required_languages=None) -> None:
        """Shorthand: the municipality's official languages."""
        self.set_languages(municipality.official_languages, required_languages=required_languages)

    def to_python(self, value) -> dict[str, str]:
        if isinstance(value, str):
            value = {self.languages[0]: value} if self.languages else {}
        texts = texts_of(value)
        return {code: texts[code] for code in ordered(texts, self.languages)}

    def validate(self, value: dict[str, str]) -> None:
        """Required means "the required languages are written"; each one missing is an error."""
        errors = [
            ValidationError(
                self.error_messages["required_language"],
                code="required_language",
                params={"language": language_name(code)},
            )
            for code in self.required_languages
            if code not in value
        ]
        if self.required and not value and not errors:
            errors.append(ValidationError(self.error_messages["required_any"], code="required_any"))
        try:
            validate_multilingual_text(value, max_length=self.max_length)
        except ValidationError as exc:
            errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def has_changed(self, initial, data) -> bool:
        return texts_of(initial) != self.to_python(data)


class LanguageListFormField(forms.CharField):
    """An ordered list of language codes typed as "sq, sr-latn, tr" (the admin's official
    languages); the help text names every known code with its language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return list(value)
        text = super().to_python(value)
        return [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        from publictexts.languages import validate_language_list

        validate_language_list(value)

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)
