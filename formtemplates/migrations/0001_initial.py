"""Takes over formtemplate from placements: placements/migrations/0009 renamed the
table, so this records the model in the state only, and moves their content types (rows
that name them — a notification's or a PDF's target, the admin's log — keep pointing at them).
"""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['formtemplate']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="placements", model__in=MOVED).update(app_label="formtemplates")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="formtemplates", model__in=MOVED).update(app_label="placements")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('placements', '0009_capacity_requests_templates_forms_move_out'),
        ('partnerships', '0006_trigram_search'),
        ('questionnaires', '0001_questionnaire_engine'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='FormTemplate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('start', 'Startgesprek'), ('tussentijds', 'Tussentijdse beoordeling'), ('eind', 'Eindbeoordeling')], max_length=20, verbose_name='soort formulier')),
                        ('programme', models.CharField(blank=True, choices=[('pabo_voltijd', 'Pabo voltijd'), ('pabo_deeltijd', 'Pabo deeltijd'), ('minor', 'Minor educatie'), ('zij_instroom', 'Zij-instroom'), ('lio', 'LIO-stage'), ('vo', 'Lerarenopleiding VO')], max_length=20, verbose_name='opleidingsvariant')),
                        ('phase', models.CharField(blank=True, choices=[('propedeuse', 'Propedeuse'), ('hoofdfase', 'Hoofdfase'), ('afstudeerfase', 'Afstudeerfase')], max_length=20, verbose_name='fase')),
                        ('institute', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='form_templates', to='partnerships.partner', verbose_name='opleiding')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('questionnaire', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='form_template', to='questionnaires.questionnaire', verbose_name='vragenlijst')),
                    ],
                    options={
                        'verbose_name': 'formuliersjabloon',
                        'verbose_name_plural': 'formuliersjablonen',
                        'ordering': ['institute', 'kind', 'programme', 'phase'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('institute', 'kind', 'programme', 'phase'), name='form_template_once_per_kind_programme_phase')],
                    },
                ),
            ],
        ),
    ]
