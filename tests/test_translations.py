"""Albanian and Serbian (Latin) are complete for every string in the code: extracting the
strings afresh from the source leaves nothing untranslated or fuzzy."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ("sq", "sr_Latn")


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
            *(f"-l{lang}" for lang in COMPLETE),
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


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def test_committed_catalogs_are_compiled():
    """Every translated message of each .po is in its committed .mo (compilemessages ran)."""
    import gettext

    entry = re.compile(r'^msgid "(.+)"\nmsgstr "(.+)"$', re.M)
    for language in (*COMPLETE, "ar", "ckb"):
        po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        with open(po.with_suffix(".mo"), "rb") as mo:
            catalog = gettext.GNUTranslations(mo)._catalog
        missing = [
            msgid for msgid, _ in entry.findall(po.read_text()) if unescape(msgid) not in catalog
        ]
        assert not missing, f"{language}: .mo lacks {missing[:3]}… — run compilemessages"
