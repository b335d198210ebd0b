from django.utils import translation

from publictexts.text import PublicText, as_multilingual, as_plain_text, has_text, pick

OFFICIAL = ["sq", "sr-latn", "tr"]


def test_reader_sees_their_own_language():
    chosen = pick({"sq": "Po", "sr-latn": "Da"}, language="sr-latn", official=OFFICIAL)
    assert chosen == PublicText("Da", "sr-latn", is_fallback=False)


def test_reader_of_a_missing_language_sees_the_first_official_one_marked_as_fallback():
    chosen = pick({"tr": "Evet", "sr-latn": "Da"}, language="en", official=OFFICIAL)
    assert chosen == PublicText("Da", "sr-latn", is_fallback=True)


def test_first_official_language_wins_over_dictionary_order():
    chosen = pick({"tr": "Evet", "sq": "Po"}, language="ar", official=OFFICIAL)
    assert (chosen.language, chosen.is_fallback) == ("sq", True)


def test_serbian_latin_reader_reads_serbian_text_without_a_fallback_marker():
    chosen = pick({"sq": "Po", "sr": "Да"}, language="sr-latn", official=OFFICIAL)
    assert chosen == PublicText("Да", "sr", is_fallback=False)


def test_serbian_reader_reads_serbian_latin_text():
    assert pick({"sr-latn": "Da"}, language="sr", official=["sq"]).text == "Da"


def test_django_style_codes_match():
    assert pick({"sr-latn": "Da"}, language="sr_Latn", official=[]).is_fallback is False


def test_text_in_no_official_language_is_still_shown():
    chosen = pick({"bs": "Da"}, language="en", official=["sq", "sr-latn"])
    assert chosen == PublicText("Da", "bs", is_fallback=True)


def test_empty_and_blank_texts_count_as_missing():
    assert pick({}, language="sq", official=OFFICIAL) is None
    assert pick(None, language="sq", official=OFFICIAL) is None
    assert pick({"sq": "   ", "sr-latn": ""}, language="sq", official=OFFICIAL) is None
    chosen = pick({"sq": " ", "sr-latn": "Da"}, language="sq", official=OFFICIAL)
    assert (chosen.language, chosen.is_fallback) == ("sr-latn", True)


def test_a_plain_string_is_not_a_public_text():
    assert pick("old plain text", language="sq", official=OFFICIAL) is None


def test_default_reader_language_is_the_active_one():
    with translation.override("sq"):
        assert pick({"sq": "Po", "sr-latn": "Da"}, official=OFFICIAL).text == "Po"


def test_marker_names_the_language_in_the_interface_language():
    chosen = PublicText("Po", "sq", is_fallback=True)
    assert chosen.marker == "(in Albanian)"
    with translation.override("sr-latn"):
        assert "albanski" in chosen.marker.lower()
    assert PublicText("Po", "sq", is_fallback=False).marker == ""


def test_arabic_and_kurdish_texts_are_right_to_left():
    assert PublicText("نعم", "ar", False).direction == "rtl"
    assert PublicText("بەڵێ", "ckb", False).direction == "rtl"
    assert PublicText("Po", "sq", False).direction == "ltr"


def test_as_multilingual_turns_a_plain_text_into_a_stored_value():
    assert as_multilingual("Lights fixed.", "sq") == {"sq": "Lights fixed."}
    assert as_multilingual("x", "sr_Latn") == {"sr-latn": "x"}
    assert as_multilingual("", "sq") == {}
    assert as_multilingual(None, "sq") == {}


def test_has_text():
    assert has_text({"sq": "Po"})
    assert not has_text({"sq": " "})
    assert not has_text(None)


def test_plain_text_for_emails_puts_the_marker_first_in_the_recipients_language():
    value = {"sq": "Ndriçimi u rregullua."}
    assert as_plain_text(value, language="sq", official=OFFICIAL) == "Ndriçimi u rregullua."
    text = as_plain_text(value, language="sr-latn", official=OFFICIAL)
    first, second = text.splitlines()
    assert "albanski" in first.lower() and second == "Ndriçimi u rregullua."
    assert as_plain_text({}, language="sq", official=OFFICIAL) == ""
