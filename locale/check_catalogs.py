#!/usr/bin/env python3
"""Report how complete the translation catalogs are.

Run after every `manage.py makemessages`:

    python locale/check_catalogs.py            # all languages under locale/
    python locale/check_catalogs.py sq ar      # only these

For each locale/<lang>/LC_MESSAGES/django.po it prints the number of translated,
fuzzy and untranslated messages (the header and obsolete "#~" entries are not
counted). A fuzzy entry is NOT used by Django, so it counts as not done.

Exit status is 1 when a REQUIRED language (sq, sr_Latn and its generated Cyrillic
twin sr: the official languages of Kosovo) has any fuzzy or untranslated message,
when a CITIZEN language (bs, tr) lacks any message of the citizen pages (the
msgids that CITIZEN_SOURCES and CITIZEN_CHOICES use; staff pages fall back to
English), or when msgfmt (if installed) finds a format error in any catalog;
otherwise 0.
Pass -v to list the msgids that still need work.

Standard library only.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent
REQUIRED = ("sq", "sr_Latn", "sr")
CITIZEN_REQUIRED = ("bs", "tr")
DOMAIN = "django"
ROOT = LOCALE_DIR.parent
# What residents read: public pages, their forms, the emails they get, error pages, the layout.
CITIZEN_SOURCES = (
    "concerns/templates/concerns/public/*",
    "concerns/templates/concerns/email/*",
    "concerns/templates/concerns/partials/timeline.html",
    # Printed for the resident in their language, and the SMS text they receive.
    "concerns/templates/concerns/staff/tracking_slip.html",
    "concerns/explanations.py",
    "concerns/templates/concerns/partials/safe_contact_fields.html",
    "concerns/forms/intake.py",
    "concerns/forms/tracking.py",
    "concerns/forms/dates.py",
    "concerns/views/public.py",
    "concerns/services/intake.py",
    "concerns/services/identity.py",
    "concerns/attachments.py",
    "templates/base.html",
    "templates/[45]*.html",
    "templates/partials/*",
    "monitoring/templates/monitoring/public/*",
    "monitoring/templates/monitoring/partials/table.html",
    "monitoring/public_statistics.py",
    # Open311 answers that apps show residents (notices, errors); not its models or admin.
    "open311/[!am]*.py",
    "plans/templates/plans/public/*",
    "plans/templates/plans/email/*",
    "plans/templates/plans/partials/*",
    "plans/public_forms.py",
    "plans/views/public.py",
)
# Choices of a model shown on those pages (the status on the tracking page and in emails):
# (file, class path) whose labels are citizen text, read from the source.
CITIZEN_CHOICES = (
    ("concerns/models/concern.py", ("Concern", "Status")),
    ("concerns/models/safe_contact.py", ("SafeContact", "Channel")),
)


class Entry:
    def __init__(self) -> None:
        self.flags: set[str] = set()
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: dict[int, str] = {}
        self.obsolete = False
        self.line = 0
        self.sources: list[str] = []


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
            elif line.startswith("#:"):
                current.sources.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
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


def choice_labels(path: Path, class_path: tuple[str, ...]) -> set[str]:
    """The gettext'd labels of a TextChoices class nested at ``class_path`` in ``path``."""
    node: ast.AST = ast.parse(path.read_text(encoding="utf-8"))
    for name in class_path:
        node = next(
            n for n in ast.iter_child_nodes(node) if isinstance(n, ast.ClassDef) and n.name == name
        )
    labels = set()
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in ("_", "gettext_lazy", "gettext")
            and call.args
            and isinstance(call.args[0], ast.Constant)
        ):
            labels.add(call.args[0].value)
    return labels


def is_citizen_source(source: str) -> bool:
    return any(fnmatch.fnmatch(source, pattern) for pattern in CITIZEN_SOURCES)


def citizen_msgids(entries: list[Entry]) -> set[tuple[str | None, str]]:
    """(msgctxt, msgid) of every message a resident can read."""
    labels: set[str] = set()
    for filename, class_path in CITIZEN_CHOICES:
        labels |= choice_labels(ROOT / filename, class_path)
    return {
        (e.msgctxt, e.msgid)
        for e in entries
        if e.msgid
        and not e.obsolete
        and (any(is_citizen_source(s) for s in e.sources) or e.msgid in labels)
    }


def check(
    lang: str, path: Path, only: set[tuple[str | None, str]] | None = None
) -> tuple[int, int, int, list[str], list[str]]:
    """Counts for the catalogue at ``path``; ``only``: count these (msgctxt, msgid) alone."""
    entries = parse_po(path)
    if only is not None:
        entries = [e for e in entries if e.msgid == "" or (e.msgctxt, e.msgid) in only]
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
        if lang in CITIZEN_REQUIRED:
            only = citizen_msgids(parse_po(path))
            c_translated, c_fuzzy, c_untranslated, _, c_todo = check(lang, path, only)
            c_total = c_translated + c_fuzzy + c_untranslated
            c_mark = ""
            if c_fuzzy or c_untranslated or problems:
                failed = True
                c_mark = "  <-- citizen pages must be complete"
            label = f"{lang} (cit.)"
            print(
                f"{label:<10} {c_translated:>10} {c_fuzzy:>6} {c_untranslated:>9} {c_total:>6}"
                f" {100.0 * c_translated / (c_total or 1):>5.1f}%{c_mark}"
            )
            todo = c_todo
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
            f"\nFAILED: {', '.join(REQUIRED)} must have no fuzzy or untranslated messages, "
            f"{', '.join(CITIZEN_REQUIRED)} none among the citizen pages' messages, "
            "and no catalog may have format errors (run with -v for the list)."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
