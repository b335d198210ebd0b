"""Languages a public text can be written in: the interface's languages and every language that
is official somewhere (Turkish, Bosnian, Romani… are official in some Kosovo municipalities even
though the interface is not translated into them).

Codes are lower case with a hyphen (``sr-latn``), as in ``settings.LANGUAGES``; ``normalize_code``
turns ``sr_Latn`` or ``SR-Latn`` into that form.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    name: Promise  # translated lazily: shown in the reader's interface language
    rtl: bool = False


# Data: add a language here when a municipality needs it (its name is then translated with the
# other strings). Order is only the order of forms that list all languages.
KNOWN_LANGUAGES: tuple[Language, ...] = (
    Language("sq", _("Albanian")),
    Language("sr", _("Serbian")),
    Language("sr-latn", _("Serbian (Latin)")),
    Language("sr-cyrl", _("Serbian (Cyrillic)")),
    Language("bs", _("Bosnian")),
    Language("tr", _("Turkish")),
    Language("rom", _("Romani")),
    Language("en", _("English")),
    Language("ar", _("Arabic"), rtl=True),
    Language("ckb", _("Central Kurdish (Sorani)"), rtl=True),
    Language("kmr", _("Northern Kurdish (Kurmanji)")),
    Language("syr", _("Syriac"), rtl=True),
)
_BY_CODE = {language.code: language for language in KNOWN_LANGUAGES}
_RTL_BASES = {"ar", "ckb", "fa", "he", "ur", "syr", "yi", "ps"}


def normalize_code(code: str) -> str:
    return (code or "").strip().replace("_", "-").lower()


def base_of(code: str) -> str:
    """``sr-latn`` → ``sr``: languages that share a base are the same language in another script."""
    return normalize_code(code).split("-")[0]


def known_language_codes() -> list[str]:
    """Every code a public text or an official-languages list may use."""
    codes = [normalize_code(code) for code, _name in settings.LANGUAGES]
    codes += [language.code for language in KNOWN_LANGUAGES if language.code not in codes]
    return codes


def is_known(code: str) -> bool:
    return normalize_code(code) in known_language_codes()


def language_name(code: str) -> str:
    """The language's name in the active interface language (the code itself if unknown)."""
    code = normalize_code(code)
    if code in _BY_CODE:
        return str(_BY_CODE[code].name)
    for known, name in settings.LANGUAGES:
        if normalize_code(known) == code:
            return str(name)
    return code


def is_rtl(code: str) -> bool:
    code = normalize_code(code)
    if code in _BY_CODE:
        return _BY_CODE[code].rtl
    return base_of(code) in _RTL_BASES


def direction(code: str) -> str:
    """The value of an HTML ``dir`` attribute for text in this language."""
    return "rtl" if is_rtl(code) else "ltr"


def language_choices() -> list[tuple[str, str]]:
    """(code, translated name) for every known language, for admin and form choices."""
    return [(code, language_name(code)) for code in known_language_codes()]


def default_official_languages() -> list[str]:
    """A new municipality's official languages until an administrator sets them."""
    return list(settings.CSC["DEFAULT_OFFICIAL_LANGUAGES"])


def validate_language_code(code) -> None:
    if not isinstance(code, str) or not is_known(code):
        raise ValidationError(
            _("“%(code)s” is not a known language code. Known codes: %(known)s."),
            code="unknown_language",
            params={"code": code, "known": ", ".join(known_language_codes())},
        )
    if code != normalize_code(code):
        raise ValidationError(
            _("Write the language code “%(code)s” as “%(normal)s”."),
            code="language_code_form",
            params={"code": code, "normal": normalize_code(code)},
        )


def validate_language_list(codes) -> None:
    """An official-languages list: at least one known code, each once, the default first."""
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise ValidationError(
            _('Give a list of language codes, for example ["sq", "sr-latn"].'),
            code="not_a_list",
        )
    if not codes:
        raise ValidationError(_("Give at least one official language."), code="empty")
    for code in codes:
        validate_language_code(code)
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValidationError(
            _("Each language may be listed once: %(codes)s repeated."),
            code="duplicate_language",
            params={"codes": ", ".join(duplicates)},
        )


def ordered(codes: Iterable[str], official: Iterable[str]) -> list[str]:
    """``codes`` with the official languages first, in their official order."""
    codes = list(codes)
    first = [code for code in official if code in codes]
    return first + [code for code in codes if code not in first]
