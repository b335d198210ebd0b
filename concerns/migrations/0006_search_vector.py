"""A stored, GIN-indexed search vector for the inbox search on PostgreSQL.

Searching ``to_tsvector(description)`` made the planner walk the date index and compute the
vector row by row until it had a page of matches (a rare word scanned a council's whole
history). A stored column, kept by a trigger and indexed, is looked up instead. The trigger
fires on inserts and on updates that write the description (Django's save() writes every
column, queryset updates of the status do not). PostgreSQL-only SQL, so RunPython that does
nothing on SQLite, where the column stays empty and the search reads the description.
"""

import django.contrib.postgres.search
from django.db import migrations

CREATE = [
    """
    CREATE FUNCTION concern_search_vector_update() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := to_tsvector('simple'::regconfig, COALESCE(NEW.description, ''));
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER concern_search_vector
    BEFORE INSERT OR UPDATE OF description, search_vector ON concerns_concern
    FOR EACH ROW EXECUTE FUNCTION concern_search_vector_update()
    """,
    "UPDATE concerns_concern SET search_vector = "
    "to_tsvector('simple'::regconfig, COALESCE(description, ''))",
    "CREATE INDEX concern_search_vector ON concerns_concern USING gin (search_vector)",
    # The expression index of 0003 is no longer read.
    "DROP INDEX IF EXISTS concern_description_fts",
]
DROP = [
    "CREATE INDEX IF NOT EXISTS concern_description_fts ON concerns_concern "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(description, '')))",
    "DROP INDEX IF EXISTS concern_search_vector",
    "DROP TRIGGER IF EXISTS concern_search_vector ON concerns_concern",
    "DROP FUNCTION IF EXISTS concern_search_vector_update()",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("concerns", "0005_category_is_sensitive")]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
