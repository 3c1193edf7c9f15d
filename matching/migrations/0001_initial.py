"""Takes over capacity, capacityplace, capacitymentor, placementrequest from placements: placements/migrations/0009 renamed the
tables, so this records the models in the state only, and moves their content types (rows
that name them — a notification's or a PDF's target, the admin's log — keep pointing at them).
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


MOVED = ['capacity', 'capacityplace', 'capacitymentor', 'placementrequest']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="placements", model__in=MOVED).update(app_label="matching")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="matching", model__in=MOVED).update(app_label="placements")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0006_trigram_search'),
        ('placements', '0009_capacity_requests_templates_forms_move_out'),
        ('roles', '0004_trigram_search'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Capacity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('notes', models.TextField(blank=True, verbose_name='toelichting')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='laatst gewijzigd')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='capacities', to='placements.placementperiod', verbose_name='stageperiode')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='capacities', to='partnerships.school', verbose_name='school')),
                    ],
                    options={
                        'verbose_name': 'stagecapaciteit',
                        'verbose_name_plural': 'stagecapaciteit',
                        'ordering': ['school__name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='CapacityMentor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('places', models.PositiveSmallIntegerField(default=1, help_text='Een duo-stage telt als één.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='aantal aankomende leraren')),
                        ('capacity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentors', to='matching.capacity', verbose_name='capaciteit')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mentor_capacities', to='roles.person', verbose_name='mentor')),
                    ],
                    options={
                        'verbose_name': 'beschikbare mentor',
                        'verbose_name_plural': 'beschikbare mentoren',
                        'ordering': ['person__last_name', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='CapacityPlace',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('group', models.CharField(help_text='PO: de groep; VO: het vak.', max_length=100, verbose_name='groep of vak')),
                        ('places', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(50)], verbose_name='plaatsen')),
                        ('duo_possible', models.BooleanField(default=False, help_text='Twee aankomende leraren samen in één groep, bij één mentor.', verbose_name='duo-stage mogelijk')),
                        ('is_tekortvak', models.BooleanField(default=False, verbose_name='tekortvak')),
                        ('capacity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='places', to='matching.capacity', verbose_name='capaciteit')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'plaats',
                        'verbose_name_plural': 'plaatsen',
                        'ordering': ['group', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='PlacementRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('learning_wishes', models.TextField(blank=True, help_text='Wat wilt u leren in deze stage, en wat heeft u daarvoor nodig?', verbose_name='leerwensen')),
                        ('region', models.CharField(blank=True, help_text='Een plaats of regio.', max_length=100, verbose_name='voorkeursregio')),
                        ('school_type', models.CharField(blank=True, help_text='Bijvoorbeeld Montessori, Dalton, kindcentrum.', max_length=100, verbose_name='schooltype of onderwijsconcept')),
                        ('subject', models.CharField(blank=True, help_text='PO: de gewenste groep (bijvoorbeeld groep 5/6); VO: het vak.', max_length=100, verbose_name='groep of vak')),
                        ('travel', models.CharField(blank=True, help_text='Bijvoorbeeld: geen auto, hoogstens 45 minuten met het OV.', max_length=200, verbose_name='reizen')),
                        ('days', models.CharField(blank=True, help_text='Bijvoorbeeld: dinsdag en donderdag.', max_length=100, verbose_name='beschikbare dagen')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('matched', 'Gekoppeld'), ('withdrawn', 'Ingetrokken')], default='open', max_length=20, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person', verbose_name='aangemaakt door')),
                        ('instituutsopleider', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person', verbose_name='instituutsopleider')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='requests', to='placements.placementperiod', verbose_name='stageperiode')),
                        ('placement', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='request', to='placements.placement', verbose_name='stage')),
                        ('student', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='placement_requests', to='roles.person', verbose_name='aankomende leraar')),
                    ],
                    options={
                        'verbose_name': 'stageaanvraag',
                        'verbose_name_plural': 'stageaanvragen',
                        'ordering': ['created_at', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.AddConstraint(
                    model_name='capacity',
                    constraint=models.UniqueConstraint(fields=('school', 'period'), name='capacity_one_per_school_and_period'),
                ),
                migrations.AddConstraint(
                    model_name='capacitymentor',
                    constraint=models.UniqueConstraint(fields=('capacity', 'person'), name='capacity_mentor_once_per_capacity'),
                ),
                migrations.AddConstraint(
                    model_name='capacityplace',
                    constraint=models.UniqueConstraint(fields=('capacity', 'group'), name='capacity_place_one_row_per_group'),
                ),
                migrations.AddConstraint(
                    model_name='placementrequest',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'withdrawn'), _negated=True), fields=('student', 'period'), name='placement_request_one_live_per_student_and_period'),
                ),
            ],
        ),
    ]
