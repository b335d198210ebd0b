import pytest
from django.template import Context, Template
from django.utils import translation

from publictexts.templatetags.publictexts import official_languages_of
from tests.factories import MunicipalityFactory


def render(source: str, **context) -> str:
    return Template("{% load publictexts %}" + source).render(Context(context))


VALUE = {"sq": "Ndriçimi u rregullua.\nFaleminderit.", "sr-latn": "Rasveta je popravljena."}


def test_text_in_the_readers_language_carries_its_lang_and_no_marker():
    with translation.override("sr-latn"):
        html = render("{% public_text value langs %}", value=VALUE, langs=["sq", "sr-latn"])
    assert html == (
        '<div class="public-text" lang="sr-latn" dir="ltr"><p>Rasveta je popravljena.</p></div>'
    )


def test_fallback_is_marked_with_its_language_in_the_interface_language():
    with translation.override("ar"):
        html = render("{% public_text value langs %}", value=VALUE, langs=["sq", "sr-latn"])
    assert html.startswith('<div class="public-text" lang="sq" dir="ltr">')
    assert '<p class="public-text-language" lang="ar" dir="rtl">' in html
    assert "(in Albanian)" not in html  # translated
    assert "<p>Ndriçimi u rregullua.<br>Faleminderit.</p>" in html


def test_english_reader_sees_the_marker_in_english():
    with translation.override("en"):
        html = render("{% public_text value langs %}", value=VALUE, langs=["sq", "sr-latn"])
    assert "(in Albanian)" in html


def test_right_to_left_text_gets_dir_rtl():
    with translation.override("ckb"):
        html = render("{% public_text value None %}", value={"ckb": "باشە"})
    assert 'lang="ckb" dir="rtl"' in html


def test_inline_renders_a_span():
    with translation.override("sq"):
        html = render("{% public_text value None inline=True %}", value=VALUE)
    assert html.startswith(
        '<span class="public-text" lang="sq" dir="ltr">Ndriçimi u rregullua.<br>'
    )


def test_text_is_escaped():
    with translation.override("sq"):
        html = render("{% public_text value None %}", value={"sq": "<script>x</script>"})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_nothing_written_renders_nothing():
    assert render("{% public_text value None %}", value={}) == ""
    assert render("{% public_text value None %}", value=None) == ""


def test_language_argument_overrides_the_active_language():
    with translation.override("sq"):
        html = render('{% public_text value None language="sr-latn" %}', value=VALUE)
    assert 'lang="sr-latn"' in html


def test_plain_text_for_emails():
    with translation.override("en"):
        text = render(
            "{% autoescape off %}{% public_text value None text=True %}{% endautoescape %}",
            value={"sq": "A & B"},
        )
    assert text == "(in Albanian)\nA & B"


def test_pick_public_text_gives_the_choice_to_the_template():
    with translation.override("en"):
        out = render(
            "{% pick_public_text value None as chosen %}{{ chosen.language }} {{ chosen.is_fallback }}",
            value=VALUE,
        )
    assert out == "sq True"


def test_has_public_text_filter():
    assert render("{% if value|has_public_text %}yes{% endif %}", value={"sq": " "}) == ""
    assert render("{% if value|has_public_text %}yes{% endif %}", value=VALUE) == "yes"


@pytest.mark.django_db
def test_municipality_argument_uses_its_official_languages():
    municipality = MunicipalityFactory(code="PRI", official_languages=["tr", "sq"])
    with translation.override("en"):
        html = render(
            "{% public_text value municipality %}",
            value={"sq": "Po", "tr": "Evet"},
            municipality=municipality,
        )
    assert 'lang="tr"' in html
    assert official_languages_of(None) == ["sq", "sr-latn"]
