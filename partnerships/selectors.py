"""Reads of the organisation that pages need beyond one row: the organisations a partner may
be linked to, and how widely an organisation is shared."""

from django.db.models import Q
from django_scopes import scopes_disabled

from .models import Organisation, Partner

#: Characters needed before the platform-wide organisation search answers.
MIN_SEARCH = 3


def organisations_to_link(query, limit=20):
    """Organisations not yet a partner here whose name or short name holds `query`.

    Organisations are shared by every partnership: the search answers with what is needed to
    link one (its name and kind), nothing of the partnerships it is in, and only from
    MIN_SEARCH characters on, so no list of every organisation on the platform is ever shown.
    """
    query = (query or "").strip()
    if len(query) < MIN_SEARCH:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
        .exclude(pk__in=Partner.objects.values("organisation"))
        .order_by("name")
        .only("pk", "name", "kind")[:limit]
    )


def membership_count(organisation):
    """In how many partnerships `organisation` is a partner.

    Crosses tenants on purpose: it reads only a count of one organisation's memberships, never
    another partnership's rows, to tell whether its shared details may be edited here.
    """
    with scopes_disabled():
        return Partner.objects.filter(organisation=organisation).count()
