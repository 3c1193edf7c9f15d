from django.core.management.base import BaseCommand

from samen.permission_docs import permissions_markdown


class Command(BaseCommand):
    help = "Print the role × action permission table (docs/permissions.md) from the code."

    def handle(self, *args, **options):
        self.stdout.write(permissions_markdown(), ending="")
