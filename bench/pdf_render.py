"""Rendering the kritische reflectie: our pipeline against WeasyPrint alone, same run.

Ours = render the Django template from the database + WeasyPrint + store the file (what the
Celery task does); baseline = WeasyPrint on the same finished HTML. Uses the demo dossier of
Partnerschap SAMEN (seeds/000). Last line: the headline figures.
"""

import statistics
import time

from _setup import setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from documents.models import Render  # noqa: E402
from documents.pdf import html_to_pdf  # noqa: E402
from documents.services import render_pdf  # noqa: E402
from partnerships.models import Partnership  # noqa: E402
from quality.models import Dossier  # noqa: E402
from quality.services import KRITISCHE_REFLECTIE, reflectie_html  # noqa: E402

RUNS = 5


def main():
    call_command("load_demo", verbosity=0)
    with scopes_disabled():
        partnership = Partnership.objects.get(slug="samen")
    with scope(partnership=partnership):
        dossier = Dossier.objects.first()
        html = reflectie_html(dossier)
        html_to_pdf(html)  # warm-up: fonts, caches
        ours, base, pages = [], [], 0
        for _ in range(RUNS):
            render = Render.objects.create(
                partnership=partnership, kind=KRITISCHE_REFLECTIE, target=dossier
            )
            start = time.perf_counter()
            render = render_pdf(render.pk)
            ours.append(time.perf_counter() - start)
            pages = render.pages
            start = time.perf_counter()
            html_to_pdf(html)
            base.append(time.perf_counter() - start)
    o, b = statistics.median(ours) * 1000, statistics.median(base) * 1000
    print(
        f"kritische reflectie ({pages} pages): ours {o:.0f} ms, WeasyPrint alone {b:.0f} ms, "
        f"overhead {o / b:.2f}x"
    )


if __name__ == "__main__":
    main()
