"""Reads of the placement forms: their state in words, their signatures in one query, the
due and overdue counts of the dashboard."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import PlacementStatus
from questionnaires import services as engine
from questionnaires.models import ResponseStatus, Signature

from . import services
from .models import PlacementForm


def status_label(form, today=None):
    """The form's state as one short phrase: concept (te laat), wacht op…, afgerond, gesloten."""
    response = form.response
    if form.is_closed:
        return _("Gesloten (overstap)")
    if response.status == ResponseStatus.LOCKED:
        return _("Afgerond")
    if response.status == ResponseStatus.SUBMITTED:
        waiting = engine.next_signer(response, getattr(form, "signed_roles", None))
        if waiting:
            return _("Wacht op handtekening: %(role)s") % {
                "role": services.role_labels(form.placement).get(waiting, waiting)
            }
        return _("Ingediend")
    if form.is_overdue(today or timezone.localdate()):
        return _("Concept (te laat)")
    return _("Concept")


def with_signatures(forms):
    """Sets `signed_roles` on each form (one query for all)."""
    signed = {}
    for response_id, role in Signature.objects.filter(
        response_id__in=[f.response_id for f in forms]
    ).values_list("response_id", "role"):
        signed.setdefault(response_id, set()).add(role)
    for form in forms:
        form.signed_roles = signed.get(form.response_id, set())
    return forms


def unsubmitted(access):
    """The forms in reach still to be filled in: not submitted, not closed, of a placement that
    did not end early."""
    return access.filter(
        "placementform.view",
        PlacementForm.objects.filter(
            response__status=ResponseStatus.DRAFT, closed_at__isnull=True
        ).exclude(placement__status__in=(PlacementStatus.AFGEBROKEN, PlacementStatus.OVERGESTAPT)),
    )


def due_counts(access, today=None):
    """{"due": not submitted and due within two weeks, "overdue": not submitted, past due}."""
    today = today or timezone.localdate()
    forms = unsubmitted(access)
    return forms.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=14))),
    )


def due_forms(access, today=None, limit=5):
    """The forms in reach that wait to be filled in: not submitted, overdue or due within two
    weeks (as `due_counts` counts them), the earliest due first; the dashboard links to each."""
    today = today or timezone.localdate()
    forms = unsubmitted(access).filter(due_on__lte=today + dt.timedelta(days=14))
    return forms.select_related("placement__student").order_by("due_on", "pk")[:limit]
