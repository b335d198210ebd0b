"""Choosing which language of a public text a reader sees, and building such texts."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext

from publictexts.languages import base_of, direction, language_name, normalize_code


@dataclass(frozen=True)
class PublicText:
    """One language of a public text, as chosen for a reader."""

    text: str
    language: str
    is_fallback: bool  # not in the reader's language: show which language it is in

    def __str__(self) -> str:
        return self.text

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def marker(self) -> str:
        """ "(in Albanian)" in the active language when this is a fallback, else ""."""
        if not self.is_fallback:
            return ""
        return gettext("(in %(language)s)") % {"language": self.language_name}


def texts_of(value: Mapping | None) -> dict[str, str]:
    """The non-empty texts of a stored value, keyed by normalized language code."""
    if not isinstance(value, Mapping):
        return {}
    return {
        normalize_code(code): text.strip()
        for code, text in value.items()
        if isinstance(text, str) and text.strip()
    }


def pick(
    value: Mapping | None, *, language: str | None = None, official: Iterable[str] = ()
) -> PublicText | None:
    """The text a reader of ``language`` (default: the active language) should see.

    Their language if written (``sr-latn`` and ``sr`` stand in for each other: same language,
    another script), else the first official language written, else any written one.
    None when no language has text.
    """
    texts = texts_of(value)
    if not texts:
        return None
    language = normalize_code(language or translation.get_language() or "")
    if language in texts:
        return PublicText(texts[language], language, is_fallback=False)
    for code, text in texts.items():
        if base_of(code) == base_of(language):
            return PublicText(text, code, is_fallback=False)
    for code in official:
        code = normalize_code(code)
        if code in texts:
            return PublicText(texts[code], code, is_fallback=True)
    code, text = next(iter(texts.items()))
    return PublicText(text, code, is_fallback=True)


def as_multilingual(text: str | None, language: str) -> dict[str, str]:
    """A plain text written in ``language`` as a stored value: for data migrations that turn a
    TextField into a MultilingualTextField (``{}`` for an empty text)."""
    text = (text or "").strip()
    return {normalize_code(language): text} if text else {}


def has_text(value: Mapping | None) -> bool:
    """Whether any language of a stored value has text."""
    return bool(texts_of(value))


def as_plain_text(
    value: Mapping | None, *, language: str | None = None, official: Iterable[str] = ()
) -> str:
    """For emails and other plain text: the chosen text, after a line "(in Albanian)" (in
    ``language``) when it is a fallback; "" when there is no text."""
    chosen = pick(value, language=language, official=official)
    if chosen is None:
        return ""
    if not chosen.is_fallback:
        return chosen.text
    with translation.override(language or translation.get_language()):
        return f"{chosen.marker}\n{chosen.text}"
