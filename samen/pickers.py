"""Search-as-you-type choices: no page lists every school or person of a partnership.

A picker is registered by the app that owns its rows, with the query of what the acting person
may choose (from the permission rules, so a picker never offers more than the person reaches):

    pickers.register("school", lambda access: access.filter("school.view", School.objects.all()),
                     search=("name", "place", "brin"))

A form field `PickerField("school")` (or `PickerMultipleField`) validates against that same
query, and renders as a search box with a hidden input: typing asks
`/<partnership>/kies/<picker>/?picker_q=…` (htmx) for at most `LIMIT` matches, and choosing one
(mouse or keyboard: arrows, Enter, Escape) fills the hidden input. `bind(form, access)` gives a
form's (or filterset's) pickers their query and URL; samen.lists does it for every list.

A picker offers only valid choices (a mentor of the chosen school, a school with room in the
chosen period), and says why one that was searched for is missing: its `explain(access, text,
**values)` returns short Dutch reasons ("De Kameleon is vol in Najaar 2026."), shown as
disabled options below the matches, or instead of "Niets gevonden.". A field may still accept
more than its search offers (`PickerField(..., accept="broader-picker")`), so that a choice
made earlier and no longer valid (the last place was taken meanwhile) is refused by the
service with its reason rather than with "not a valid choice".
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

LIMIT = 20
PARAM = "picker_q"


@dataclass(frozen=True)
class Picker:
    name: str
    queryset: Callable  # access -> the rows this person may choose
    search: tuple[str, ...]  # fields matched, every word against any of them
    label: Callable = str
    #: Names of other form fields whose values narrow the choices (a mentor picker that
    #: offers the mentors of the school chosen above): the search box sends the values of its
    #: form (htmx `hx-include`), and `queryset(access, **values)` receives them, "" if absent.
    forward: tuple[str, ...] = ()
    #: (access, text, **forwarded values) -> [str]: why rows matching `text` are not offered.
    explain: Callable | None = None

    def _values(self, values):
        values = values or {}
        return {k: str(values.get(k) or "")[:20] for k in self.forward}

    def rows(self, access, values=None):
        if not self.forward:
            return self.queryset(access)
        return self.queryset(access, **self._values(values))

    def reasons(self, access, text, values=None):
        """Why what `text` searched for is (partly) missing: at most LIMIT short reasons."""
        if self.explain is None:
            return []
        return list(self.explain(access, text, **self._values(values)))[:LIMIT]


_PICKERS: dict[str, Picker] = {}


def register(name, queryset, *, search, label=str, forward=(), explain=None):
    _PICKERS[name] = Picker(name, queryset, tuple(search), label, tuple(forward), explain)


def get(name) -> Picker:
    try:
        return _PICKERS[name]
    except KeyError:
        raise Http404 from None


def search(rows, fields, text):
    """`rows` narrowed to those where every word of `text` matches one of `fields`."""
    for word in text.split()[:5]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        rows = rows.filter(condition)
    return rows


def matches(picker: Picker, access, text: str, values=None):
    """At most LIMIT choices for `text`; every word must match one of the search fields."""
    return search(picker.rows(access, values), picker.search, text)[:LIMIT]


def options(request, partnership_slug, picker):
    """The htmx answer of a picker's search box: its matches as listbox options.

    Pickers serve the forms of people with a role here; a grant-only reader has none.
    """
    if not (request.access.assignments or request.access.is_platform_admin):
        raise Http404
    chosen = get(picker)
    text = request.GET.get(PARAM, "")[:100]
    rows = matches(chosen, request.access, text, request.GET) if text.strip() else []
    reasons = chosen.reasons(request.access, text, request.GET) if text.strip() else []
    return render(
        request,
        "samen/picker_options.html",
        {
            "options": [(row.pk, chosen.label(row)) for row in rows],
            "text": text,
            "reasons": reasons,
        },
    )


# --- Form fields and widgets ---------------------------------------------------------------------


class PickerWidget(forms.Widget):
    template_name = "samen/picker.html"
    multiple = False

    def __init__(self, picker, attrs=None):
        super().__init__(attrs)
        self.picker = picker
        self.url = ""
        self.queryset = None

    def chosen(self, value):
        """(pk, label) of the chosen rows, read with one query."""
        values = [v for v in (value if isinstance(value, list | tuple) else [value]) if v]
        values = [v for v in values if str(v).isdigit()]
        if not values or self.queryset is None:
            return []
        label = get(self.picker).label
        return [(row.pk, label(row)) for row in self.queryset.filter(pk__in=values)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self.chosen(value)
        context["widget"].update(
            url=self.url,
            param=PARAM,
            multiple=self.multiple,
            chosen=chosen,
            text="" if self.multiple or not chosen else chosen[0][1],
            single_value=chosen[0][0] if chosen and not self.multiple else "",
            forwards=bool(get(self.picker).forward),
        )
        return context

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not self.multiple and name not in data


class PickerMultipleWidget(PickerWidget):
    multiple = True

    def value_omitted_from_data(self, data, files, name):
        return False  # no input at all means: nothing chosen


class PickerField(forms.ModelChoiceField):
    """One row chosen by searching; validated against the picker's query for this person (or
    the broader `accept` picker's: the service then refuses an invalid choice, with why)."""

    def __init__(self, picker, accept="", **kwargs):
        kwargs.setdefault("widget", PickerWidget(picker))
        super().__init__(queryset=None, **kwargs)
        self.picker = picker
        self.accept = accept


class PickerMultipleField(forms.ModelMultipleChoiceField):
    def __init__(self, picker, **kwargs):
        kwargs.setdefault("widget", PickerMultipleWidget(picker))
        super().__init__(queryset=None, **kwargs)
        self.picker = picker


def bind(form, access, fields: Iterable[str] | None = None, values=None):
    """Gives the form's pickers their query (what `access` may choose) and their search URL.

    A picker with `forward` fields is narrowed by `values` (default: the form's data, or its
    initial values when unbound)."""
    for name, field in form.fields.items():
        widget = field.widget
        if not isinstance(widget, PickerWidget) or (fields is not None and name not in fields):
            continue
        picker = get(widget.picker)
        if values is None:
            values = form.data if getattr(form, "is_bound", False) else getattr(form, "initial", {})
        accept = get(field.accept) if getattr(field, "accept", "") else picker
        field.queryset = accept.rows(access, values)
        widget.queryset = field.queryset
        widget.url = reverse(
            "picker", kwargs={"partnership_slug": access.partnership.slug, "picker": picker.name}
        )
    return form


class PickerFilter(django_filters.ModelChoiceFilter):
    """A django-filter ModelChoiceFilter that renders as a picker (bound by samen.lists)."""

    def __init__(self, picker, **kwargs):
        kwargs.setdefault("queryset", None)  # `bind` gives the real one
        super().__init__(widget=PickerWidget(picker), **kwargs)
