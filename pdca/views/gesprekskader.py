"""The Gesprekskader's pages: each schooljaar's kader, starting one, its items."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView

from .. import services
from ..filters import GesprekskaderFilter
from ..forms import ItemForm, SchooljaarForm
from ..models import Gesprekskader, GesprekskaderItem
from .common import form_page, year_label


class GesprekskaderList(ListView):
    action = "gesprekskader.view"
    filterset_class = GesprekskaderFilter
    template_name = "pdca/gesprekskader_list.html"
    partial_template_name = "pdca/_gesprekskader_rows.html"
    export_name = "gesprekskaders"
    columns = [
        Column(gettext_lazy("Schooljaar"), year_label, sort="schooljaar"),
        Column(gettext_lazy("Items"), "n_items"),
    ]

    def get_queryset(self):
        return Gesprekskader.objects.annotate(n_items=Count("items")).order_by("-schooljaar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.access.can("gesprekskader.edit"):
            context["start_form"] = SchooljaarForm()
        return context


gesprekskader_list = GesprekskaderList.as_view()


def gesprekskader_start(request, partnership_slug):
    if not request.access.can("gesprekskader.edit"):
        raise Http404
    form = SchooljaarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kader = services.start_gesprekskader(request.access, form.cleaned_data["schooljaar"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het gesprekskader is gestart."))
            return redirect(kader)
    return render(request, "pdca/gesprekskader_start.html", {"form": form})


def gesprekskader_detail(request, partnership_slug, pk):
    kader = get_for(request, "gesprekskader.view", Gesprekskader.objects.all(), pk=pk)
    return render(
        request,
        "pdca/gesprekskader_detail.html",
        {
            "kader": kader,
            "waarborgen": services.items_by_theme(kader.items.all()),
            "can_edit": request.access.can("gesprekskader.edit", kader),
        },
    )


def gesprekskader_item(request, partnership_slug, pk):
    """Add an item to the Gesprekskader `pk`."""
    kader = get_for(request, "gesprekskader.edit", Gesprekskader.objects.all(), pk=pk)
    return _item_form(request, kader, None)


def gesprekskader_item_edit(request, partnership_slug, pk):
    item = get_object_or_404(GesprekskaderItem.objects.select_related("kader"), pk=pk)
    require(request, "gesprekskader.edit", item.kader)
    return _item_form(request, item.kader, item)


def _item_form(request, kader, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(
                request.access, kader, item if item and item.pk else None, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het item is opgeslagen."))
            return redirect(kader)
    return render(
        request,
        "pdca/item_form.html",
        form_page(
            _("Item bewerken") if item else _("Item toevoegen"),
            kader.get_absolute_url(),
            kader,
            kader=kader,
            item=item,
            form=form,
        ),
    )
