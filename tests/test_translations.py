"""Albanian and Serbian (Latin, and the Cyrillic generated from it) are complete for every string
in the code; Bosnian and Turkish for every string of the citizen pages: extracting the strings
afresh from the source leaves nothing untranslated or fuzzy."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ("sq", "sr_Latn")
CITIZEN = ("bs", "tr")

_spec = importlib.util.spec_from_file_location(
    "check_catalogs", ROOT / "locale" / "check_catalogs.py"
)
check_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_catalogs)


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    if not shutil.which("msgfmt") or not shutil.which("xgettext"):
        pytest.skip("needs gettext (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("catalogs") / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", "staticfiles", ".git", "__pycache__", "*.egg-info"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *(f"-l{lang}" for lang in (*COMPLETE, *CITIZEN)),
            "--ignore=tests",
            "--ignore=bench",
            "--no-obsolete",
            "-v0",
        ],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    return copy / "locale"


@pytest.mark.parametrize("language", COMPLETE)
def test_every_string_is_translated(fresh_catalogs, language):
    po = fresh_catalogs / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (
        f"{language}: {result.stderr.strip()} — run `make messages` and translate the new strings"
    )
    assert re.search(r"\d+ translated message", result.stderr)


@pytest.mark.parametrize("language", CITIZEN)
def test_every_string_of_the_citizen_pages_is_translated(fresh_catalogs, language):
    po = fresh_catalogs / language / "LC_MESSAGES" / "django.po"
    entries = check_catalogs.parse_po(po)
    citizen = check_catalogs.citizen_msgids(entries)
    assert len(citizen) > 100
    # The citizen set is found from the source files: the report form and the status labels.
    assert (None, "Send the concern") in citizen and (None, "Resolved") in citizen
    assert (None, "Show reporter identity") not in citizen
    missing = [
        e.msgid
        for e in entries
        if (e.msgctxt, e.msgid) in citizen
        and ("fuzzy" in e.flags or not all(e.msgstr.values()) or not e.msgstr)
    ]
    assert not missing, f"{language}: translate {missing[:5]} — run `make messages`"


def test_check_catalogs_passes_on_the_committed_catalogues():
    assert check_catalogs.main([]) == 0


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def test_committed_catalogs_are_compiled():
    """Every translated message of each .po is in its committed .mo (compilemessages ran)."""
    import gettext

    entry = re.compile(r'^msgid "(.+)"\nmsgstr "(.+)"$', re.M)
    for language in (*COMPLETE, "sr", *CITIZEN, "ar", "ckb"):
        po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        with open(po.with_suffix(".mo"), "rb") as mo:
            catalog = gettext.GNUTranslations(mo)._catalog
        missing = [
            msgid for msgid, _ in entry.findall(po.read_text()) if unescape(msgid) not in catalog
        ]
        assert not missing, f"{language}: .mo lacks {missing[:3]}… — run compilemessages"
