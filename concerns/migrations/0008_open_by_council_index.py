"""The inbox's open concerns per council in the list's order: a partial index, so counting and
paging them reads only open rows of one council, whatever the size of its history."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("concerns", "0007_staged_uploads")]

    operations = [
        migrations.AddIndex(
            model_name="concern",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["new", "triaged", "reopened", "on_agenda", "in_action"])
                ),
                fields=["council", "-created_at", "-id"],
                name="concern_open_by_council",
            ),
        ),
    ]
