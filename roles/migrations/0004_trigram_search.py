"""Trigram indexes for searching people by name or address (placements, pickers) on
PostgreSQL; see partnerships/migrations/0006_trigram_search.py."""

from django.db import migrations

INDEXES = {
    "roles_person_first_name_trgm": "first_name",
    "roles_person_last_name_trgm": "last_name",
    "roles_person_email_trgm": "email",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON roles_person "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0003_network_and_team_move"),
        ("partnerships", "0006_trigram_search"),  # which creates the pg_trgm extension
    ]

    operations = [migrations.RunPython(create, drop)]
