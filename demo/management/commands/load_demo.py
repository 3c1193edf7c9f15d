"""`manage.py load_demo`: the two demo partnerships, their people, placements and dossiers."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import data as demo


class Command(BaseCommand):
    help = (
        "Laadt de demo-partnerschappen (Partnerschap SAMEN en Onderwijsregio VO Groningen). "
        "Doet niets als ze er al zijn, tenzij --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=demo.DEFAULT_PASSWORD,
            help=f"Wachtwoord voor alle demo-accounts (standaard: {demo.DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Verwijder eerst de demo-partnerschappen, hun organisaties en demo-accounts.",
        )

    def handle(self, *args, password, reset, **options):
        with transaction.atomic():
            if reset:
                demo.reset_demo()
                self.stdout.write("Bestaande demodata verwijderd.")
            elif demo.demo_exists():
                self.stdout.write(
                    "De demodata is al geladen (partnerschap 'samen' bestaat); er is niets "
                    "gewijzigd. Gebruik --reset om opnieuw te beginnen."
                )
                return
            demo.load_demo(password)

        self.stdout.write(self.style.SUCCESS("Demodata geladen. Demo-accounts:"))
        for email, roles, partnership in demo.demo_accounts():
            self.stdout.write(f"  {email:<40} {roles:<45} {partnership}")
        self.stdout.write(f"Wachtwoord voor alle accounts: {password}")
