"""Plan, Do, Check, Act, taken over from quality: the tables were renamed by
quality/migrations/0009, so this records them in the state, moves their content types (a
finding's generic source, and anything else that names them by content type, keeps its link)
and gives the findings' index its new app's name.
"""

import django.db.models.deletion
from django.db import migrations, models

APP = "pdca"
#: The models taken over from quality (quality/migrations/0009 renamed their tables).
MOVED = ['gesprekskader', 'gesprekskaderitem', 'jaarplan', 'jaarplanversion', 'jaarplangoal', 'jaarplanactivity', 'dialoguesession', 'finding', 'nextstep', 'followupaction']


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
                    name='Finding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source_id', models.PositiveBigIntegerField()),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('waarborg', models.PositiveSmallIntegerField(choices=[(1, 'Lerende leraar'), (2, 'Leeromgeving'), (3, 'Organisatie'), (4, 'Kwaliteitscultuur')], verbose_name='waarborg')),
                        ('text', models.TextField(max_length=4000, verbose_name='opbrengst')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('source_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'opbrengst',
                        'verbose_name_plural': 'opbrengsten',
                        'ordering': ['waarborg', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='FollowUpAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('waarborg', models.PositiveSmallIntegerField(choices=[(1, 'Lerende leraar'), (2, 'Leeromgeving'), (3, 'Organisatie'), (4, 'Kwaliteitscultuur')], verbose_name='waarborg')),
                        ('title', models.CharField(max_length=300, verbose_name='actie')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='uiterlijk op')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('gedaan', 'Gedaan')], default='open', max_length=10, verbose_name='status')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='gedaan op')),
                        ('notes', models.TextField(blank=True, max_length=4000, verbose_name='notities')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('finding', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions', to='pdca.finding', verbose_name='opbrengst')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='followup_actions', to='roles.person', verbose_name='eigenaar')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'vervolgactie',
                        'verbose_name_plural': 'vervolgacties',
                        'ordering': ['due_on', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Gesprekskader',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('based_on', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pdca.gesprekskader', verbose_name='gebaseerd op')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'gesprekskader',
                        'verbose_name_plural': 'gesprekskaders',
                        'ordering': ['-schooljaar'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='GesprekskaderItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('waarborg', models.PositiveSmallIntegerField(choices=[(1, 'Lerende leraar'), (2, 'Leeromgeving'), (3, 'Organisatie'), (4, 'Kwaliteitscultuur')], verbose_name='waarborg')),
                        ('theme', models.CharField(max_length=200, verbose_name='thema')),
                        ('subtheme', models.CharField(blank=True, max_length=200, verbose_name='subthema')),
                        ('number', models.PositiveSmallIntegerField(default=1, verbose_name='nummer')),
                        ('text', models.TextField(max_length=1000, verbose_name='item')),
                        ('kader', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='pdca.gesprekskader')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'item van het gesprekskader',
                        'verbose_name_plural': 'items van het gesprekskader',
                        'ordering': ['waarborg', 'theme', 'subtheme', 'number', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.AddField(
                    model_name='finding',
                    name='item',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='findings', to='pdca.gesprekskaderitem', verbose_name='item'),
                ),
                migrations.CreateModel(
                    name='DialogueSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_on', models.DateField(verbose_name='datum')),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('context', models.CharField(choices=[('netwerkbijeenkomst', 'Netwerkbijeenkomst'), ('contactmiddag', 'Contactmiddag'), ('evaluatiegesprek', 'Evaluatiegesprek'), ('panelgesprek', 'Panelgesprek'), ('anders', 'Anders')], max_length=30, verbose_name='soort bijeenkomst')),
                        ('guests', models.TextField(blank=True, max_length=2000, verbose_name='gasten')),
                        ('participants', models.ManyToManyField(blank=True, related_name='dialogue_sessions', to='roles.person', verbose_name='deelnemers')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('items', models.ManyToManyField(blank=True, related_name='sessions', to='pdca.gesprekskaderitem', verbose_name='items')),
                    ],
                    options={
                        'verbose_name': 'dialoogsessie',
                        'verbose_name_plural': 'dialoogsessies',
                        'ordering': ['-held_on', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Jaarplan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('schooljaar', models.PositiveSmallIntegerField(verbose_name='schooljaar')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('status', models.CharField(choices=[('concept', 'Concept'), ('ter_vaststelling', 'Ter vaststelling'), ('vastgesteld', 'Vastgesteld')], default='concept', max_length=20, verbose_name='status')),
                        ('version', models.PositiveSmallIntegerField(default=1, verbose_name='versie')),
                        ('adopted_at', models.DateTimeField(blank=True, null=True, verbose_name='vastgesteld op')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'jaarplan',
                        'verbose_name_plural': 'jaarplannen',
                        'ordering': ['-schooljaar'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='JaarplanGoal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('waarborg', models.PositiveSmallIntegerField(choices=[(1, 'Lerende leraar'), (2, 'Leeromgeving'), (3, 'Organisatie'), (4, 'Kwaliteitscultuur')], verbose_name='waarborg')),
                        ('title', models.CharField(max_length=300, verbose_name='doel')),
                        ('description', models.TextField(blank=True, max_length=4000, verbose_name='toelichting')),
                        ('jaarplan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='pdca.jaarplan')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                    ],
                    options={
                        'verbose_name': 'doel',
                        'verbose_name_plural': 'doelen',
                        'ordering': ['waarborg', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='JaarplanActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='activiteit')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='start')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='klaar op')),
                        ('status', models.CharField(choices=[('gepland', 'Gepland'), ('bezig', 'Bezig'), ('gedaan', 'Gedaan')], default='gepland', max_length=10, verbose_name='voortgang')),
                        ('notes', models.TextField(blank=True, max_length=4000, verbose_name='notities')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='jaarplan_activities', to='roles.person', verbose_name='eigenaar')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='pdca.jaarplangoal')),
                    ],
                    options={
                        'verbose_name': 'activiteit',
                        'verbose_name_plural': 'activiteiten',
                        'ordering': ['starts_on', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='JaarplanVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(verbose_name='versie')),
                        ('snapshot', models.JSONField(verbose_name='inhoud')),
                        ('submitted_at', models.DateTimeField(verbose_name='ingediend op')),
                        ('adopted_at', models.DateTimeField(blank=True, null=True, verbose_name='vastgesteld op')),
                        ('adopted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person', verbose_name='vastgesteld door')),
                        ('jaarplan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='pdca.jaarplan')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('submitted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person', verbose_name='ingediend door')),
                    ],
                    options={
                        'verbose_name': 'versie van het jaarplan',
                        'verbose_name_plural': 'versies van het jaarplan',
                        'ordering': ['jaarplan', '-number'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='NextStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('ik_ga', 'Ik ga …'), ('ik_wil', 'Ik wil …')], max_length=10, verbose_name='soort')),
                        ('waarborg', models.PositiveSmallIntegerField(choices=[(1, 'Lerende leraar'), (2, 'Leeromgeving'), (3, 'Organisatie'), (4, 'Kwaliteitscultuur')], verbose_name='waarborg')),
                        ('text', models.TextField(max_length=2000, verbose_name='vervolgstap')),
                        ('done', models.BooleanField(default=False, verbose_name='gezet')),
                        ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pdca.gesprekskaderitem', verbose_name='item')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership', verbose_name='partnerschap')),
                        ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='roles.person', verbose_name='van')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='next_steps', to='pdca.dialoguesession')),
                    ],
                    options={
                        'verbose_name': 'vervolgstap',
                        'verbose_name_plural': 'vervolgstappen',
                        'ordering': ['kind', 'pk'],
                        'abstract': False,
                    },
                ),
                migrations.AddConstraint(
                    model_name='gesprekskader',
                    constraint=models.UniqueConstraint(fields=('partnership', 'schooljaar'), name='one_gesprekskader_per_schooljaar'),
                ),
                migrations.AddIndex(
                    model_name='finding',
                    index=models.Index(fields=['source_type', 'source_id'], name='quality_fin_source__8f2188_idx'),
                ),
                migrations.AddConstraint(
                    model_name='jaarplan',
                    constraint=models.UniqueConstraint(fields=('partnership', 'schooljaar'), name='one_jaarplan_per_schooljaar'),
                ),
                migrations.AddConstraint(
                    model_name='jaarplanversion',
                    constraint=models.UniqueConstraint(fields=('jaarplan', 'number'), name='one_jaarplan_version'),
                ),
            ],
        ),
        # The index was named after its old table; the state took it over by that name.
        migrations.RenameIndex(
            model_name='finding',
            new_name='pdca_findin_source__574e45_idx',
            old_name='quality_fin_source__8f2188_idx',
        ),
    ]
