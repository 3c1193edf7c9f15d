"""The kwaliteitscyclus, its review moments and the agenda-koppelingen, taken over from
quality: the tables were renamed by quality/migrations/0009, so this records them in the state
and moves their content types (the reminders — notifications.Notification rows — point at
their review moments by content type: they keep their link).
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

APP = "cycle"
#: The models taken over from quality (quality/migrations/0009 renamed their tables).
MOVED = ['cycleactivity', 'reviewmoment', 'calendartoken']


def move_content_types(apps, schema_editor):
    _move(apps, "quality", APP)


def move_content_types_back(apps, schema_editor):
    _move(apps, APP, "quality")


def _move(apps, old, new):
    """Gives the moved models' content types (and so every generic link to their rows, and
    their permissions) to app `new`, keeping their ids."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED:
        moving = ContentType.objects.filter(app_label=old, model=model).first()
        if moving is None:
            continue  # a new database: post_migrate makes the content types afterwards
        stale = ContentType.objects.filter(app_label=new, model=model).first()
        if stale is not None:
            # post_migrate makes a content type for every installed model, so migrating back
            # and forward again (manage.py migrate) finds one here whose only rows are its
            # default permissions, copies of the moving type's own: they go. Anything else
            # pointing at it would be a row of the model in two places: stop, lose nothing.
            Permission.objects.filter(content_type=stale).delete()
            for relation in stale._meta.related_objects:
                if relation.related_model is Permission or not relation.field.concrete:
                    continue
                field = relation.field.name
                if relation.related_model._base_manager.filter(**{field: stale}).exists():
                    raise RuntimeError(
                        f"{new}.{model} has a content type of its own, used by "
                        f"{relation.related_model._meta.label}: merge it by hand first."
                    )
            stale.delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0006_trigram_search'),
        ('quality', '0009_pdca_and_cycle_move_to_their_own_apps'),
        ('roles', '0004_trigram_search'),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CalendarToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_token', to='roles.person')),
                    ],
                    options={
                        'verbose_name': 'agenda-koppeling',
                        'verbose_name_plural': 'agenda-koppelingen',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='CycleActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('moment', models.CharField(choices=[('voor_de_start', 'Voor de start'), ('start', 'Start van de opleidingsschool'), ('jaarlijks', 'Jaarlijks'), ('om_het_jaar', 'Om het jaar'), ('vier_jaar', 'Elke vier jaar'), ('zes_jaar', 'Elke zes jaar')], max_length=20, verbose_name='peilmoment')),
                        ('name', models.CharField(help_text='Kort, bijvoorbeeld ‘Panelgesprek aankomende leraren’.', max_length=100, verbose_name='naam in de kalender')),
                        ('goal', models.TextField(verbose_name='doel')),
                        ('activity', models.CharField(max_length=300, verbose_name='activiteit en instrument')),
                        ('kind', models.CharField(choices=[('evaluatiegesprek', 'Jaarlijks evaluatiegesprek'), ('verkennend_gesprek', 'Verkennend gesprek'), ('afstemmingsgesprek', 'Afstemmingsgesprek (go / no-go)'), ('nulmeting', 'Nulmeting: scan bij de start'), ('scan', 'Scan Opleiden in de School'), ('hrm_gesprek', 'HRM-gesprek'), ('enquete', 'Tevredenheidsenquête'), ('panelgesprek', 'Panelgesprek'), ('jaarplan', 'Jaarplan'), ('netwerkbijeenkomst', 'Netwerkbijeenkomst'), ('peerreview_intern', 'Interne peer review'), ('peerreview_landelijk', 'Landelijke peer review'), ('overig', 'Overig')], max_length=30, verbose_name='soort moment')),
                        ('participants', models.JSONField(blank=True, default=list, verbose_name='betrokkenen')),
                        ('participants_note', models.CharField(blank=True, max_length=300, verbose_name='betrokkenen (zoals de cyclus ze noemt)')),
                        ('scope', models.CharField(choices=[('partnership', 'Het partnerschap'), ('board', 'Elk bestuur'), ('school', 'Elke opleidingsschool'), ('cohort', 'De scholen van het cohort van dat jaar')], max_length=12, verbose_name='voor wie')),
                        ('month_from', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='van maand')),
                        ('month_to', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='tot en met maand')),
                        ('first_schooljaar', models.PositiveSmallIntegerField(blank=True, help_text='Voor om het jaar, elke vier of zes jaar: het schooljaar waarin de telling begint.', null=True, verbose_name='eerste schooljaar')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                        ('is_active', models.BooleanField(default=True, verbose_name='actief')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'activiteit uit de kwaliteitscyclus',
                        'verbose_name_plural': 'activiteiten uit de kwaliteitscyclus',
                        'ordering': ['order', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ReviewMoment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('evaluatiegesprek', 'Jaarlijks evaluatiegesprek'), ('verkennend_gesprek', 'Verkennend gesprek'), ('afstemmingsgesprek', 'Afstemmingsgesprek (go / no-go)'), ('nulmeting', 'Nulmeting: scan bij de start'), ('scan', 'Scan Opleiden in de School'), ('hrm_gesprek', 'HRM-gesprek'), ('enquete', 'Tevredenheidsenquête'), ('panelgesprek', 'Panelgesprek'), ('jaarplan', 'Jaarplan'), ('netwerkbijeenkomst', 'Netwerkbijeenkomst'), ('peerreview_intern', 'Interne peer review'), ('peerreview_landelijk', 'Landelijke peer review'), ('overig', 'Overig')], max_length=30, verbose_name='soort')),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='vanaf')),
                        ('due_on', models.DateField(verbose_name='uiterlijk op')),
                        ('cycle_key', models.CharField(blank=True, editable=False, max_length=60)),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='afgerond op')),
                        ('outcome_note', models.TextField(blank=True, verbose_name='uitkomst')),
                        ('cycle_activity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='moments', to='cycle.cycleactivity', verbose_name='activiteit uit de kwaliteitscyclus')),
                        ('partner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_moments', to='partnerships.partner', verbose_name='bestuur')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_moments', to='partnerships.school', verbose_name='school')),
                    ],
                    options={
                        'verbose_name': 'evaluatiemoment',
                        'verbose_name_plural': 'evaluatiemomenten',
                        'ordering': ['due_on'],
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(condition=models.Q(('cycle_key', ''), _negated=True), fields=('partnership', 'schooljaar', 'cycle_key'), name='one_generated_moment_per_key')],
                    },
                ),
            ],
        ),
    ]
