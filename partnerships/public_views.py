"""The pages open to everyone, anonymous visitors included: the partnership's
opleidingsscholen and their public profiles (scholen/…).

Apart from the coordinators' pages because they answer to no permission rule: what they show
is only what a school published, and only while it is an active opleidingsschool
(tests/test_isolation.py checks them as PUBLIC_ROUTES).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from samen.access import public
from samen.lists import Column, ListView

from .filters import PublicSchoolFilter
from .models import School, TrainingStatus


def _published_schools():
    """Active opleidingsscholen with a published profile: all that anyone may see here."""
    return School.objects.filter(
        training_status=TrainingStatus.ACTIEF, profile__is_published=True
    ).select_related("profile")


class PublicIndex(ListView):
    """The partnership's opleidingsscholen for students: published profiles only, no login."""

    filterset_class = PublicSchoolFilter
    template_name = "partnerships/public_index.html"
    partial_template_name = "partnerships/_public_cards.html"
    columns = [
        Column(gettext_lazy("Naam"), "name", sort="naam"),
        Column(gettext_lazy("Plaats"), "place", sort="plaats"),
    ]

    def dispatch(self, request, *args, **kwargs):
        return super(ListView, self).dispatch(request, *args, **kwargs)  # open to everyone

    def get_queryset(self):
        return _published_schools().order_by("name")

    def get_filterset_kwargs(self, filterset_class):
        return super(ListView, self).get_filterset_kwargs(filterset_class)

    def export(self, fmt):
        raise Http404


public_index = public(PublicIndex.as_view())


@public
def public_profile(request, partnership_slug, pk):
    school = get_object_or_404(_published_schools(), pk=pk)
    if not school.profile.is_published:  # belt and braces: the queryset already says so
        raise Http404
    return render(
        request, "partnerships/public_profile.html", {"school": school, "profile": school.profile}
    )
