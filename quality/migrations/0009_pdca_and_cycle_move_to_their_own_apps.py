"""Plan, Do, Check, Act and the kwaliteitscyclus move to rooms of their own, the pdca and cycle
apps, without touching a row: the tables (and the dialogue sessions' two many-to-many tables,
which AlterModelTable renames with them) are renamed to their new app, and
pdca/migrations/0001 and cycle/migrations/0001 take them over in their state (and move their
content types, so the generic links to them — a finding's source, a notification's target —
keep pointing at the same rows).
"""

from django.db import migrations

#: The models that move, by their new app; each table becomes <app>_<model>.
MOVED = {
    "pdca": [
        "gesprekskader",
        "gesprekskaderitem",
        "jaarplan",
        "jaarplanversion",
        "jaarplangoal",
        "jaarplanactivity",
        "dialoguesession",
        "finding",
        "nextstep",
        "followupaction",
    ],
    "cycle": ["cycleactivity", "reviewmoment", "calendartoken"],
}


class Migration(migrations.Migration):

    dependencies = [
        ("quality", "0008_kwaliteitscyclus_calendar"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=f"{app}_{model}")
                for app, models in MOVED.items()
                for model in models
            ],
            # Those that point at others go first, so that the state never holds a foreign key
            # to a model that is gone.
            state_operations=[
                migrations.DeleteModel(name="FollowUpAction"),
                migrations.DeleteModel(name="NextStep"),
                migrations.DeleteModel(name="Finding"),
                migrations.DeleteModel(name="DialogueSession"),
                migrations.DeleteModel(name="JaarplanActivity"),
                migrations.DeleteModel(name="JaarplanGoal"),
                migrations.DeleteModel(name="JaarplanVersion"),
                migrations.DeleteModel(name="Jaarplan"),
                migrations.DeleteModel(name="GesprekskaderItem"),
                migrations.DeleteModel(name="Gesprekskader"),
                migrations.DeleteModel(name="ReviewMoment"),
                migrations.DeleteModel(name="CycleActivity"),
                migrations.DeleteModel(name="CalendarToken"),
            ],
        ),
    ]
