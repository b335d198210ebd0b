"""A plan's history named each linked action ("1.2: <title>"); a concern reclassified as
sensitive afterwards kept its action's title there, read by every member. Keep the activity's
number only, as the service now writes it."""

import re

from django.db import migrations

LINKED = re.compile(r"^(\d+\.\d+): ")


def drop_titles(apps, schema_editor):
    PlanEvent = apps.get_model("plans", "PlanEvent")
    for event in PlanEvent.objects.filter(kind="linked").exclude(note="").only("id", "note"):
        found = LINKED.match(event.note)
        if found:
            event.note = found.group(1)
            event.save(update_fields=["note"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_event_unfollowed")]

    operations = [migrations.RunPython(drop_titles, migrations.RunPython.noop)]
