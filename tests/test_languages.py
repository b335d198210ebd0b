"""The languages a reader can choose: Serbian Cyrillic generated from Serbian Latin, the switcher
naming each language in itself, and a choice that outlives the browser session."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"

_spec = importlib.util.spec_from_file_location("transliterate_sr", LOCALE / "transliterate_sr.py")
transliterate_sr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(transliterate_sr)
transliterate = transliterate_sr.transliterate

check_spec = importlib.util.spec_from_file_location("check_catalogs", LOCALE / "check_catalogs.py")
check_catalogs = importlib.util.module_from_spec(check_spec)
check_spec.loader.exec_module(check_catalogs)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("ljubav", "љубав"),
        ("Ljubav", "Љубав"),
        ("LJUBAV", "ЉУБАВ"),
        ("konj, Njegoš, NJEGOŠ", "коњ, Његош, ЊЕГОШ"),
        ("džep, Džep, DŽEP", "џеп, Џеп, ЏЕП"),
        ("dz\u030ce", "џе"),  # a decomposed ž (z + combining caron)
        ("Ćao, đače Đorđe, čačak, šuma, žaba", "Ћао, ђаче Ђорђе, чачак, шума, жаба"),
        ("nadživeti, podžanr, injekcija", "надживети, поджанр, инјекција"),
    ],
)
def test_latin_letters_and_digraphs_become_cyrillic(latin, cyrillic):
    assert transliterate(latin) == cyrillic


@pytest.mark.parametrize(
    "kept",
    [
        "%(reference)s",
        "%(count)d",
        "%s",
        "%d%%",
        "{reference}",
        "{{ council }}",
        '<a href="/track/">',
        "</strong>",
        "&amp;",
        "https://www.example.org/lj/nj/?q=dž",
        "nj.dz@example.org",
        "CSC Tracker",
    ],
)
def test_placeholders_markup_urls_and_emails_stay_as_they_are(kept):
    result = transliterate(f"Prijava {kept} je poslata")
    assert kept in result
    assert result.startswith("Пријава ") and result.endswith(" је послата")


def test_a_po_text_gets_cyrillic_translations_and_the_sr_header():
    po = (
        'msgid ""\nmsgstr ""\n"Language: sr@latin\\n"\n"Plural-Forms: nplurals=3;\\n"\n\n'
        '#, python-format\nmsgid "Your concern %(reference)s"\nmsgstr "Vaša prijava "\n'
        '"%(reference)s je primljena"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "jedna nJ"\nmsgstr[1] "dve"\n'
    )
    out = transliterate_sr.convert_po(po)
    assert '"Language: sr\\n"' in out
    assert 'msgid "Your concern %(reference)s"' in out
    assert 'msgstr "Ваша пријава %(reference)s је примљена"' in out
    assert 'msgstr[1] "две"' in out


def entries(lang):
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    return {
        (e.msgctxt, e.msgid): e for e in check_catalogs.parse_po(path) if not e.obsolete and e.msgid
    }


PLACEHOLDER = re.compile(r"%\([^)]*\)\w|%[sd]|\{[\w.]+\}|<[^>]+>")


def test_the_cyrillic_catalogue_has_every_serbian_message_with_the_same_placeholders():
    latin, cyrillic = entries("sr_Latn"), entries("sr")
    assert latin.keys() == cyrillic.keys()
    for key, entry in cyrillic.items():
        assert entry.msgstr and all(entry.msgstr.values()), key
        for index, text in entry.msgstr.items():
            assert sorted(PLACEHOLDER.findall(text)) == sorted(
                PLACEHOLDER.findall(latin[key].msgstr[index])
            ), key
            assert not re.search(r"[čćđšžČĆĐŠŽ]", PLACEHOLDER.sub("", text)), (key, text)


def test_the_committed_cyrillic_catalogue_is_what_the_script_writes(tmp_path):
    target = tmp_path / "django.po"
    transliterate_sr.main([str(LOCALE / "sr_Latn" / "LC_MESSAGES" / "django.po"), str(target)])
    assert target.read_text() == (LOCALE / "sr" / "LC_MESSAGES" / "django.po").read_text(), (
        "run `make messages`"
    )


def test_make_messages_extracts_no_english_catalogue():
    makefile = (ROOT / "Makefile").read_text()
    [languages] = re.findall(r"^LANGUAGES := (.+)$", makefile, re.M)
    assert "en" not in languages.split()
    assert "locale/transliterate_sr.py" in makefile


# --- the switcher and the cookie


@pytest.mark.django_db
def test_the_switcher_names_each_language_in_itself(client):
    body = client.get(reverse("public:home")).content.decode()
    for name in ("Shqip", "Srpski", "Српски", "Bosanski", "Türkçe", "العربية", "کوردی"):
        assert f">{name}</option>" in body


@pytest.mark.django_db
def test_the_language_choice_is_a_lasting_cookie(client):
    response = client.post(reverse("set_language"), {"language": "sr", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "sr"
    assert int(cookie["max-age"]) >= 180 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_language_choice_survives_a_new_browser_session(client):
    response = client.post(reverse("set_language"), {"language": "sr", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]

    fresh = Client()  # no session cookie: a browser restarted, keeping its lasting cookies
    fresh.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie.value
    body = fresh.get(reverse("public:report")).content.decode()
    assert '<html lang="sr"' in body
    assert "Пријави" in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bs", "tr"])
def test_bosnian_and_turkish_readers_get_the_report_form_in_their_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(reverse("public:report")).content.decode()
    assert f'<html lang="{language}"' in body
    assert "Report a concern" not in body
