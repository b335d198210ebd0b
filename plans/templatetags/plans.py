"""``{% load plans %}``: what the tracking page of a concern shows of its priorities."""

from django import template

from plans import selectors

register = template.Library()


@register.simple_tag
def concern_priorities(concern):
    """``{% concern_priorities concern as priorities %}``: the published priorities it is part
    of, with their updates (two queries)."""
    return selectors.priorities_of_concern(concern)
