"""Quality operations: the kritische reflectie PDF and review-moment reminders."""

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from roles.models import COORDINATOR_ROLES, Person, Role, RoleAssignment
from samen.schooljaar import Schooljaar

from .models import (
    ReflectieSection,
    Reminder,
    RenderStatus,
    ReportRender,
    ReviewMoment,
    Waarborg,
)

log = logging.getLogger(__name__)

REMIND_DAYS_BEFORE = 14


# --- The kritische reflectie ------------------------------------------------------


def ensure_sections(dossier):
    """Every dossier has exactly one chapter per waarborg."""
    existing = set(dossier.sections.values_list("waarborg", flat=True))
    ReflectieSection.objects.bulk_create(
        ReflectieSection(partnership_id=dossier.partnership_id, dossier=dossier, waarborg=w)
        for w in Waarborg.values
        if w not in existing
    )


def request_render(dossier, *, user):
    """Queues a PDF render of the dossier. Returns the ReportRender row the browser polls.

    The task is sent only after the row is committed (delay_on_commit), so the worker
    always finds it.
    """
    from .tasks import render_report

    with transaction.atomic():
        render = ReportRender.objects.create(
            partnership_id=dossier.partnership_id, dossier=dossier, requested_by=user
        )
        render_report.delay_on_commit(render.pk, dossier.partnership_id)
    return render


def reflectie_html(dossier, *, language="nl"):
    """The finished HTML of the kritische reflectie, as WeasyPrint will print it."""
    sections = list(dossier.sections.order_by("waarborg"))
    with translation.override(language):
        return render_to_string(
            "quality/pdf/kritische_reflectie.html",
            {
                "dossier": dossier,
                "partnership": dossier.partnership,
                "sections": sections,
                "generated_on": timezone.localdate(),
            },
        )


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count. WeasyPrint is imported here: only the worker needs it."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return document.write_pdf(), len(document.pages)


def render_pdf(render_id):
    """Renders one queued ReportRender (runs in the worker, inside the tenant's scope).

    Moves the row queued → rendering → ready (with the PDF stored) or failed (with the error),
    so the browser always has a status to show. A render already finished is left alone, so a
    redelivered task does no harm.
    """
    render = (
        ReportRender.objects.select_related("dossier", "partnership").filter(pk=render_id).first()
    )
    if render is None or render.status in (RenderStatus.READY, RenderStatus.FAILED):
        return render  # deleted meanwhile, or a redelivered task for a finished render
    render.status = RenderStatus.RENDERING
    render.started_at = timezone.now()
    render.save(update_fields=["status", "started_at"])
    start = time.perf_counter()
    try:
        pdf, pages = html_to_pdf(reflectie_html(render.dossier))
        render_ms = round((time.perf_counter() - start) * 1000)
        render.pdf.save(
            f"kritische-reflectie-{render.dossier_id}-{render.pk}.pdf", ContentFile(pdf), save=False
        )
    except Exception as exc:  # any failure must end in a visible state, never "rendering"
        log.exception("Rendering report %s failed", render_id)
        render.status = RenderStatus.FAILED
        render.error = f"{type(exc).__name__}: {exc}"
    else:
        render.status = RenderStatus.READY
        render.render_ms = render_ms
        render.pages = pages
    render.finished_at = timezone.now()
    render.save()
    return render


# --- Review moments and reminders ---------------------------------------------------


def people_involved(moment):
    """Who is reminded of a moment: the coordinators, and the school's schoolopleider and leader."""
    roles = RoleAssignment.objects.filter(partnership_id=moment.partnership_id).active_in(
        Schooljaar(moment.schooljaar)
    )
    at_school = Q(role__in=[Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER])
    if moment.school_id:
        at_school &= Q(school_id=moment.school_id) | Q(partner_id=moment.school.board_id)
    person_ids = roles.filter(Q(role__in=COORDINATOR_ROLES) | at_school).values("person_id")
    return Person.objects.filter(partnership_id=moment.partnership_id, pk__in=person_ids).exclude(
        email=""
    )


@transaction.atomic
def plan_review_moment(
    *, partnership, school, due_on, title, kind=ReviewMoment.Kind.EVALUATIEGESPREK
):
    """Creates a review moment and one reminder row per person involved (sent 14 days before)."""
    moment = ReviewMoment.objects.create(
        partnership=partnership,
        school=school,
        due_on=due_on,
        title=title,
        kind=kind,
        schooljaar=Schooljaar.of(due_on).start_year,
    )
    send_on = due_on - dt.timedelta(days=REMIND_DAYS_BEFORE)
    Reminder.objects.bulk_create(
        [
            Reminder(partnership=partnership, moment=moment, recipient=p, send_on=send_on)
            for p in people_involved(moment)
        ],
        ignore_conflicts=True,
    )
    return moment


CLAIM_TIMEOUT = dt.timedelta(minutes=15)


def send_due_reminders(today=None, batch_size=200):
    """Sends every reminder that is due and not yet sent; returns how many were sent.

    Guarantee: two sweeps running at once (two beats, a redelivered task) never send the same
    reminder twice. A sweep first claims a row in a short transaction — SELECT … FOR UPDATE
    SKIP LOCKED (PostgreSQL) to spread the work, then a conditional UPDATE of `claimed_at`
    that only one sweep can win, on every database — and sends the mail after that commit,
    so no database lock is held while talking to the SMTP server. A failing SMTP server
    releases the claim and records the attempt (at most five); a worker that dies mid-send
    leaves a claim that another sweep takes over after CLAIM_TIMEOUT, so nothing is lost.
    """
    today = today or timezone.localdate()
    sent = 0
    tried = set()  # picked by this sweep already: never twice in one sweep
    # Crosses tenants on purpose: the sweep serves every partnership; each mail is rendered
    # inside its own partnership's scope.
    with scopes_disabled():
        while sent < batch_size:
            now = timezone.now()
            claimable = Reminder.objects.filter(
                Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
                sent_at__isnull=True,
                send_on__lte=today,
                attempts__lt=5,
            )
            with transaction.atomic():
                reminder = (
                    claimable.select_for_update(skip_locked=True, of=("self",))
                    .exclude(pk__in=tried)
                    .order_by("send_on", "pk")
                    .first()
                )
                if reminder is None:
                    return sent
                tried.add(reminder.pk)
                won = claimable.filter(pk=reminder.pk).update(claimed_at=now)
            if not won:
                continue  # another sweep claimed it meanwhile
            try:
                with scope(partnership=reminder.partnership_id):
                    _send_reminder(reminder)
            except Exception as exc:  # SMTP errors of every kind
                log.warning("Reminder %s failed: %s", reminder.pk, exc)
                Reminder.objects.filter(pk=reminder.pk).update(
                    claimed_at=None,
                    attempts=F("attempts") + 1,
                    last_error=f"{type(exc).__name__}: {exc}",
                )
                continue
            Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
            sent += 1
    return sent


def _send_reminder(reminder):
    moment = reminder.moment
    recipient = reminder.recipient
    url = settings.SAMEN_BASE_URL + reverse(
        "quality:moments", kwargs={"partnership_slug": reminder.partnership.slug}
    )
    with translation.override("nl"):
        context = {
            "moment": moment,
            "recipient": recipient,
            "url": url,
            "partnership": reminder.partnership,
        }
        subject = _("Herinnering: %(title)s op %(date)s") % {
            "title": moment.title,
            "date": moment.due_on.strftime("%d-%m-%Y"),
        }
        body = render_to_string("quality/email/reminder.txt", context)
    send_mail(subject, body, None, [recipient.email], fail_silently=False)
