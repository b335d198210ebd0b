#!/usr/bin/env python3
"""Write the Serbian Cyrillic catalogue (sr) from the Serbian Latin one (sr_Latn).

Serbian is one language in two scripts with a one-to-one mapping, so the Cyrillic catalogue is
generated, never translated by hand: `make messages` runs this after makemessages, then
compilemessages compiles both.

    python locale/transliterate_sr.py          # locale/sr_Latn/... -> locale/sr/...

Only translated text (msgstr) is transliterated; msgids stay English. What must stay as
it is in Latin letters is kept: printf and format placeholders (%(name)s, %s, %d, {name}),
HTML tags and entities, URLs and email addresses.

Standard library only.
"""

from __future__ import annotations

import ast
import re
import sys
import unicodedata
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent
SOURCE = LOCALE_DIR / "sr_Latn" / "LC_MESSAGES" / "django.po"
TARGET = LOCALE_DIR / "sr" / "LC_MESSAGES" / "django.po"

# Digraphs first: "lj", "nj" and "dž" are single Cyrillic letters.
DIGRAPHS = {
    "LJ": "Љ", "Lj": "Љ", "lj": "љ",
    "NJ": "Њ", "Nj": "Њ", "nj": "њ",
    "DŽ": "Џ", "Dž": "Џ", "dž": "џ",
}  # fmt: skip
LETTERS = dict(
    zip(
        "ABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽabcčćdđefghijklmnoprsštuvzž",
        "АБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖабцчћдђефгхијклмнопрсштувзж",
        strict=True,
    )
)
# Words where the two letters are not a digraph (a prefix meets a root: nad-živeti).
NOT_DIGRAPH = {"nadž": "надж", "podž": "подж", "injek": "инјек", "konjunk": "конјунк"}
# Names and acronyms that stay in Latin letters in Cyrillic text.
KEEP_LATIN = {"CSC", "Tracker", "Open311", "GeoReport", "API", "REST", "CSV", "PDF", "JSON",
              "XML", "SMS", "HTML", "OpenAPI", "Swagger", "Redoc", "Django", "MCSC", "LPSC",
              "ID", "URL", "QR"}  # fmt: skip

# Runs of text that are not Serbian words and must be copied as they are.
PROTECTED = re.compile(
    r"""
      %\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]   # %(name)s
    | %[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]            # %s %d %%
    | \{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}  # {name} {0:...}
    | \{\{.*?\}\} | \{%.*?%\}                          # template syntax
    | <[^<>]+>                                         # HTML tags
    | &[A-Za-z]+;|&\#\d+;                             # entities
    | (?:https?|ftp)://[^\s<>"']+ | www\.[^\s<>"']+    # URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                      # email addresses
    """,
    re.VERBOSE,
)
DIGRAPH = re.compile("|".join(sorted(map(re.escape, DIGRAPHS), key=len, reverse=True)))
# A word in capitals where a digraph's second letter is lower case by chance ("NJu" stays).
WORD = re.compile(r"[^\W\d_]+")


def _plain(text: str) -> str:
    def word(match: re.Match) -> str:
        w = match.group(0)
        if w in KEEP_LATIN:
            return w
        start = ""
        for latin, cyrillic in NOT_DIGRAPH.items():
            if w.lower().startswith(latin):
                start = cyrillic.upper() if w[: len(latin)].isupper() else cyrillic
                if w[0].isupper() and not w[: len(latin)].isupper():
                    start = start[0].upper() + start[1:]
                w = w[len(latin) :]
                break
        if w.isupper():
            w = DIGRAPH.sub(lambda m: DIGRAPHS[m.group(0).upper()], w)
        else:
            w = DIGRAPH.sub(lambda m: DIGRAPHS[m.group(0)], w)
        return start + "".join(LETTERS.get(ch, ch) for ch in w)

    return WORD.sub(word, text)


def transliterate(text: str) -> str:
    """Serbian Latin to Serbian Cyrillic, leaving placeholders, markup, URLs and emails."""
    text = unicodedata.normalize("NFC", text)
    out, last = [], 0
    for match in PROTECTED.finditer(text):
        out.append(_plain(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_plain(text[last:]))
    return "".join(out)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


MSGSTR = re.compile(r'^(#~ )?(msgstr(?:\[\d+\])?) (".*")$')
CONTINUATION = re.compile(r'^(#~ )?(".*")$')


def convert_po(source: str) -> str:
    """The sr_Latn .po text with every msgstr transliterated and the header set to sr.

    Each msgstr (with its continuation lines) is joined, transliterated and written back
    as one line, so a word split across two lines is transliterated whole.
    """
    lines = source.splitlines()
    out: list[str] = []
    i = 0
    header_done = False
    while i < len(lines):
        match = MSGSTR.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        prefix, keyword, first = match.groups()
        prefix = prefix or ""
        parts = [ast.literal_eval(first)]
        i += 1
        while i < len(lines):
            more = CONTINUATION.match(lines[i])
            if not more or (more.group(1) or "") != prefix:
                break
            parts.append(ast.literal_eval(more.group(2)))
            i += 1
        value = "".join(parts)
        if not header_done and out and out[-1].endswith('msgid ""'):
            header_done = True
            value = re.sub(r"Language: sr(?:[_-]Latn|@latin)", "Language: sr", value, flags=re.I)
            value = value.replace("Serbian (Latin)", "Serbian (Cyrillic)")
            out.append(f"{prefix}{keyword} " + '""')
            out.extend(f"{prefix}{_quote(line)}" for line in value.splitlines(keepends=True))
            continue
        out.append(f"{prefix}{keyword} {_quote(transliterate(value))}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    target = Path(argv[1]) if len(argv) > 1 else TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# GENERATED from locale/sr_Latn/LC_MESSAGES/django.po by locale/transliterate_sr.py\n"
        "# (make messages). Do not edit: translate in sr_Latn.\n"
    )
    text = convert_po(source.read_text(encoding="utf-8"))
    text = text[text.index('msgid ""') :]  # the source's own comment header is replaced
    target.write_text(header + text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
