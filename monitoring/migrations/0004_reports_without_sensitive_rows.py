"""Reports generated before their figures were counted as every member counts them (see
monitoring.reports.figures_of) may name sensitive categories in a row of their own: drop those
rows, in whichever language the report was generated. Their totals stay as they were frozen."""

from django.db import migrations


def drop_sensitive_rows(apps, schema_editor):
    Category = apps.get_model("concerns", "Category")
    CouncilReport = apps.get_model("monitoring", "CouncilReport")
    names = set()
    for name, translations in Category.objects.filter(is_sensitive=True).values_list(
        "name", "name_translations"
    ):
        names.add(name)
        names.update((translations or {}).values())
    if not names:
        return
    for report in CouncilReport.objects.exclude(figures=[]).only("id", "figures"):
        changed = False
        for table in report.figures or []:
            rows = table.get("rows", [])
            kept = [row for row in rows if not (row and row[0] in names)]
            if len(kept) != len(rows):
                table["rows"], changed = kept, True
        if changed:
            report.save(update_fields=["figures"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_monthly_figures"),
        ("concerns", "0011_safe_contact"),
    ]

    operations = [migrations.RunPython(drop_sensitive_rows, migrations.RunPython.noop)]
