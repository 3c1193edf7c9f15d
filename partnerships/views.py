"""The organisation of a partnership: schools, partners, groupings (organisatie/…).

The public index and profiles, open without login, are in public_views.py. Views are thin:
the pages that change something declare their rule, form, service call and messages on
samen.views (ActionView); lists run on samen.lists.
"""

from functools import cached_property

from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samen import history
from samen.access import get_for
from samen.lists import Column, ListView
from samen.views import ActionView, ImportColumn, ImportView, posted_next

from . import selectors, services
from .filters import GroupingFilter, PartnerFilter, SchoolFilter
from .forms import (
    BulkSchoolForm,
    GroupingForm,
    PartnerCreateForm,
    PartnerEditForm,
    SchoolForm,
    SchoolImportForm,
    SchoolProfileForm,
    TrainingStepForm,
)
from .models import Grouping, Organisation, Partner, School, SchoolProfile
from .resources import UPLOAD as SCHOOL_UPLOAD

IMPORT_SESSION_KEY = "partnerships_school_import"


def _url(name, request, **kwargs):
    return reverse(
        f"partnerships:{name}", kwargs={"partnership_slug": request.partnership.slug, **kwargs}
    )


# --- Helpers -------------------------------------------------------------------------------


def _querystring(request, *drop):
    params = request.GET.copy()
    for key in ("pagina", "export", *drop):
        params.pop(key, None)
    return params.urlencode()


def _history_records(obj):
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:50]


# --- Schools -------------------------------------------------------------------------------


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


class SchoolBulk(ActionView):
    """One action on the selected schools, or on every school the list's filters found
    (BulkSchoolForm); back to the list as it was."""

    action = "school.manage"
    form_class = BulkSchoolForm
    has_form_page = False
    http_method_names = ["post"]

    def get_form_kwargs(self):
        schools = self.request.access.filter("school.manage", School.objects.all())
        return {
            **super().get_form_kwargs(),
            "schools": schools,
            "prefix": "bulk",
            "request": self.request,
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.apply_bulk_action(
            self.request.access, data["school"], data["action"], data["cohort"]
        )

    def get_success_message(self, count):
        return _("%(count)s school/scholen bijgewerkt.") % {"count": count}

    def get_back_url(self):
        return posted_next(self.request) or _url("school_list", self.request)


class SchoolEdit(ActionView):
    action = "school.manage"
    model = School
    form_class = SchoolForm
    form_gets_access = True
    success_message = gettext_lazy("De school is opgeslagen.")

    def get_title(self):
        return _("%(name)s bewerken") % {"name": self.object.name}

    def get_back_label(self):
        return self.object.name

    def perform(self, form):
        return services.save_school(self.request.access, form.save(commit=False))


class SchoolCreate(SchoolEdit):
    model = None
    title = gettext_lazy("Nieuwe school")
    submit_label = gettext_lazy("School toevoegen")
    success_message = gettext_lazy("De school is toegevoegd.")

    def get_instance(self):
        partnership = self.request.partnership
        return School(partnership=partnership, sector=partnership.sector)

    def get_title(self):
        return self.title

    def get_back_url(self):
        return _url("school_list", self.request)

    def get_back_label(self):
        return _("Alle scholen")


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


class SchoolStep(ActionView):
    """The next step on the training-school path, posted from the school's page."""

    action = "school.manage"
    model = School
    form_class = TrainingStepForm
    has_form_page = False
    label_errors = True
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.object}

    def perform(self, form):
        return services.record_training_step(self.request.access, self.object, **form.cleaned_data)

    def get_success_message(self, step):
        return _("Stap ‘%(step)s’ vastgelegd.") % {"step": step.get_status_display()}


class ProfileEdit(ActionView):
    """The school's public profile, by its own people or its coordinators."""

    action = "profile.edit"
    model = School
    form_class = SchoolProfileForm
    template_name = "partnerships/profile_form.html"
    submit_label = gettext_lazy("Profiel opslaan")
    success_message = gettext_lazy("Het profiel is opgeslagen.")

    def get_instance(self):
        school = self.object
        return SchoolProfile.objects.filter(school=school).first() or SchoolProfile(
            partnership=self.request.partnership, school=school
        )

    def get_title(self):
        return _("Profiel van %(name)s") % {"name": self.object.name}

    def perform(self, form):
        return services.save_profile(self.request.access, form.save(commit=False))

    def get_warnings(self, profile):
        if profile.is_published and not self.object.is_opleidingsschool:
            return [_("Het profiel is pas openbaar als de school een actieve opleidingsschool is.")]
        return []

    def get_success_url(self, profile):
        return _url("profile_edit", self.request, pk=self.object.pk)

    @cached_property
    def can_view_school(self):
        return self.request.access.can("school.view", self.object)

    def get_back_url(self):
        # Someone who edits the profile but may not open the school goes back to the dashboard.
        if self.can_view_school:
            return self.object.get_absolute_url()
        return reverse("dashboard", kwargs={"partnership_slug": self.request.partnership.slug})

    def get_back_label(self):
        return self.object.name if self.can_view_school else _("Terug")


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
        "other_memberships": selectors.membership_count(partner.organisation) - 1,
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


class PartnerCreate(ActionView):
    """A new partner: an organisation found by searching (never a list of every organisation
    on the platform), or a new one."""

    action = "partner.manage"
    form_class = PartnerCreateForm
    template_name = "partnerships/partner_form.html"
    title = gettext_lazy("Partner toevoegen")
    submit_label = gettext_lazy("Partner toevoegen")

    @cached_property
    def chosen(self):
        """The existing organisation chosen from the search results, if any."""
        pk = self.request.GET.get("organisatie") or self.request.POST.get("organisation")
        return Organisation.objects.filter(pk=pk).first() if str(pk).isdigit() else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.chosen}

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("zoek", "").strip()
        matches = selectors.organisations_to_link(query) if self.chosen is None else []
        return super().get_context_data(query=query, matches=matches, chosen=self.chosen, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.add_partner(
            self.request.access,
            organisation=data.get("organisation"),
            new_organisation=form.new_organisation(),
            joined_on=data["joined_on"],
            left_on=data["left_on"],
            is_penvoerder=data["is_penvoerder"],
        )

    def get_success_message(self, partner):
        return _("%(partner)s is als partner toegevoegd.") % {"partner": partner}

    def get_back_url(self):
        return _url("partner_list", self.request)

    def get_back_label(self):
        return _("Alle partners")


class PartnerEdit(ActionView):
    """The membership; the organisation's own details only where this partnership maintains
    them (services.may_edit_organisation): linking it elsewhere changes nothing here."""

    action = "partner.manage"
    model = Partner
    select_related = ("organisation",)
    form_class = PartnerEditForm
    template_name = "partnerships/partner_edit.html"
    success_message = gettext_lazy("Het lidmaatschap is opgeslagen.")

    def get_initial(self):
        partner = self.object
        return {
            "joined_on": partner.joined_on,
            "left_on": partner.left_on,
            "is_penvoerder": partner.is_penvoerder,
        }

    def get_form_kwargs(self):
        organisation = self.object.organisation
        editable = services.may_edit_organisation(self.request.access, organisation)
        return {**super().get_form_kwargs(), "organisation": organisation if editable else None}

    def get_title(self):
        return _("%(name)s bewerken") % {"name": self.object.organisation.name}

    def get_back_label(self):
        return self.object.organisation.name

    def perform(self, form):
        return services.update_partner(
            self.request.access,
            self.object,
            organisation=form.organisation_data(),
            **form.cleaned_data,
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


class GroupingEdit(ActionView):
    action = "grouping.manage"
    model = Grouping
    form_class = GroupingForm
    form_gets_access = True
    success_message = gettext_lazy("De groepering is opgeslagen.")

    def get_title(self):
        return _("%(name)s bewerken") % {"name": self.object.name}

    def get_back_url(self):
        return _url("grouping_list", self.request)

    def get_back_label(self):
        return _("Clusters en netwerken")

    def perform(self, form):
        data = form.cleaned_data
        return services.save_grouping(
            self.request.access, form.save(commit=False), schools=data["schools"], team=data["team"]
        )


class GroupingCreate(GroupingEdit):
    model = None
    title = gettext_lazy("Nieuwe groepering")

    def get_instance(self):
        return Grouping(partnership=self.request.partnership)

    def get_title(self):
        return self.title
