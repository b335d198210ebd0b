"""``{% export_links %}``: the "Download CSV · XLSX" links of a list, for the rows it shows
(the page's query parameters, whichever page of it is open)."""

from django import template

from exports.formats import xlsx_available

register = template.Library()


@register.inclusion_tag("partials/export_links.html", takes_context=True)
def export_links(context, **extra):
    query = context["request"].GET.copy()
    for key in ("page", "export"):
        query.pop(key, None)
    for key, value in extra.items():
        query[key] = value
    links = []
    for fmt in ("csv", "xlsx") if xlsx_available() else ("csv",):
        query["export"] = fmt
        links.append((fmt, query.urlencode()))
    return {"links": links}
