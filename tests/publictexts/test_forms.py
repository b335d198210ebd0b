import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from publictexts.forms import MultilingualTextFormField
from tests.factories import MunicipalityFactory


class ResponseForm(forms.Form):
    public_response = MultilingualTextFormField(label="Public response", max_length=20)
    update = MultilingualTextFormField(label="Update", required=False, single_line=True)

    def __init__(self, *args, languages=("sq", "sr-latn", "tr"), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_response"].set_languages(languages)
        self.fields["update"].set_languages(languages)


def rendered(form) -> str:
    return Template(
        '{% for field in form %}{% include "partials/form_field.html" %}{% endfor %}'
    ).render(Context({"form": form}))


def test_one_labelled_textarea_per_official_language_with_lang_and_dir():
    html = rendered(ResponseForm(languages=["sq", "sr-latn", "ar"]))
    assert "<legend>Public response</legend>" in html
    for code, name in [("sq", "Albanian"), ("sr-latn", "Serbian (Latin)"), ("ar", "Arabic")]:
        assert f'<label for="id_public_response_{code}">{name}' in html
        assert re.search(
            rf'<textarea name="public_response_{code}"[^>]* id="id_public_response_{code}"', html
        )
    assert re.search(r'<textarea[^>]*lang="ar" dir="rtl"', html)
    assert re.search(r'<textarea[^>]*lang="sq" dir="ltr"', html)


def test_first_official_language_is_required_the_others_optional():
    html = rendered(ResponseForm())
    assert re.search(r'name="public_response_sq"[^>]*required', html)
    assert not re.search(r'name="public_response_sr-latn"[^>]*required', html)
    assert 'Serbian (Latin) <span class="optional">' in html


def test_single_line_field_renders_inputs():
    html = rendered(ResponseForm())
    assert re.search(r'<input type="text" name="update_tr"', html)


def test_labels_follow_the_interface_language():
    with translation.override("sq"):
        html = rendered(ResponseForm(languages=["sq", "sr-latn"]))
    assert ">Shqip" in html


def test_cleaned_value_has_the_written_languages_in_official_order():
    form = ResponseForm(
        {"public_response_tr": "Evet", "public_response_sq": " Po ", "public_response_sr-latn": ""}
    )
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["public_response"].items()) == [("sq", "Po"), ("tr", "Evet")]
    assert form.cleaned_data["update"] == {}


def test_missing_first_language_is_an_error_naming_it():
    form = ResponseForm({"public_response_sr-latn": "Da"})
    assert not form.is_valid()
    assert form.errors["public_response"] == ["Write the text in Albanian."]


def test_required_languages_can_be_all_of_them():
    form = ResponseForm({"public_response_sq": "Po"})
    form.fields["public_response"].set_languages(
        ["sq", "sr-latn"], required_languages=["sq", "sr-latn"]
    )
    assert not form.is_valid()
    assert form.errors["public_response"] == ["Write the text in Serbian (Latin)."]


def test_optional_field_needs_no_language():
    form = ResponseForm({"public_response_sq": "Po"})
    assert form.is_valid(), form.errors


def test_too_long_text_names_its_language():
    form = ResponseForm({"public_response_sq": "Po", "public_response_tr": "x" * 21})
    assert not form.is_valid()
    assert form.errors["public_response"] == ["Turkish: at most 20 characters (it has 21)."]
    assert 'maxlength="20"' in rendered(form)


def test_errors_are_translated():
    with translation.override("sq"):
        form = ResponseForm({"public_response_sr-latn": "Da"})
        assert not form.is_valid()
        assert form.errors["public_response"] != ["Write the text in Albanian."]


def test_initial_text_in_a_language_no_longer_official_is_shown_and_kept():
    form = ResponseForm(initial={"public_response": {"sq": "Po", "bs": "Da"}}, languages=["sq"])
    html = rendered(form)
    assert 'name="public_response_bs"' in html and ">\nDa</textarea>" in html
    bound = ResponseForm({"public_response_sq": "Po", "public_response_bs": "Da"}, languages=["sq"])
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["public_response"] == {"sq": "Po", "bs": "Da"}


def test_unknown_language_in_the_post_is_ignored():
    form = ResponseForm({"public_response_sq": "Po", "public_response_xx": "?"}, languages=["sq"])
    assert form.is_valid()
    assert form.cleaned_data["public_response"] == {"sq": "Po"}


def test_bound_form_redisplays_what_was_typed():
    form = ResponseForm({"public_response_sr-latn": "Da <b>"})
    assert not form.is_valid()
    assert "Da &lt;b&gt;</textarea>" in rendered(form)


def test_field_without_languages_uses_the_default_official_languages():
    field = MultilingualTextFormField(label="x")
    assert field.languages == ["sq", "sr-latn"]


@pytest.mark.django_db
def test_for_municipality_uses_its_official_languages():
    municipality = MunicipalityFactory(code="PRI", official_languages=["sq", "sr-latn", "tr"])
    field = MultilingualTextFormField(label="x")
    field.for_municipality(municipality)
    assert field.languages == ["sq", "sr-latn", "tr"]
    assert field.required_languages == ["sq"]


def test_form_instances_do_not_share_languages():
    first = ResponseForm(languages=["sq"])
    second = ResponseForm(languages=["tr", "sq"])
    assert first.fields["public_response"].widget.languages == ["sq"]
    assert second.fields["public_response"].widget.languages == ["tr", "sq"]


def test_has_changed():
    field = MultilingualTextFormField(label="x")
    assert not field.has_changed({"sq": "Po"}, {"sq": "Po ", "sr-latn": ""})
    assert field.has_changed({"sq": "Po"}, {"sq": "Jo"})
