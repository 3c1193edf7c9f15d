"""Search-as-you-type choices of this app's rows (samen.pickers), each from a permission rule."""

from samen import pickers

from .models import School


def _school_label(school):
    return f"{school.name} ({school.place})"


pickers.register(
    "school",
    lambda access: access.filter("school.view", School.objects.order_by("name")),
    search=("name", "place", "brin"),
    label=_school_label,
)
