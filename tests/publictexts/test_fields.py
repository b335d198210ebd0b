import pytest
from django.core.exceptions import ValidationError

from publictexts.fields import MultilingualTextField, validate_multilingual_text
from publictexts.forms import MultilingualTextFormField


def test_valid_texts_pass():
    validate_multilingual_text({"sq": "Po", "sr-latn": "Da", "tr": "Evet", "rom": "Va"})
    validate_multilingual_text({})


def test_unknown_language_code_is_refused():
    with pytest.raises(ValidationError, match="xx"):
        validate_multilingual_text({"xx": "?"})


def test_language_code_in_django_file_form_is_refused_with_its_normal_form():
    with pytest.raises(ValidationError, match="sr-latn"):
        validate_multilingual_text({"sr_Latn": "Da"})


def test_non_string_text_is_refused():
    with pytest.raises(ValidationError, match="string"):
        validate_multilingual_text({"sq": 3})


def test_a_list_is_not_a_public_text():
    with pytest.raises(ValidationError):
        validate_multilingual_text(["sq", "Po"])


def test_max_length_applies_to_each_language():
    validate_multilingual_text({"sq": "12345", "sr-latn": "12345"}, max_length=5)
    with pytest.raises(ValidationError) as caught:
        validate_multilingual_text({"sq": "12345", "sr-latn": "123456"}, max_length=5)
    assert caught.value.messages == ["Serbian (Latin): at most 5 characters (it has 6)."]


def test_model_field_clean_validates():
    field = MultilingualTextField(max_length=3)
    assert field.clean({"sq": "abc"}, None) == {"sq": "abc"}
    assert field.clean({}, None) == {}
    with pytest.raises(ValidationError):
        field.clean({"sq": "abcd"}, None)


def test_model_field_that_is_not_blank_refuses_an_empty_text():
    with pytest.raises(ValidationError):
        MultilingualTextField(blank=False).clean({}, None)


def test_model_field_defaults_to_an_empty_dict_and_blank():
    field = MultilingualTextField()
    assert field.get_default() == {} and field.blank


def test_deconstruct_round_trips():
    field = MultilingualTextField("response", max_length=400, blank=False)
    name, path, args, kwargs = field.deconstruct()
    assert path == "publictexts.fields.MultilingualTextField"
    assert kwargs == {"verbose_name": "response", "max_length": 400, "blank": False}
    again = MultilingualTextField(*args, **kwargs)
    assert again.text_max_length == 400 and not again.blank and again.get_default() == {}
    assert MultilingualTextField().deconstruct()[3] == {}


def test_formfield_is_the_multilingual_form_field():
    formfield = MultilingualTextField("response", max_length=400).formfield()
    assert isinstance(formfield, MultilingualTextFormField)
    assert formfield.max_length == 400 and not formfield.required
