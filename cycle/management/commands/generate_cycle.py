"""Generates a schooljaar's review moments from a partnership's kwaliteitscyclus.

    python manage.py generate_cycle samen 2026-2027     # or: 2026
    python manage.py generate_cycle samen 2026 --seed   # first give it SAMEN's cycle

Creates nothing twice: run it as often as you like (beat runs it daily as well).
"""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope, scopes_disabled

from cycle import generation
from partnerships.models import Partnership
from samen.schooljaar import Schooljaar


class Command(BaseCommand):
    help = "Generates a schooljaar's review moments from a partnership's kwaliteitscyclus."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="the partnership's slug, e.g. samen")
        parser.add_argument("schooljaar", help="e.g. 2026-2027 or 2026")
        parser.add_argument(
            "--seed", action="store_true", help="first give it SAMEN's cycle (seed 000) if empty"
        )

    def handle(self, *args, partnership, schooljaar, seed, **options):
        try:
            year = Schooljaar.parse(schooljaar).start_year
        except ValueError:
            raise CommandError(
                f"{schooljaar!r} is geen schooljaar (bijvoorbeeld 2026-2027)."
            ) from None
        with scopes_disabled():  # finding the tenant by its slug; its rows are scoped below
            found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"Geen partnerschap met webadres {partnership!r}.")
        with scope(partnership=found):
            if seed:
                generation.seed_cycle(found)
            created = generation.generate_schooljaar(found, year)
        self.stdout.write(f"{len(created)} nieuwe momenten voor {found} in {Schooljaar(year)}.")
