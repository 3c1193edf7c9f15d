"""Seed 000's two panel conversations (om het jaar) both count from 2022-2023: the cycle "wordt
per schooljaar '22-'23 in zijn geheel doorlopen" (docs/kwaliteitscyclus.md). Cycles seeded
before counted them from 2023 and 2024, alternating; rows a coordinator has edited since (a
different name or first schooljaar) are left as they are. The moments already generated are
reconciled by the next run of cycle.generation.generate_schooljaar."""

from django.db import migrations

SEEDED = {
    "Panelgesprek aankomende leraren": 2023,
    "Panelgesprek cluster opleidingsscholen": 2024,
}


def forwards(apps, schema_editor):
    CycleActivity = apps.get_model("cycle", "CycleActivity")
    for name, first in SEEDED.items():
        CycleActivity.objects.filter(
            moment="om_het_jaar", kind="panelgesprek", name=name, first_schooljaar=first
        ).update(first_schooljaar=2022)


def backwards(apps, schema_editor):
    CycleActivity = apps.get_model("cycle", "CycleActivity")
    for name, first in SEEDED.items():
        CycleActivity.objects.filter(
            moment="om_het_jaar", kind="panelgesprek", name=name, first_schooljaar=2022
        ).update(first_schooljaar=first)


class Migration(migrations.Migration):
    dependencies = [("cycle", "0001_moved_from_quality")]

    operations = [migrations.RunPython(forwards, backwards)]
