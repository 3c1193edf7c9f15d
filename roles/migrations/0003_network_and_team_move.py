"""The overlegstructuur, certificates and expertise move to the network app; a grouping's team
is recorded on people. Both without touching a row: the tables are renamed to their new app
(network/migrations/0001 takes them over in its state), the team's table stays as it is.
"""

from django.db import migrations, models

MOVED = ["body", "bodymembership", "meeting", "certificate", "expertisearea"]


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_team_recorded_on_people"),
        ("roles", "0002_overlegstructuur_certificates_expertise_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                *(migrations.AlterModelTable(name=m, table=f"network_{m}") for m in MOVED),
                migrations.RunSQL(
                    "ALTER TABLE roles_person_expertise RENAME TO network_expertisearea_people",
                    "ALTER TABLE network_expertisearea_people RENAME TO roles_person_expertise",
                ),
            ],
            state_operations=[
                migrations.RemoveField(model_name="person", name="expertise"),
                migrations.DeleteModel(name="BodyMembership"),
                migrations.DeleteModel(name="Meeting"),
                migrations.DeleteModel(name="Body"),
                migrations.DeleteModel(name="Certificate"),
                migrations.DeleteModel(name="ExpertiseArea"),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='person',
                    name='teams',
                    field=models.ManyToManyField(blank=True, db_table='partnerships_grouping_team', related_name='team', to='partnerships.grouping', verbose_name='opleidingsteams'),
                ),
            ],
            database_operations=[],
        ),
    ]
