"""Quality operations: the kritische reflectie PDF and review-moment reminders."""

import datetime as dt
import functools
import logging
import mimetypes
import os
import time
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from roles.models import Person, RoleAssignment
from samen.permissions import COORDINATOR_ROLES, Role
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


@transaction.atomic
def save_section(actor, section, *, narrative, reflection):
    """Saves one chapter of the kritische reflectie (its dossier's writers only)."""
    actor.require("dossier.edit", section.dossier)
    section.narrative = narrative
    section.reflection = reflection
    section.save(update_fields=["narrative", "reflection"])
    return section


def ensure_sections(dossier):
    """Every dossier has exactly one chapter per waarborg."""
    existing = set(dossier.sections.values_list("waarborg", flat=True))
    ReflectieSection.objects.bulk_create(
        ReflectieSection(partnership_id=dossier.partnership_id, dossier=dossier, waarborg=w)
        for w in Waarborg.values
        if w not in existing
    )


def request_render(actor, dossier):
    """Queues a PDF render of the dossier. Returns the ReportRender row the browser polls.

    Guarantees:
    - Only someone who may have the dossier rendered (`dossier.render`) queues one.
    - One pending (queued or rendering) render per dossier: while one is pending, that one is
      returned and no row is added (a database constraint decides between two requests at once).
    - The row is committed before the task is sent, so the worker always finds it; the task is
      sent when the caller's transaction commits, outside any transaction of ours.
    - A broker that is down or hangs never fails the request: sending gives up within seconds
      (settings: CELERY_BROKER_CONNECTION_TIMEOUT and friends), the row stays `queued` with an
      empty `enqueued_at`, and sweep_renders sends it once the broker is back.
    """
    actor.require("dossier.render", dossier)
    pending = ReportRender.objects.filter(
        dossier=dossier, status__in=[RenderStatus.QUEUED, RenderStatus.RENDERING]
    )
    render = pending.first()
    if render is None:
        try:
            with transaction.atomic():
                render = ReportRender.objects.create(
                    partnership_id=dossier.partnership_id, dossier=dossier, requested_by=actor.user
                )
        except IntegrityError:
            render = pending.first()  # another request created it just now
            if render is None:
                raise
    if render.status == RenderStatus.QUEUED and render.enqueued_at is None:
        # New, or an earlier request could not reach the broker: (re)send it now.
        transaction.on_commit(lambda: send_render(render))
    return render


def send_render(render, *, now=None):
    """Hands a queued render to the broker. True when sent; False (logged) when it could not be.

    Sets `enqueued_at` on success, on the row and on `render`. Never raises for a broker that
    is down or hangs: the render stays queued and the next sweep tries again.
    """
    from .tasks import render_report

    try:
        render_report.apply_async((render.pk, render.partnership_id))
    except (KombuError, RedisError, OSError) as exc:
        log.warning("PDF render %s kept queued: the broker is unreachable (%s)", render.pk, exc)
        return False
    render.enqueued_at = now or timezone.now()
    ReportRender.objects.filter(pk=render.pk).update(enqueued_at=render.enqueued_at)
    return True


#: A render that never reached the broker is sent again by the first sweep after this...
REQUEUE_UNSENT_AFTER = dt.timedelta(minutes=1)
#: ...and one that was sent but is still queued this long after, again (its message was lost).
REQUEUE_SENT_AFTER = dt.timedelta(minutes=30)
#: What the sweep writes on a render whose worker died.
RENDER_ABANDONED = (
    "Het maken van de PDF is afgebroken: na {seconds} seconden nog geen resultaat "
    "(de worker is gestopt of herstart). Vraag de PDF opnieuw aan."
)


def render_stuck_after():
    """How long `rendering` may last: the task's hard time limit plus a margin."""
    return dt.timedelta(seconds=settings.SAMEN_PDF_TIME_LIMIT + 30 + 120)


def sweep_renders(now=None, batch_size=100):
    """Repairs renders the queue lost; run by beat every two minutes. Returns what it did.

    - Queued renders that never reached the broker (older than REQUEUE_UNSENT_AFTER), or
      whose message was sent longer than REQUEUE_SENT_AFTER ago, are sent again; with the
      broker still down it stops and leaves them for the next sweep.
    - Renders `rendering` for longer than the task's hard time limit plus a margin belong to
      a worker that died: they become `failed`, so the page stops waiting and a new render
      may be requested.
    A render sent twice is made once: render_pdf claims it with a conditional update.
    """
    now = now or timezone.now()
    requeued = 0
    # Crosses tenants on purpose: the sweep serves every partnership.
    with scopes_disabled():
        stale = ReportRender.objects.filter(status=RenderStatus.QUEUED).filter(
            Q(enqueued_at__isnull=True, requested_at__lt=now - REQUEUE_UNSENT_AFTER)
            | Q(enqueued_at__lt=now - REQUEUE_SENT_AFTER)
        )
        for render in stale.order_by("requested_at", "pk")[:batch_size]:
            if not send_render(render, now=now):
                break
            requeued += 1
        stuck_after = render_stuck_after()
        failed = ReportRender.objects.filter(
            status=RenderStatus.RENDERING, started_at__lt=now - stuck_after
        ).update(
            status=RenderStatus.FAILED,
            finished_at=now,
            error=RENDER_ABANDONED.format(seconds=int(stuck_after.total_seconds())),
        )
    if requeued or failed:
        log.info("Render sweep: %s sent again, %s failed (worker gone)", requeued, failed)
    return {"requeued": requeued, "failed": failed}


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


def _static_prefix():
    """The absolute URL of the static files as the PDF sees them (its base URL + STATIC_URL)."""
    return urljoin(settings.SAMEN_BASE_URL + "/", settings.STATIC_URL)


@functools.cache
def _static_files_fetcher_class():
    """Builds StaticFilesFetcher on first use: WeasyPrint is imported in the worker only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """WeasyPrint's URL fetcher for our PDFs: the project's static files and nothing else.

        Guarantees: a URL under the PDF's static prefix (SAMEN_BASE_URL + STATIC_URL) is read
        from disk through Django's staticfiles finders (or the collected STATIC_ROOT), never
        over the network, and only if it names a file inside a static directory; `data:` URIs
        (content already in the HTML) are decoded. Every other URL — file://, http(s) to any
        host, paths that leave the static directories — raises ValueError, which WeasyPrint
        logs as a warning and treats as a missing resource.
        """

        def __init__(self):
            # Only data: ever reaches WeasyPrint's own fetching; no redirects, short timeout.
            super().__init__(timeout=1, allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            prefix = _static_prefix()
            if not url.startswith(prefix):
                raise ValueError(f"Not one of our static files, refused: {url[:200]}")
            name = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
            body = _read_static_file(name)
            if body is None:
                raise ValueError(f"No such static file: {url[:200]}")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    StaticFilesFetcher.__module__ = __name__
    return StaticFilesFetcher


def __getattr__(name):
    # `from quality.services import StaticFilesFetcher` imports WeasyPrint only then.
    if name == "StaticFilesFetcher":
        return _static_files_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_static_file(name):
    """The bytes of static file `name` (relative, '/'-separated), or None if it is not one."""
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        return None
    try:
        path = finders.find(name)
        if path is None and staticfiles_storage.exists(name):  # collected, e.g. hashed names
            path = staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    if path is None or not os.path.isfile(path):
        return None
    with open(path, "rb") as file:
        return file.read()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count. WeasyPrint is imported here: only the worker needs it.

    WeasyPrint reads only our static files and data: URIs (StaticFilesFetcher); relative URLs
    resolve against SAMEN_BASE_URL, so "/static/…" means a file of this project.
    """
    from weasyprint import HTML

    fetcher = _static_files_fetcher_class()()
    document = HTML(string=html, base_url=settings.SAMEN_BASE_URL + "/", url_fetcher=fetcher)
    document = document.render()
    return document.write_pdf(), len(document.pages)


def render_pdf(render_id):
    """Renders one queued ReportRender (runs in the worker, inside the tenant's scope).

    Guarantees: the render is made at most once however often its task arrives (redelivery,
    the sweep's re-send): the worker claims it with a conditional update queued → rendering
    and does nothing when another claim won or the render is no longer queued. A claimed
    render ends `ready` (with the PDF stored) or `failed` (with the error), so the browser
    always has a status to show; a worker that dies mid-render is caught by sweep_renders.
    """
    claimed = ReportRender.objects.filter(pk=render_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RENDERING, started_at=timezone.now()
    )
    render = (
        ReportRender.objects.select_related("dossier", "partnership").filter(pk=render_id).first()
    )
    if not claimed or render is None:
        return render  # deleted, finished, or being made by another worker
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
    render.save(update_fields=["status", "error", "render_ms", "pages", "pdf", "finished_at"])
    return render


# --- Review moments and reminders ---------------------------------------------------


def people_involved(moment):
    """Who is reminded of a moment: those whose role reaches its school in its schooljaar.

    The coordinators for the whole partnership, and the coordinators, schoolopleiders and
    schoolleiders of that school, its board or a grouping it is in. A moment without a school
    goes to the coordinators for the whole partnership only.
    """
    roles = RoleAssignment.objects.filter(partnership_id=moment.partnership_id).active_in(
        Schooljaar(moment.schooljaar)
    )
    wide = Q(partner__isnull=True, school__isnull=True, grouping__isnull=True)
    involved = Q(role__in=COORDINATOR_ROLES) & wide
    if moment.school_id:
        school = moment.school
        at_school = (
            Q(school_id=school.pk) | Q(partner_id=school.board_id) | Q(grouping__schools=school)
        )
        local = COORDINATOR_ROLES | {Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER}
        involved |= Q(role__in=local) & at_school
    person_ids = roles.filter(involved).values("person_id")
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
