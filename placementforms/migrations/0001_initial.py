"""Takes over placementform from placements: placements/migrations/0009 renamed the
table, so this records the model in the state only, and moves their content types (rows
that name them — a notification's or a PDF's target, the admin's log — keep pointing at them).
"""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['placementform']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="placements", model__in=MOVED).update(app_label="placementforms")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="placementforms", model__in=MOVED).update(app_label="placements")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0006_trigram_search'),
        ('placements', '0009_capacity_requests_templates_forms_move_out'),
        ('questionnaires', '0001_questionnaire_engine'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='PlacementForm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('start', 'Startgesprek'), ('tussentijds', 'Tussentijdse beoordeling'), ('eind', 'Eindbeoordeling')], max_length=20, verbose_name='soort formulier')),
                        ('due_on', models.DateField(verbose_name='uiterlijk op')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('placement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='forms', to='placements.placement', verbose_name='stage')),
                        ('response', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='placement_form', to='questionnaires.response', verbose_name='ingevulde vragenlijst')),
                    ],
                    options={
                        'verbose_name': 'stageformulier',
                        'verbose_name_plural': 'stageformulieren',
                        'ordering': ['placement', 'due_on', 'pk'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('placement', 'kind'), name='placement_form_once_per_kind')],
                    },
                ),
            ],
        ),
    ]
