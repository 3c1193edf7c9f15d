"""cycle's data migrations, on rows shaped as they were before them."""

import importlib

from django.apps import apps
from django_scopes import scopes_disabled

from cycle import generation
from cycle.models import CycleActivity

panels = importlib.import_module("cycle.migrations.0002_panels_every_other_year_from_2022_23")


def test_a_cycle_seeded_before_counts_both_panel_conversations_from_2022_23(samen):
    """Seed 000's om-het-jaar rows both come round from 2022-2023; a row a coordinator
    changed (its first schooljaar) is left as it is."""
    with samen.scope():
        generation.seed_cycle(samen.partnership)
    with scopes_disabled():
        rows = CycleActivity.objects.filter(partnership=samen.partnership, kind="panelgesprek")
        students = rows.get(name="Panelgesprek aankomende leraren")
        cluster = rows.get(name="Panelgesprek cluster opleidingsscholen")
        # As the seeding before this migration left them, and one edited by a coordinator.
        CycleActivity.objects.filter(pk=students.pk).update(first_schooljaar=2023)
        CycleActivity.objects.filter(pk=cluster.pk).update(first_schooljaar=2024)
        edited = CycleActivity.objects.create(
            partnership=samen.partnership,
            moment="om_het_jaar",
            kind="panelgesprek",
            name="Panelgesprek aankomende leraren",
            goal="Eigen ritme",
            activity="Panelgesprek",
            scope="partnership",
            month_from=2,
            month_to=3,
            first_schooljaar=2025,
        )
        panels.forwards(apps, None)
        assert {r.pk: r.first_schooljaar for r in rows} == {
            students.pk: 2022,
            cluster.pk: 2022,
            edited.pk: 2025,
        }
