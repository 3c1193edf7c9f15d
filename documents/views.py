"""The three pages of every kind of document: have it made, follow it, download it.

Each is guarded by the kind's registered actions on the target (documents.registry); what is
out of reach, or does not exist, answers 404.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen.access import get_for

from . import registry, services
from .models import Render, RenderStatus


@require_POST
def render_create(request, partnership_slug, kind, pk):
    """POST: queues a PDF of the target. htmx gets the status fragment; a plain form a
    redirect to the kind's page of the target (which shows the status there)."""
    document = _kind(kind)
    target = get_for(request, document.render_action, document.model.objects.all(), pk=pk)
    render_row = services.request_render(request.access, target, kind)
    if request.htmx:
        return _status_fragment(request, render_row, document, target)
    if not render_row.waits_for_queue:  # otherwise the status on the page says why it waits
        messages.info(request, _("De PDF wordt gemaakt."))
    return redirect(document.page(target))


def render_status(request, partnership_slug, pk):
    """The htmx status fragment; it polls itself while the render is pending."""
    render_row, document, target = _get_render(request, "render_action", pk)
    return _status_fragment(request, render_row, document, target)


def render_download(request, partnership_slug, pk):
    render_row, document, target = _get_render(request, "download_action", pk)
    if render_row.status != RenderStatus.READY:
        raise Http404
    return FileResponse(
        render_row.pdf.open("rb"),
        as_attachment=True,
        filename=document.filename(target),
        content_type="application/pdf",
    )


def _kind(name):
    try:
        return registry.get(name)
    except registry.UnknownKind:
        raise Http404 from None


def _get_render(request, action, pk):
    """The render, its kind and its target, if the user may do the kind's `action` to it."""
    render_row = Render.objects.filter(pk=pk).first()
    if render_row is None:
        raise Http404
    document = _kind(render_row.kind)
    target = render_row.target
    if target is None or not request.access.can(getattr(document, action), target):
        raise Http404
    return render_row, document, target


def _status_fragment(request, render_row, document, target):
    return render(
        request,
        "documents/_render_status.html",
        status_context(request.access, render_row, document, target),
    )


def status_context(access, render_row, document=None, target=None):
    """What documents/_render_status.html needs; for apps that include it in their own page."""
    document = document or registry.get(render_row.kind)
    target = target if target is not None else render_row.target
    return {
        "render": render_row,
        "can_download": access.can(document.download_action, target),
        "download_refused": document.download_refused,
    }
