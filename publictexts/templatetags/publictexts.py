"""``{% load publictexts %}``: show a public text in the reader's language.

    {% public_text concern.public_response concern.municipality %}
    {% public_text update.text municipality inline=True %}
    {% pick_public_text concern.public_response concern.municipality as response %}
    {% if response %}<h2>…</h2>{% public_text concern.public_response concern.municipality %}{% endif %}
    {% if concern.public_response|has_public_text %}…{% endif %}
    {% public_text concern.public_response concern.municipality text=True %}   {# emails #}

The second argument is a municipality (its ``official_languages``), a list of language codes or
None (the default official languages). ``language=`` overrides the reader's language (default:
the active language, which emails set with ``translation.override``).
"""

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.html import format_html
from django.utils.translation import get_language

from publictexts.languages import default_official_languages, direction
from publictexts.text import PublicText, as_plain_text, has_text, pick

register = template.Library()


def official_languages_of(source) -> list[str]:
    """A municipality's official languages, a list as it is, None: the default languages."""
    if source is None or source == "":
        return default_official_languages()
    if isinstance(source, list | tuple):
        return list(source)
    return list(getattr(source, "official_languages", None) or default_official_languages())


def render_public_text(chosen: PublicText | None, *, inline: bool = False) -> str:
    """The HTML of a chosen text: an element with its ``lang`` and ``dir``, and when it is not
    in the reader's language a marker "(in Albanian)" in the interface's language and direction."""
    if chosen is None:
        return ""
    tag = "span" if inline else "div"
    body = linebreaksbr(chosen.text) if inline else linebreaks_filter(chosen.text)
    marker = ""
    if chosen.is_fallback:
        ui = get_language() or ""
        marker = format_html(
            '<{} class="public-text-language" lang="{}" dir="{}">{}</{}> ',
            "span" if inline else "p",
            ui,
            direction(ui),
            chosen.marker,
            "span" if inline else "p",
        )
    return format_html(
        '<{} class="public-text" lang="{}" dir="{}">{}{}</{}>',
        tag,
        chosen.language,
        chosen.direction,
        marker,
        body,
        tag,
    )


@register.simple_tag
def public_text(value, languages_of=None, *, language=None, inline=False, text=False):
    """``value`` in the reader's language as HTML ("" when it has no text); ``text=True``:
    plain text for emails, the marker on a line before the text."""
    official = official_languages_of(languages_of)
    if text:
        return as_plain_text(value, language=language or get_language(), official=official)
    return render_public_text(
        pick(value, language=language or get_language(), official=official), inline=inline
    )


@register.simple_tag
def pick_public_text(value, languages_of=None, *, language=None):
    """``{% pick_public_text value municipality as chosen %}``: the PublicText or None."""
    return pick(
        value, language=language or get_language(), official=official_languages_of(languages_of)
    )


@register.filter
def has_public_text(value) -> bool:
    """``{% if concern.public_response|has_public_text %}``: any language has text."""
    return has_text(value)
