"""``{% load plans %}``: what the tracking page of a concern shows of its priorities; names in
the reports' plan section."""

from datetime import date

from django import template

from councils.localized import pick_translation
from plans import selectors

register = template.Library()


@register.simple_tag
def concern_priorities(concern):
    """``{% concern_priorities concern as priorities %}``: the published priorities it is part
    of, with their updates (two queries)."""
    return selectors.priorities_of_concern(concern)


@register.filter
def localized_name(value) -> str:
    """``{{ activity.responsible|localized_name }}``: a stored ``{"name", "translations"}`` in
    the active language."""
    if not value:
        return ""
    return pick_translation(value.get("name", ""), value.get("translations"))


@register.filter
def isodate(value):
    """``{{ "2026-03-01"|isodate|date:"DATE_FORMAT" }}``: a stored ISO date as a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
