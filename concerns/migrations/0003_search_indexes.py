"""Indexes for the inbox search on PostgreSQL: full text of descriptions, reference prefixes.

PostgreSQL-only SQL, so a RunPython that does nothing on SQLite (the local default)."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS concern_description_fts ON concerns_concern "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(description, '')))",
    "CREATE INDEX IF NOT EXISTS concern_reference_prefix ON concerns_concern "
    "(reference varchar_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS concern_description_fts",
    "DROP INDEX IF EXISTS concern_reference_prefix",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("concerns", "0002_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
