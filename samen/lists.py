"""One pipeline for every list: permission → filters → sort → export → page → htmx fragment.

A list is a `ListView` (django-filter's FilterView) that declares what it shows and nothing
else:

    class SchoolList(ListView):
        action = "school.view"                  # the permission rule that filters the rows
        filterset_class = SchoolFilter          # search and filters; its `sorteer` sorts
        columns = [Column(_("Naam"), "name", sort="naam"), ...]   # headers and export
        export_name = "scholen"
        template_name = "partnerships/school_list.html"
        partial_template_name = "partnerships/_school_rows.html"   # what htmx swaps in

    def get_queryset(self): ...  # optional: select_related for the rows

The rows are `access.filter(action, …)`, so a list, its counts and its export never hold more
than the person may see; `?sorteer=<key>` (or `-<key>`) orders through the filterset's
OrderingFilter; `?export=csv|xlsx` streams the same rows as they come from the database;
`?pagina=` pages. Sortable headers carry aria-sort and keep the other parameters.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django_filters.views import FilterView

from . import exports, jobs, pickers
from .tenancy import in_partnership

SORT = "sorteer"
PAGE = "pagina"


@dataclass
class Column:
    """A column of a list: its header, how to export it, and the sort key it answers to."""

    label: Any
    value: str | Callable[[Any], Any] | None = None  # attribute path ("board.name") or callable
    sort: str | None = None  # the filterset's `sorteer` value that sorts by it
    export: bool = True  # in the download
    show: bool = True  # a header of the table on the page

    def read(self, obj):
        if callable(self.value):
            return self.value(obj)
        for part in (self.value or "").split("."):
            obj = getattr(obj, part) if obj is not None else None
            if callable(obj) and not isinstance(obj, type):
                obj = obj()
        return obj


class ListView(FilterView):
    action: str = ""
    columns: list[Column] = []
    export_name: str = ""
    partial_template_name: str | None = None
    paginate_by = 50
    page_kwarg = PAGE
    #: An invalid filter value shows no rows rather than all of them.
    strict = True
    #: Rows fetched at a time while exporting (prefetches are done per chunk).
    export_chunk = 2000

    def dispatch(self, request, *args, **kwargs):
        if not request.access.can(self.action):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet:
        return self.model.objects.all()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["queryset"] = self.request.access.filter(self.action, kwargs["queryset"])
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filter_rows()
        if fmt := exports.requested_format(request):
            return self.export(fmt)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def filter_rows(self):
        """The rows in reach through the filters and the sort (`self.object_list`)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        pickers.bind(self.filterset.form, self.request.access)
        if not self.filterset.is_bound or self.filterset.is_valid() or not self.get_strict():
            self.object_list = self.filterset.qs
        else:
            self.object_list = self.filterset.queryset.none()
        return self.object_list

    def export(self, fmt):
        """The download: streamed at once, or, above SAMEN_EXPORT_BACKGROUND_ROWS rows, made
        in the background (samen.jobs) while the person follows its progress."""
        if jobs.is_large(self.object_list):
            job = jobs.start_export(self.request, self, fmt)
            return HttpResponseRedirect(job.get_absolute_url())
        headers, rows, _queryset = self.export_table()
        return exports.stream(fmt, self.export_name, headers, rows)

    def export_table(self):
        """(headers, rows, queryset) of the download; the worker calls it on a view it built
        again (samen.jobs), so it filters the rows itself when the page has not."""
        if not hasattr(self, "object_list"):
            self.filter_rows()
        columns = [c for c in self.columns if c.export]
        queryset = self.export_queryset(self.object_list)
        rows = _rows(
            queryset,
            columns,
            self.request.partnership,
            translation.get_language(),  # now: the generator runs after the view returned
            self.export_chunk,
        )
        return [str(c.label) for c in columns], rows, queryset

    def export_queryset(self, queryset):
        """The rows as the download reads them: all of them, in chunks of `export_chunk`.

        A list whose page prefetches a foreign key (to read 50 rows' people after the page is
        cut) joins it here instead (`select_related`): Django 5.2 prefetches a foreign key
        with one `id = ? OR …` term per distinct target on SQLite (no tuple IN there), which
        fails past about 1,000 (`Expression tree is too large`), and costs a query per chunk
        on every database. Reverse and many-to-many prefetches use a plain IN and may stay.
        """
        return queryset

    def get_template_names(self):
        if self.request.htmx and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=context["page_obj"] or _Unpaged(context["object_list"]),
            filters=self.filterset,
            headers=self.headers(),
            sort=self.request.GET.get(SORT, ""),
        )
        return context

    def headers(self):
        """The column headers: sortable ones link to sort by them (again: the other way)."""
        current = self.request.GET.get(SORT, "")
        params = self.request.GET.copy()
        for key in (PAGE, "export", SORT):
            params.pop(key, None)
        headers = []
        for column in self.columns:
            if not column.show:
                continue
            header = {"label": column.label}
            if column.sort:
                ascending, descending = current == column.sort, current == f"-{column.sort}"
                params[SORT] = f"-{column.sort}" if ascending else column.sort
                header["url"] = "?" + params.urlencode()
                header["aria_sort"] = (
                    "ascending" if ascending else "descending" if descending else ""
                )
            headers.append(header)
        return headers


def _rows(queryset, columns, partnership, language, chunk):
    """The export's rows, read in chunks. A streamed response is read after the view has
    returned, so the partnership's scope and the request's language (for choices such as the
    status) are entered here, around the reading."""
    with in_partnership(partnership), translation.override(language):
        for obj in queryset.iterator(chunk_size=chunk):
            yield [c.read(obj) for c in columns]


class _Unpaged:
    """A stand-in page for a list without pagination (paginate_by = None)."""

    def __init__(self, object_list):
        self.object_list = object_list
        self.paginator = _Count(object_list)

    def __iter__(self):
        return iter(self.object_list)


class _Count:
    num_pages = 1

    def __init__(self, object_list):
        self._object_list = object_list

    @property
    def count(self):
        return len(self._object_list)
