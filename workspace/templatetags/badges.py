"""``{% status_badge obj %}``: an object's status as a badge (a span a row; a tag, not an
include, because lists draw one per row)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def status_badge(obj):
    return format_html(
        '<span class="badge status-{}">{}</span>', obj.status, obj.get_status_display()
    )
