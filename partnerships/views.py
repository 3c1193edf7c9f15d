"""The organisation of a partnership: schools, partners, groupings, and the public profiles.

Coordinator pages live under organisatie/…; the public index and profiles (no login) under
scholen/…. Views are thin: permission, form or service, render.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from samen import history
from samen.access import get_for, public, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.views import ImportColumn, ImportView

from . import services
from .filters import GroupingFilter, PartnerFilter, PublicSchoolFilter, SchoolFilter
from .forms import (
    BulkSchoolForm,
    GroupingForm,
    MembershipForm,
    OrganisationForm,
    PartnerCreateForm,
    SchoolForm,
    SchoolImportForm,
    SchoolProfileForm,
    TrainingStepForm,
)
from .models import Grouping, Organisation, Partner, School, SchoolProfile, TrainingStatus
from .resources import UPLOAD as SCHOOL_UPLOAD

PAGE_SIZE = 50
#: Characters needed before the platform-wide organisation search answers.
MIN_SEARCH = 3
IMPORT_SESSION_KEY = "partnerships_school_import"


# --- Helpers -------------------------------------------------------------------------------


def _querystring(request, *drop):
    params = request.GET.copy()
    for key in ("pagina", "export", *drop):
        params.pop(key, None)
    return params.urlencode()


def _sort_columns(request, columns):
    """Column headers that sort the list: link (toggles the direction) and aria-sort."""
    current = request.GET.get("sorteer", "")
    base = _querystring(request, "sorteer")
    headers = []
    for key, label in columns:
        if key is None:
            headers.append({"label": label})
            continue
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else ""
        target = f"-{key}" if current == key else key
        headers.append(
            {
                "label": label,
                "url": f"?{base}&sorteer={target}" if base else f"?sorteer={target}",
                "aria_sort": direction,
            }
        )
    return headers


def _history_records(obj):
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:50]


# --- Schools -------------------------------------------------------------------------------


def _visible_schools(request, action="school.view"):
    return request.access.filter(action, School.objects.all()).select_related("board__organisation")


class SchoolList(ListView):
    action = "school.view"
    filterset_class = SchoolFilter
    template_name = "partnerships/school_list.html"
    partial_template_name = "partnerships/_school_rows.html"
    export_name = "scholen"
    columns = [
        Column(gettext_lazy("Naam"), "name", sort="naam"),
        Column(gettext_lazy("Bestuur"), "board.organisation.name", sort="bestuur"),
        Column(gettext_lazy("Adres"), "address", show=False),
        Column(gettext_lazy("Postcode"), "postcode", show=False),
        Column(gettext_lazy("Plaats"), "place", sort="plaats"),
        Column(gettext_lazy("BRIN"), "brin"),
        Column(gettext_lazy("Sector"), "get_sector_display", show=False),
        Column(
            gettext_lazy("Status opleidingsschool"), "get_training_status_display", sort="status"
        ),
        Column(gettext_lazy("Cohort"), "cohort", sort="cohort"),
        Column(gettext_lazy("Leerlingen"), "size", sort="leerlingen"),
        Column(
            gettext_lazy("Academische opleidingsschool"),
            lambda s: _("ja") if s.is_academisch else _("nee"),
            show=False,
        ),
    ]

    def get_queryset(self):
        return School.objects.select_related("board__organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_manage = self.request.access.can("school.manage")
        context.update(
            querystring=_querystring(self.request),
            full_path=self.request.get_full_path(),
            can_manage=can_manage,
            # The partners' list shows partners in reach; a school's people have none.
            can_view_partners=self.request.access.filter(
                "partner.view", Partner.objects.all()
            ).exists(),
            bulk_form=BulkSchoolForm(schools=School.objects.none(), prefix="bulk")
            if can_manage
            else None,
        )
        return context


school_list = SchoolList.as_view()


@require_POST
def school_bulk(request, partnership_slug):
    """One action on the selected schools, or on every school the list's filters found."""
    require(request, "school.manage")
    schools = request.access.filter("school.manage", School.objects.all())
    filter_params = QueryDict(request.POST.get("filters", ""))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    data = request.POST.copy()
    if request.POST.get("scope") == "filtered":
        found = SchoolFilter(filter_params or None, queryset=schools, request=request).qs
        data.setlist("bulk-school", [str(pk) for pk in found.values_list("pk", flat=True)])
    form = BulkSchoolForm(data, schools=schools, prefix="bulk")
    if form.is_valid():
        selected = form.cleaned_data["school"]
        try:
            action = form.cleaned_data["action"]
            if action == "cohort":
                count = services.set_cohort(request.access, selected, form.cleaned_data["cohort"])
            else:
                count = services.set_academisch(request.access, selected, action == "academisch")
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(count)s school/scholen bijgewerkt.") % {"count": count})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(back or reverse("partnerships:school_list", args=[partnership_slug]))


def school_create(request, partnership_slug):
    require(request, "school.manage")
    form = SchoolForm(
        request.POST or None,
        instance=School(partnership=request.partnership, sector=request.partnership.sector),
        access=request.access,
    )
    if request.method == "POST" and form.is_valid():
        try:
            school = services.save_school(request.access, form.save(commit=False))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De school is toegevoegd."))
            return redirect(
                "partnerships:school_detail", partnership_slug=partnership_slug, pk=school.pk
            )
    return render(request, "partnerships/school_form.html", {"form": form, "school": None})


def school_edit(request, partnership_slug, pk):
    school = get_for(request, "school.manage", School.objects.all(), pk=pk)
    form = SchoolForm(request.POST or None, instance=school, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_school(request.access, form.save(commit=False))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De school is opgeslagen."))
            return redirect("partnerships:school_detail", partnership_slug=partnership_slug, pk=pk)
    return render(request, "partnerships/school_form.html", {"form": form, "school": school})


def school_detail(request, partnership_slug, pk):
    school = get_for(
        request,
        "school.view",
        School.objects.select_related("board__organisation", "profile"),
        pk=pk,
    )
    access = request.access
    can_manage = access.can("school.manage", school)
    profile = SchoolProfile.objects.filter(school=school).first()
    context = {
        "school": school,
        "steps": school.training_steps.select_related("recorded_by"),
        "step_form": TrainingStepForm(school=school, initial={"on": timezone.localdate()})
        if can_manage and school.next_training_steps
        else None,
        "groupings": school.groupings.select_related("hub"),
        "profile": profile,
        "is_public": bool(profile and profile.is_published and school.is_opleidingsschool),
        "can_manage": can_manage,
        "can_edit_profile": access.can("profile.edit", school),
        "can_view_board": access.can("partner.view", school.board),
        "history": history.entries(
            [(School, _history_records(school))], partnership=request.partnership
        )
        if access.can("history.view")
        else None,
    }
    return render(request, "partnerships/school_detail.html", context)


@require_POST
def school_step(request, partnership_slug, pk):
    school = get_for(request, "school.manage", School.objects.all(), pk=pk)
    form = TrainingStepForm(request.POST, school=school)
    if form.is_valid():
        try:
            step = services.record_training_step(request.access, school, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Stap ‘%(step)s’ vastgelegd.") % {"step": step.get_status_display()},
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("partnerships:school_detail", partnership_slug=partnership_slug, pk=pk)


def profile_edit(request, partnership_slug, pk):
    school = get_for(request, "profile.edit", School.objects.all(), pk=pk)
    profile = SchoolProfile.objects.filter(school=school).first() or SchoolProfile(
        partnership=request.partnership, school=school
    )
    form = SchoolProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(request.access, form.save(commit=False))
        messages.success(request, _("Het profiel is opgeslagen."))
        if profile.is_published and not school.is_opleidingsschool:
            messages.warning(
                request,
                _("Het profiel is pas openbaar als de school een actieve opleidingsschool is."),
            )
        return redirect("partnerships:profile_edit", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "partnerships/profile_form.html",
        {
            "form": form,
            "school": school,
            "can_view_school": request.access.can("school.view", school),
        },
    )


# --- Import --------------------------------------------------------------------------------


class SchoolImport(ImportView):
    """Schools from a CSV or Excel file: a preview with the errors per row, then all or none."""

    actions = ("school.manage",)
    form_class = SchoolImportForm
    upload = SCHOOL_UPLOAD
    session_key = IMPORT_SESSION_KEY
    title = gettext_lazy("Scholen importeren")
    intro = gettext_lazy("Kies een CSV- of Excel-bestand met één school per rij.")
    columns = [
        ImportColumn(gettext_lazy("Naam"), "naam"),
        ImportColumn(gettext_lazy("Bestuur"), "bestuur"),
        ImportColumn(gettext_lazy("Plaats"), "plaats"),
        ImportColumn(gettext_lazy("BRIN"), "brin"),
        ImportColumn(gettext_lazy("Sector"), "sector"),
    ]
    url_name = "partnerships:school_import"
    confirm_url_name = "partnerships:school_import_confirm"
    list_url_name = "partnerships:school_list"
    back_label = gettext_lazy("Alle scholen")

    def preview(self, access, upload):
        return services.preview_school_import(access, upload)

    def perform(self, access, upload):
        return services.import_schools(access, upload)

    def success_message(self, count):
        return ngettext(
            "%(count)d school is geïmporteerd.", "%(count)d scholen zijn geïmporteerd.", count
        ) % {"count": count}


def _membership_count(organisation):
    """In how many partnerships `organisation` is a partner.

    Crosses tenants on purpose: it reads only a count of one organisation's memberships, never
    another partnership's rows, to tell whether its shared details may be edited here.
    """
    with scopes_disabled():
        return Partner.objects.filter(organisation=organisation).count()


# --- Partners ------------------------------------------------------------------------------


class PartnerList(ListView):
    action = "partner.view"
    filterset_class = PartnerFilter
    template_name = "partnerships/partner_list.html"
    partial_template_name = "partnerships/_partner_rows.html"
    export_name = "partners"
    columns = [
        Column(gettext_lazy("Organisatie"), "organisation.name", sort="naam"),
        Column(gettext_lazy("Korte naam"), "organisation.short_name", show=False),
        Column(gettext_lazy("Soort"), "organisation.get_kind_display", sort="soort"),
        Column(gettext_lazy("Sector"), "organisation.get_sector_display"),
        Column(gettext_lazy("Regio"), "organisation.region"),
        Column(gettext_lazy("Lid sinds"), "joined_on", sort="lid_sinds"),
        Column(gettext_lazy("Lid tot"), "left_on", sort="lid_tot"),
        Column(
            gettext_lazy("Penvoerder"), lambda p: _("ja") if p.is_penvoerder else "", show=False
        ),
        Column(gettext_lazy("Scholen"), "school_count"),
    ]

    def get_queryset(self):
        return (
            Partner.objects.select_related("organisation")
            .annotate(school_count=Count("schools"))
            .order_by("organisation__name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(), can_manage=self.request.access.can("partner.manage")
        )
        return context


partner_list = PartnerList.as_view()


def partner_detail(request, partnership_slug, pk):
    partner = get_for(
        request, "partner.view", Partner.objects.select_related("organisation"), pk=pk
    )
    access = request.access
    schools = access.filter("school.view", partner.schools.all())
    context = {
        "partner": partner,
        "organisation": partner.organisation,
        "schools": schools,
        "other_memberships": _membership_count(partner.organisation) - 1,
        "today": timezone.localdate(),
        "can_manage": access.can("partner.manage", partner),
        "history": history.entries(
            [
                (Partner, _history_records(partner)),
                (Organisation, _history_records(partner.organisation)),
            ],
            partnership=request.partnership,
            hidden={"managed_by"},  # which partnership maintains it is not this page's business
        )
        if access.can("history.view")
        else None,
    }
    return render(request, "partnerships/partner_detail.html", context)


def partner_create(request, partnership_slug):
    require(request, "partner.manage")
    # An existing organisation is found by searching, so no list of every organisation on
    # the platform is ever shown.
    query = request.GET.get("zoek", "").strip()
    chosen = None
    if pk := request.GET.get("organisatie") or request.POST.get("organisation"):
        chosen = Organisation.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    matches = []
    if len(query) >= MIN_SEARCH and chosen is None:
        # Organisations are shared by every partnership: the search shows what is needed to
        # link one (its name and kind), nothing of the partnerships it is in.
        members = Partner.objects.values("organisation")
        matches = (
            Organisation.objects.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
            .exclude(pk__in=members)
            .order_by("name")
            .only("pk", "name", "kind")[:20]
        )
    form = PartnerCreateForm(request.POST or None, organisation=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = services.add_partner(
                request.access,
                organisation=data.get("organisation"),
                new_organisation=form.new_organisation(),
                joined_on=data["joined_on"],
                left_on=data["left_on"],
                is_penvoerder=data["is_penvoerder"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("%(partner)s is als partner toegevoegd.") % {"partner": partner}
            )
            return redirect(
                "partnerships:partner_detail", partnership_slug=partnership_slug, pk=partner.pk
            )
    return render(
        request,
        "partnerships/partner_form.html",
        {"form": form, "query": query, "matches": matches, "chosen": chosen},
    )


def partner_edit(request, partnership_slug, pk):
    partner = get_for(
        request, "partner.manage", Partner.objects.select_related("organisation"), pk=pk
    )
    organisation = partner.organisation
    # Only the partnership that maintains the organisation edits its details; linking it from
    # another partnership changes nothing here (services.may_edit_organisation).
    editable = services.may_edit_organisation(request.access, organisation)
    data = request.POST or None
    form = MembershipForm(
        data,
        initial={
            "joined_on": partner.joined_on,
            "left_on": partner.left_on,
            "is_penvoerder": partner.is_penvoerder,
        },
    )
    org_form = OrganisationForm(data, instance=organisation, prefix="org") if editable else None
    if request.method == "POST" and form.is_valid() and (org_form is None or org_form.is_valid()):
        try:
            with transaction.atomic():
                services.update_membership(request.access, partner, **form.cleaned_data)
                if org_form is not None:
                    services.update_organisation(
                        request.access, organisation, **org_form.cleaned_data
                    )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het lidmaatschap is opgeslagen."))
            return redirect("partnerships:partner_detail", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "partnerships/partner_edit.html",
        {"form": form, "org_form": org_form, "partner": partner, "shared": not editable},
    )


# --- Groupings -----------------------------------------------------------------------------


class GroupingList(ListView):
    action = "grouping.view"
    filterset_class = GroupingFilter
    template_name = "partnerships/grouping_list.html"
    partial_template_name = "partnerships/_grouping_rows.html"
    export_name = "groeperingen"
    columns = [
        Column(gettext_lazy("Naam"), "name", sort="naam"),
        Column(gettext_lazy("Soort"), "get_kind_display", sort="soort"),
        Column(gettext_lazy("Hub"), "hub.name"),
        Column(gettext_lazy("Scholen"), "school_count", sort="scholen"),
        Column(gettext_lazy("Opleidingsteam"), "team_count"),
    ]

    def get_queryset(self):
        return (
            Grouping.objects.select_related("hub")
            .annotate(school_count=Count("schools", distinct=True))
            .annotate(team_count=Count("team", distinct=True))
            .order_by("kind", "name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.access.can("grouping.manage")
        context["can_view_partners"] = self.request.access.filter(
            "partner.view", Partner.objects.all()
        ).exists()
        return context


grouping_list = GroupingList.as_view()


def _grouping_queryset():
    return Grouping.objects.select_related("hub").prefetch_related(
        Prefetch("schools", queryset=School.objects.select_related("board__organisation")),
        "team",
    )


def grouping_detail(request, partnership_slug, pk):
    grouping = get_for(request, "grouping.view", _grouping_queryset(), pk=pk)
    return render(
        request,
        "partnerships/grouping_detail.html",
        {
            "grouping": grouping,
            "can_manage": request.access.can("grouping.manage", grouping),
            # Its schools are listed for everyone who sees it; linked where the reader may
            # open them (a school's schoolopleider sees the cluster, not every school in it).
            "viewable_schools": set(
                request.access.filter("school.view", grouping.schools.all()).values_list(
                    "pk", flat=True
                )
            ),
        },
    )


def grouping_create(request, partnership_slug):
    require(request, "grouping.manage")
    return _grouping_form(request, Grouping(partnership=request.partnership))


def grouping_edit(request, partnership_slug, pk):
    grouping = get_for(request, "grouping.manage", Grouping.objects.all(), pk=pk)
    return _grouping_form(request, grouping)


def _grouping_form(request, grouping):
    form = GroupingForm(request.POST or None, instance=grouping, access=request.access)
    if request.method == "POST" and form.is_valid():
        grouping = form.save(commit=False)
        services.save_grouping(
            request.access,
            grouping,
            schools=form.cleaned_data["schools"],
            team=form.cleaned_data["team"],
        )
        messages.success(request, _("De groepering is opgeslagen."))
        return redirect(
            "partnerships:grouping_detail",
            partnership_slug=request.partnership.slug,
            pk=grouping.pk,
        )
    return render(request, "partnerships/grouping_form.html", {"form": form, "grouping": grouping})


# --- Public index and profiles -------------------------------------------------------------


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
