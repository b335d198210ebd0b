"""``{% load councils %}``: data of a municipality that public pages show.

    {% emergency_number municipality as number %}
    {% blocktranslate %}In an emergency call the police at {{ number }}.{% endblocktranslate %}

``municipality`` may be None (a page about no municipality): the default number
(``CSC_DEFAULT_EMERGENCY_NUMBER``).
"""

from django import template

from councils.models import emergency_number_for

register = template.Library()


@register.simple_tag
def emergency_number(municipality=None) -> str:
    return emergency_number_for(municipality or None)
