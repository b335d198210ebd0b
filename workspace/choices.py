"""Choice labels read from a dictionary per field and language.

Django's ``get_FOO_display()`` rebuilds the dictionary of a field's choices on every call, and
building it hashes each lazy label, which translates it: a list of 25 concerns showing status,
priority and channel translated about 500 labels per page. Models that list many rows take
this mixin; the labels are the same, in the active language."""

from functools import lru_cache

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@lru_cache(maxsize=512)
def _labels(field, language: str | None) -> dict:
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        label = _labels(field, get_language()).get(make_hashable(value), value)
        return force_str(label, strings_only=True)
