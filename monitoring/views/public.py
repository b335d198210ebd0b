"""Public statistics per municipality: no sign-in, aggregates only (monitoring.public_statistics)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from councils.models import Municipality
from monitoring import exports
from monitoring.public_statistics import public_statistics, years_to_show


def public_index(request):
    municipalities = Municipality.objects.filter(is_active=True).order_by("name")
    return render(request, "monitoring/public/index.html", {"municipalities": municipalities})


def public_municipality(request, code: str):
    municipality = get_object_or_404(Municipality, code=code.upper(), is_active=True)
    years = years_to_show(timezone.localdate())
    try:
        year = int(request.GET.get("year", years[0]))
    except ValueError:
        year = years[0]
    if year not in years:
        raise Http404
    statistics = public_statistics(municipality, year)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        table = statistics.table(request.GET.get("table", ""))
        if table is None:
            raise Http404
        return exports.export_table(table, fmt, f"{municipality.code}-{year}")
    return render(
        request,
        "monitoring/public/municipality.html",
        {
            "statistics": statistics,
            "municipality": municipality,
            "years": years,
            "query": f"year={year}",
            "xlsx": exports.xlsx_available(),
        },
    )
