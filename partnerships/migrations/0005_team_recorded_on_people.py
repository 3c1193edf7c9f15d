"""Grouping.team moves to roles (Person.teams): state only, the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_organisation_managed_by"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="grouping", name="team")],
            database_operations=[],
        ),
    ]
