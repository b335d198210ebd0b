import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from publictexts.languages import (
    direction,
    known_language_codes,
    language_name,
    normalize_code,
    validate_language_list,
)


def test_interface_languages_and_other_official_languages_are_known():
    codes = known_language_codes()
    for code in ["en", "sq", "sr-latn", "ar", "ckb", "sr", "tr", "bs", "rom"]:
        assert code in codes


def test_language_names_are_translated():
    assert language_name("tr") == "Turkish"
    with translation.override("sq"):
        assert language_name("sq") == "Shqip"
        assert language_name("tr") != "Turkish"
    assert language_name("xx") == "xx"


def test_direction():
    assert [direction(code) for code in ["ar", "ckb", "sq", "tr", "fa-ir"]] == [
        "rtl",
        "rtl",
        "ltr",
        "ltr",
        "rtl",
    ]


def test_normalize_code():
    assert normalize_code(" sr_Latn ") == "sr-latn"


def test_official_language_list_is_validated():
    validate_language_list(["sq", "sr-latn", "tr"])
    for bad in [[], "sq", ["sq", "sq"], ["sq", "klingon"], [1]]:
        with pytest.raises(ValidationError):
            validate_language_list(bad)
