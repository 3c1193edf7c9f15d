"""What the placement forms show on other pages (samen.panels): on the dashboard the forms due,
overdue and waiting for my signature; on a placement's page its forms."""

from django.utils import timezone

from placements.models import FormKind, PlacementStatus
from questionnaires import services as engine
from questionnaires.models import ResponseStatus
from samen import panels

from . import services
from .models import PlacementForm
from .selectors import due_counts, due_forms, status_label, with_signatures


def placement_forms(request, obj):
    """The forms in reach that are due or overdue (counts), and those waiting for my signature."""
    access = request.access
    if not access.can("placementform.view"):
        return None
    waiting = []
    person = access.person
    if person is not None and access.can("placementform.sign"):
        submitted = access.filter(
            "placementform.sign",
            PlacementForm.objects.filter(response__status=ResponseStatus.SUBMITTED),
        ).select_related("placement__student", "response__version")[:50]
        for form in with_signatures(list(submitted)):
            role = engine.next_signer(form.response, form.signed_roles)
            field = services.ROLE_FIELDS.get(role)
            if field and getattr(form.placement, f"{field}_id") == person.pk:
                waiting.append(form)
    today = timezone.localdate()
    return {
        "counts": due_counts(access, today),
        "due_forms": due_forms(access, today),
        "today": today,
        "waiting_for_me": waiting[:10],
        "is_own": not access.can("placement.manage") and not access.has_role("schoolopleider"),
    }


def placement_section(request, placement):
    """A placement's forms on its page: each with its state and due date, and for whoever
    manages the placement the steps the forms allow (open the missing ones, finish without an
    eindbeoordeling)."""
    access = request.access
    if not access.can("placementform.view", placement):
        return None
    can_manage = access.can("placement.manage", placement)
    forms = with_signatures(
        list(
            PlacementForm.objects.filter(placement=placement)
            .select_related("response__version", "placement")
            .order_by("due_on", "pk")
        )
    )
    order = {k: i for i, k in enumerate(FormKind.values)}
    forms.sort(key=lambda f: order[f.kind])
    today = timezone.localdate()
    for form in forms:
        form.status_text = status_label(form, today)
        form.overdue = form.is_overdue(today)
    return {
        "placement_forms": forms,
        "can_open_forms": can_manage
        and placement.is_active
        and bool(services.missing_kinds(placement)),
        "can_close_without_eind": can_manage
        and PlacementStatus.AFGEROND in placement.allowed_transitions
        and not services.eind_is_locked(placement),
    }


panels.register("dashboard", "placementforms/_forms_panel.html", placement_forms, order=12)
panels.register("placement", "placementforms/_placement_panel.html", placement_section, order=10)


def stage_link(request, obj):
    """The list of forms, among the placement year's pages on the placement list."""
    return {} if request.access.can("placementform.view") else None


panels.register("stages", "placementforms/_stage_links.html", stage_link, order=10)
