"""Indexes that fit a `%term%` search (icontains) of schools, on PostgreSQL: pg_trgm.

Django searches with UPPER(column) LIKE UPPER('%term%'); a GIN trigram index on the same
expression answers that without reading every row. SQLite (development) has no pg_trgm and
needs none. Creating the extension needs a role that may do so; where the application's
database role may not, an administrator runs `CREATE EXTENSION pg_trgm` once beforehand.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "partnerships_school_name_trgm": ("partnerships_school", "name"),
    "partnerships_school_place_trgm": ("partnerships_school", "place"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_team_recorded_on_people")]

    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
