"""The Gesprekskader's pages: each schooljaar's kader, starting one, its items."""

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for
from samen.lists import Column, ListView
from samen.views import ActionView

from .. import services
from ..filters import GesprekskaderFilter
from ..forms import ItemForm, SchooljaarForm
from ..models import Gesprekskader, GesprekskaderItem
from .common import OnRecord, year_label


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


class GesprekskaderStart(ActionView):
    action = "gesprekskader.edit"
    form_class = SchooljaarForm
    title = gettext_lazy("Gesprekskader starten")
    intro = gettext_lazy(
        "Het nieuwe gesprekskader begint als kopie van dat van het vorige schooljaar (of van "
        "het standaardkader als er nog geen is). Wat u daarna wijzigt, verandert het kader van "
        "vorig jaar niet."
    )
    submit_label = gettext_lazy("Starten")
    success_message = gettext_lazy("Het gesprekskader is gestart.")

    def get_back_url(self):
        return reverse(
            "pdca:gesprekskaders", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Gesprekskader")

    def perform(self, form):
        return services.start_gesprekskader(self.request.access, form.cleaned_data["schooljaar"])


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


class _ItemStep(OnRecord, ActionView):
    """An item of a Gesprekskader, added or changed by whoever may edit the kader."""

    action = "gesprekskader.edit"
    form_class = ItemForm
    success_message = gettext_lazy("Het item is opgeslagen.")

    def get_intro(self):
        return str(self.get_record())


class ItemAdd(_ItemStep):
    model = Gesprekskader
    title = gettext_lazy("Item toevoegen")

    def get_instance(self):
        return None

    def perform(self, form):
        return services.save_item(self.request.access, self.object, **form.cleaned_data)


class ItemEdit(_ItemStep):
    model = GesprekskaderItem
    select_related = ("kader",)
    check_on = "kader"
    title = gettext_lazy("Item bewerken")

    def perform(self, form):
        item = self.object
        return services.save_item(self.request.access, item.kader, item, **form.cleaned_data)
