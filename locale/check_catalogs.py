#!/usr/bin/env python3
"""Report how complete the translation catalogs are.

Run after every `manage.py makemessages`:

    python locale/check_catalogs.py            # all languages under locale/
    python locale/check_catalogs.py sq ar      # only these

For each locale/<lang>/LC_MESSAGES/django.po it prints the number of translated,
fuzzy and untranslated messages (the header and obsolete "#~" entries are not
counted). A fuzzy entry is NOT used by Django, so it counts as not done.

Exit status is 1 when a REQUIRED language (sq, sr_Latn: the citizen-facing
languages of Kosovo) has any fuzzy or untranslated message, or when msgfmt
(if installed) finds a format error in any catalog; otherwise 0.
Pass -v to list the msgids that still need work.

Standard library only.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent
REQUIRED = ("sq", "sr_Latn")
DOMAIN = "django"


class Entry:
    def __init__(self) -> None:
        self.flags: set[str] = set()
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: dict[int, str] = {}
        self.obsolete = False
        self.line = 0


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text.startswith('"') else ""


def parse_po(path: Path) -> list[Entry]:
    """A minimal .po parser: enough for counting, not for rewriting."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None  # which field a continuation line extends

    def finish() -> None:
        nonlocal current, target
        if current.msgid is not None:
            entries.append(current)
        current = Entry()
        target = None

    keyword = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete entry
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if current.msgid is not None and target is not None and target[0] == "msgstr":
                finish()  # a comment after msgstr starts the next entry
            if line.startswith("#,"):
                current.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        match = keyword.match(line)
        if match:
            key, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if key in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            current.obsolete = current.obsolete or obsolete
            if key == "msgctxt":
                current.msgctxt = value
                target = ("msgctxt", 0)
            elif key == "msgid":
                current.msgid = value
                current.line = lineno
                target = ("msgid", 0)
            elif key == "msgid_plural":
                current.msgid_plural = value
                target = ("msgid_plural", 0)
            else:
                i = int(index) if index is not None else 0
                current.msgstr[i] = value
                target = ("msgstr", i)
            continue
        if line.startswith('"') and target is not None:
            value = _unquote(line)
            field, i = target
            if field == "msgstr":
                current.msgstr[i] += value
            else:
                setattr(current, field, (getattr(current, field) or "") + value)
            continue
        raise ValueError(f"{path}:{lineno}: cannot parse line: {raw!r}")
    finish()
    return entries


def nplurals_of(header: Entry | None) -> int | None:
    if header is None:
        return None
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr.get(0, ""))
    return int(match.group(1)) if match else None


def check(lang: str, path: Path) -> tuple[int, int, int, list[str], list[str]]:
    entries = parse_po(path)
    header = next((e for e in entries if e.msgid == "" and not e.obsolete), None)
    nplurals = nplurals_of(header)
    problems: list[str] = []
    if header is None or nplurals is None:
        problems.append("no header / no Plural-Forms")
    elif "fuzzy" in header.flags:
        problems.append("header is fuzzy")
    translated = fuzzy = untranslated = 0
    todo: list[str] = []
    for e in entries:
        if e.obsolete or e.msgid == "":
            continue
        label = f"line {e.line}: {e.msgid!r}"
        if "fuzzy" in e.flags:
            fuzzy += 1
            todo.append("fuzzy        " + label)
            continue
        if e.msgid_plural is not None:
            wanted = range(nplurals or len(e.msgstr) or 1)
            done = all(e.msgstr.get(i) for i in wanted)
        else:
            done = bool(e.msgstr.get(0))
        if done:
            translated += 1
        else:
            untranslated += 1
            todo.append("untranslated " + label)
    return translated, fuzzy, untranslated, problems, todo


def msgfmt_errors(path: Path) -> str:
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        return ""
    result = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    return result.stderr.strip() if result.returncode else ""


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    catalogs = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    if wanted:
        catalogs = [c for c in catalogs if c.parent.parent.name in wanted]
    if not catalogs:
        print(f"No {DOMAIN}.po catalogs found under {LOCALE_DIR}", file=sys.stderr)
        return 1
    failed = False
    print(
        f"{'language':<10} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'total':>6} {'%':>6}"
    )
    for path in catalogs:
        lang = path.parent.parent.name
        try:
            translated, fuzzy, untranslated, problems, todo = check(lang, path)
        except ValueError as exc:
            print(f"{lang:<10} ERROR {exc}")
            failed = True
            continue
        total = translated + fuzzy + untranslated
        percent = 100.0 * translated / total if total else 100.0
        required = lang in REQUIRED
        mark = ""
        if required and (fuzzy or untranslated or problems):
            failed = True
            mark = "  <-- must be complete"
        print(
            f"{lang:<10} {translated:>10} {fuzzy:>6} {untranslated:>9} {total:>6} {percent:>5.1f}%{mark}"
        )
        for problem in problems:
            print(f"    [{lang}] {problem}")
        if verbose:
            for item in todo:
                print(f"    [{lang}] {item}")
        errors = msgfmt_errors(path)
        if errors:
            failed = True
            print(
                f"    [{lang}] msgfmt found errors:\n"
                + "\n".join("      " + line for line in errors.splitlines())
            )
    if failed:
        print(
            f"\nFAILED: {', '.join(REQUIRED)} must have no fuzzy or untranslated messages "
            "and no catalog may have format errors (run with -v for the list)."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
