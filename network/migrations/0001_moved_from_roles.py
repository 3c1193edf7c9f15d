"""The overlegstructuur, certificates and expertise, taken over from roles: the tables were
renamed by roles/migrations/0003, so this only records them in the state (and moves their
content types, so nothing that names them is orphaned).
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="roles", model__in=MOVED).update(app_label="network")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="network", model__in=MOVED).update(app_label="roles")


MOVED = ["body", "bodymembership", "meeting", "certificate", "expertisearea"]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0005_team_recorded_on_people'),
        ('roles', '0003_network_and_team_move'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Body',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('stuurgroep', 'Stuurgroep'), ('projectgroep', 'Projectgroep'), ('netwerk_coopers', "Netwerk van CoOP'ers"), ('netwerk_schoolopleiders', 'Netwerk van schoolopleiders'), ('curriculumgroep', 'Curriculumgroep'), ('kenniskring', 'Kenniskring'), ('overig', 'Overig')], max_length=30, verbose_name='soort')),
                        ('name', models.CharField(max_length=200, verbose_name='naam')),
                        ('description', models.TextField(blank=True, verbose_name='omschrijving')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'overleg',
                        'verbose_name_plural': 'overleggen',
                        'ordering': ['kind', 'name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='BodyMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('function', models.CharField(blank=True, help_text='Bijvoorbeeld voorzitter of secretaris.', max_length=100, verbose_name='functie')),
                        ('since', models.DateField(blank=True, null=True, verbose_name='lid sinds')),
                        ('until', models.DateField(blank=True, null=True, verbose_name='lid tot')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='network.body')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='body_memberships', to='roles.person', verbose_name='persoon')),
                    ],
                    options={
                        'verbose_name': 'lidmaatschap',
                        'verbose_name_plural': 'lidmaatschappen',
                        'ordering': ['person__last_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Certificate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('mentorentraining', 'Mentorentraining'), ('schoolopleiderstraining', 'Schoolopleiderstraining'), ('train_de_trainer', 'Train-de-trainer'), ('overig', 'Overige training')], max_length=30, verbose_name='training')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='naam van de training')),
                        ('obtained_on', models.DateField(verbose_name='behaald op')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='geldig tot')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='certificates', to='roles.person', verbose_name='persoon')),
                    ],
                    options={
                        'verbose_name': 'certificaat',
                        'verbose_name_plural': 'certificaten',
                        'ordering': ['-obtained_on'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(verbose_name='datum en tijd')),
                        ('location', models.CharField(blank=True, max_length=200, verbose_name='locatie')),
                        ('notes', models.TextField(blank=True, verbose_name='aantekeningen')),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='network.body')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'vergadering',
                        'verbose_name_plural': 'vergaderingen',
                        'ordering': ['starts_at'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ExpertiseArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='naam')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('people', models.ManyToManyField(blank=True, related_name='expertise', to='roles.person', verbose_name='mensen')),
                    ],
                    options={
                        'verbose_name': 'expertisegebied',
                        'verbose_name_plural': 'expertisegebieden',
                        'ordering': ['name'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('partnership', 'name'), name='expertise_unique_per_partnership')],
                    },
                ),
            ],
        ),
    ]
