"""Document operations: request a PDF, hand it to the worker, make it, repair what the queue lost.

The worker's task is sent by name (RENDER_TASK), so this module does not import tasks.py:
tasks.py imports this one, and the arrow runs one way.
"""

import datetime as dt
import logging
import time

from celery import current_app
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from . import registry
from .models import PENDING, Render, RenderStatus
from .pdf import html_to_pdf

log = logging.getLogger(__name__)

#: The worker's task (documents.tasks.render_document), sent by name.
RENDER_TASK = "documents.tasks.render_document"

#: A render that never reached the broker is sent again by the first sweep after this...
REQUEUE_UNSENT_AFTER = dt.timedelta(minutes=1)
#: ...and one that was sent but is still queued this long after, again (its message was lost).
REQUEUE_SENT_AFTER = dt.timedelta(minutes=30)
#: What the sweep writes on a render whose worker died.
RENDER_ABANDONED = (
    "Het maken van de PDF is afgebroken: na {seconds} seconden nog geen resultaat "
    "(de worker is gestopt of herstart). Vraag de PDF opnieuw aan."
)


def request_render(actor, target, kind):
    """Queues a PDF of `target` as document `kind`. Returns the Render row the browser polls.

    Guarantees:
    - Only someone who may have it made (the kind's render action, on the target) queues one
      (OutOfReach otherwise); a target of another model than the kind's is refused.
    - One pending (queued or rendering) render per target and kind: while one is pending, that
      one is returned and no row is added (a database constraint decides between two requests
      at once).
    - The row is committed before the task is sent, so the worker always finds it; the task is
      sent when the caller's transaction commits, outside any transaction of ours.
    - A broker that is down or hangs never fails the request: sending gives up within seconds
      (settings: CELERY_BROKER_CONNECTION_TIMEOUT and friends), the row stays `queued` with an
      empty `enqueued_at`, and sweep_renders sends it once the broker is back.
    """
    document = registry.get(kind)
    if not isinstance(target, document.model):
        raise TypeError(f"A {kind} prints a {document.model.__name__}, not {target!r}")
    actor.require(document.render_action, target)
    pending = Render.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status__in=PENDING,
    )
    render = pending.first()
    if render is None:
        try:
            with transaction.atomic():
                render = Render.objects.create(
                    partnership_id=target.partnership_id,
                    kind=kind,
                    target=target,
                    requested_by=actor.user,
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
    try:
        current_app.send_task(RENDER_TASK, args=(render.pk, render.partnership_id))
    except (KombuError, RedisError, OSError) as exc:
        log.warning("PDF render %s kept queued: the broker is unreachable (%s)", render.pk, exc)
        return False
    render.enqueued_at = now or timezone.now()
    Render.objects.filter(pk=render.pk).update(enqueued_at=render.enqueued_at)
    return True


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
        stale = Render.objects.filter(status=RenderStatus.QUEUED).filter(
            Q(enqueued_at__isnull=True, requested_at__lt=now - REQUEUE_UNSENT_AFTER)
            | Q(enqueued_at__lt=now - REQUEUE_SENT_AFTER)
        )
        for render in stale.order_by("requested_at", "pk")[:batch_size]:
            if not send_render(render, now=now):
                break
            requeued += 1
        stuck_after = render_stuck_after()
        failed = Render.objects.filter(
            status=RenderStatus.RENDERING, started_at__lt=now - stuck_after
        ).update(
            status=RenderStatus.FAILED,
            finished_at=now,
            error=RENDER_ABANDONED.format(seconds=int(stuck_after.total_seconds())),
        )
    if requeued or failed:
        log.info("Render sweep: %s sent again, %s failed (worker gone)", requeued, failed)
    return {"requeued": requeued, "failed": failed}


def render_pdf(render_id):
    """Makes one queued Render (runs in the worker, inside the tenant's scope).

    Guarantees: the render is made at most once however often its task arrives (redelivery,
    the sweep's re-send): the worker claims it with a conditional update queued → rendering
    and does nothing when another claim won or the render is no longer queued. A claimed
    render ends `ready` (with the PDF stored) or `failed` (with the error: also when its kind
    is no longer registered or its target is gone), so the browser always has a status to
    show; a worker that dies mid-render is caught by sweep_renders.
    """
    claimed = Render.objects.filter(pk=render_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RENDERING, started_at=timezone.now()
    )
    render = Render.objects.filter(pk=render_id).first()
    if not claimed or render is None:
        return render  # deleted, finished, or being made by another worker
    start = time.perf_counter()
    try:
        document = registry.get(render.kind)
        target = render.target
        if target is None:
            raise LookupError(f"{render.content_type} {render.object_id} no longer exists")
        pdf, pages = html_to_pdf(document.html(target))
        render_ms = round((time.perf_counter() - start) * 1000)
        render.pdf.save(
            f"{render.kind}-{render.object_id}-{render.pk}.pdf", ContentFile(pdf), save=False
        )
    except Exception as exc:  # any failure must end in a visible state, never "rendering"
        log.exception("Rendering %s failed", render_id)
        render.status = RenderStatus.FAILED
        render.error = f"{type(exc).__name__}: {exc}"
    else:
        render.status = RenderStatus.READY
        render.render_ms = render_ms
        render.pages = pages
    render.finished_at = timezone.now()
    render.save(update_fields=["status", "error", "render_ms", "pages", "pdf", "finished_at"])
    return render
