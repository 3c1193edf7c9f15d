"""Views of the partnership's network: overlegstructuur, professionalisation, expertise.

Bodies, certificates and expertise areas are partnership-level objects (they have no school).
What every member may read (`body.view`, `expertise.view`) has "member" reach in the
permission table, so `access.filter()` and `get_for()` give it to school-scoped roles too;
what only roles for the whole partnership may change has "partnership" reach. The pages that
change something declare their rule, form, service call and messages on samen.views.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.models import School
from roles.models import Person, RoleAssignment
from samen import exports
from samen.access import get_for, require
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView

from . import services
from .forms import (
    AreaForm,
    BodyFilter,
    BodyForm,
    CertificateFilter,
    CertificateForm,
    ExpertiseFilter,
    MeetingForm,
    MembershipForm,
    PeoplePickerFilter,
    PersonExpertiseForm,
    TrainingRecordForm,
)
from .models import Body, BodyMembership, Certificate, ExpertiseArea, Meeting

#: The bulk page lists at most this many people; a narrower filter shows the rest.
PICKER_LIMIT = 500


def _url(name, request, **kwargs):
    return reverse(
        f"network:{name}", kwargs={"partnership_slug": request.partnership.slug, **kwargs}
    )


# --- Overlegstructuur ----------------------------------------------------------------------


class BodyList(ListView):
    """The overlegstructuur, grouped by kind of body; every member reads it."""

    action = "body.view"
    filterset_class = BodyFilter
    template_name = "network/body_list.html"
    export_name = "overlegstructuur"
    paginate_by = None  # a partnership has tens of bodies, shown grouped by kind
    columns = [
        Column(gettext_lazy("Naam"), "name"),
        Column(gettext_lazy("Soort"), "get_kind_display", show=False),
        Column(gettext_lazy("Leden"), "member_count"),
        Column(
            gettext_lazy("Volgende vergadering"),
            lambda b: (
                timezone.localtime(b.next_meeting).strftime("%d-%m-%Y %H:%M")
                if b.next_meeting
                else ""
            ),
        ),
    ]

    def get_queryset(self):
        return services.bodies_with_summary(Body.objects.order_by("kind", "name"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {}
        for body in self.object_list:
            groups.setdefault(body.kind, []).append(body)
        context.update(
            groups=[(label, groups[kind]) for kind, label in Body.Kind.choices if kind in groups],
            can_manage=self.request.access.can("body.manage"),
        )
        return context


body_list = BodyList.as_view()


def body_detail(request, partnership_slug, pk):
    body = get_for(request, "body.view", Body.objects.all(), pk=pk)
    upcoming, past = services.meetings_of(body)
    return render(
        request,
        "network/body_detail.html",
        {
            "body": body,
            "memberships": services.members_of(body),
            "upcoming": upcoming,
            "past": past,
            "can_manage": request.access.can("body.manage", body),
        },
    )


class BodyEdit(ActionView):
    action = "body.manage"
    model = Body
    form_class = BodyForm
    title = gettext_lazy("Overleg bewerken")
    success_message = gettext_lazy("Het overleg is opgeslagen.")

    def perform(self, form):
        return services.save_body(self.request.access, form.save(commit=False))


class BodyCreate(BodyEdit):
    model = None
    title = gettext_lazy("Nieuw overleg")
    success_message = gettext_lazy("Het overleg is aangemaakt.")

    def get_back_url(self):
        return _url("body_list", self.request)

    def get_back_label(self):
        return _("Overlegstructuur")


class BodyMemberAdd(ActionView):
    action = "body.manage"
    model = Body
    form_class = MembershipForm
    form_gets_access = True
    title = gettext_lazy("Lid toevoegen")

    def get_instance(self):
        return None  # a new membership, not the body

    def perform(self, form):
        return services.add_member(self.request.access, self.object, **form.cleaned_data)

    def get_success_message(self, membership):
        return _("%(person)s is toegevoegd aan %(body)s.") % {
            "person": membership.person,
            "body": self.object,
        }


class _MembershipStep:
    """A step on one membership of the body in the URL, which the person manages; asked
    first from the body's page, and back there."""

    action = "body.manage"
    model = BodyMembership
    pk_url_kwarg = "membership_pk"
    check_on = "body"

    def get_queryset(self):
        return BodyMembership.objects.filter(body_id=self.kwargs["pk"]).select_related(
            "person", "body"
        )

    def get_back_url(self):
        return self.object.body.get_absolute_url()

    def get_back_label(self):
        return self.object.body.name


class BodyMemberEnd(_MembershipStep, ConfirmView):
    """Ends a membership today; the person stays listed as a former member."""

    confirm_button = gettext_lazy("Ja, beëindigen")

    def get_confirm_title(self, form):
        return _("Lidmaatschap van %(person)s beëindigen?") % {"person": self.object.person}

    def get_confirm_intro(self, form):
        return _(
            "%(person)s is vanaf vandaag geen lid meer van %(body)s en blijft als oud-lid in de "
            "ledenlijst staan."
        ) % {"person": self.object.person, "body": self.object.body}

    def perform(self, form):
        return services.end_membership(self.request.access, self.object)

    def get_success_message(self, membership):
        return _("Het lidmaatschap van %(person)s is beëindigd.") % {"person": membership.person}


class BodyMemberRemove(_MembershipStep, ConfirmView):
    """Removes a membership recorded by mistake: no trace remains."""

    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True

    def get_confirm_title(self, form):
        return _("%(person)s uit de ledenlijst verwijderen?") % {"person": self.object.person}

    def get_confirm_intro(self, form):
        return _(
            "Het lidmaatschap van %(person)s verdwijnt uit de ledenlijst van %(body)s, zonder "
            "spoor. Beëindig het lidmaatschap als %(person)s lid is geweest."
        ) % {"person": self.object.person, "body": self.object.body}

    def perform(self, form):
        services.remove_membership(self.request.access, self.object)

    def get_success_message(self, result):
        return _("%(person)s is uit de ledenlijst verwijderd.") % {"person": self.object.person}


class MeetingEdit(ActionView):
    """A meeting of a body, new (no `meeting_pk`) or existing."""

    action = "body.manage"
    model = Body
    form_class = MeetingForm
    success_message = gettext_lazy("De vergadering is opgeslagen.")

    def get_instance(self):
        if "meeting_pk" in self.kwargs:
            return get_object_or_404(self.object.meetings.all(), pk=self.kwargs["meeting_pk"])
        return Meeting(partnership=self.request.partnership, body=self.object)

    def get_title(self):
        if "meeting_pk" in self.kwargs:
            return _("Vergadering bewerken")
        return _("Nieuwe vergadering")

    def perform(self, form):
        services.save_meeting(self.request.access, form.save(commit=False))
        return self.object


# --- Professionalisation -------------------------------------------------------------------


class CertificateList(ListView):
    action = "certificate.manage"
    filterset_class = CertificateFilter
    template_name = "network/training_list.html"
    partial_template_name = "network/_training_rows.html"
    export_name = "certificaten"
    columns = [
        Column(gettext_lazy("Naam"), "person.full_name", sort="naam"),
        Column(gettext_lazy("E-mailadres"), "person.email", show=False),
        Column(gettext_lazy("Training"), "get_kind_display", sort="training"),
        Column(gettext_lazy("Naam van de training"), "name", show=False),
        Column(gettext_lazy("Behaald op"), "obtained_on", sort="behaald"),
        Column(gettext_lazy("Geldig tot"), "valid_until", sort="geldig"),
        Column(
            gettext_lazy("Geldig"),
            lambda c: (
                _("ja")
                if c.valid_until is None or c.valid_until >= timezone.localdate()
                else _("nee")
            ),
            show=False,
        ),
    ]

    def get_queryset(self):
        return Certificate.objects.select_related("person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(),
            can_overview=self.request.access.can("training.overview"),
        )
        return context


certificate_list = CertificateList.as_view()


class _ToCertificates:
    """Back to (and, done, on to) the list of certificates."""

    action = "certificate.manage"

    def get_back_url(self):
        return _url("certificate_list", self.request)

    def get_back_label(self):
        return _("Professionalisering")


class CertificateCreate(_ToCertificates, ActionView):
    form_class = CertificateForm
    form_gets_access = True
    title = gettext_lazy("Certificaat toevoegen")
    success_message = gettext_lazy("Het certificaat is vastgelegd.")

    def perform(self, form):
        data = form.cleaned_data
        return services.record_training(
            self.request.access,
            people=[data["person"]],
            kind=data["kind"],
            name=data["name"],
            obtained_on=data["obtained_on"],
            valid_until=data["valid_until"],
        )


class TrainingRecord(_ToCertificates, ActionView):
    """Records one training for many people at once, ticked in a filtered table."""

    form_class = TrainingRecordForm
    template_name = "network/training_record.html"

    def get_initial(self):
        return {"obtained_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        request = self.request
        picker = PeoplePickerFilter(request.GET or None, access=request.access)
        people, truncated = picker.people(PICKER_LIMIT)
        if request.method == "POST":
            selected = {v for v in request.POST.getlist("people") if v.isdigit()}
        else:
            selected = {str(p.pk) for p in people} if request.GET.get("alles") else set()
        query = request.GET.copy()
        query.pop("alles", None)
        return super().get_context_data(
            picker=picker,
            people=people,
            truncated=truncated,
            limit=PICKER_LIMIT,
            selected=selected,
            query=query.urlencode(),
            **kwargs,
        )

    def perform(self, form):
        return services.record_training(self.request.access, **form.cleaned_data)

    def get_success_message(self, result):
        count = len(result.created)
        return ngettext(
            "De training is vastgelegd voor %(count)d persoon.",
            "De training is vastgelegd voor %(count)d personen.",
            count,
        ) % {"count": count}

    def get_warnings(self, result):
        if not result.skipped:
            return []
        names = ", ".join(str(p) for p in result.skipped)
        return [_("Al eerder vastgelegd, overgeslagen: %(names)s.") % {"names": names}]


class CertificateDelete(_ToCertificates, ConfirmView):
    model = Certificate
    select_related = ("person",)
    confirm_title = gettext_lazy("Certificaat verwijderen?")
    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True

    def get_confirm_rows(self, form):
        certificate = self.object
        return [
            (_("Persoon"), str(certificate.person)),
            (_("Training"), certificate.get_kind_display()),
            (_("Behaald op"), date_format(certificate.obtained_on, "j F Y")),
        ]

    def perform(self, form):
        services.delete_certificate(self.request.access, self.object)

    def get_success_message(self, result):
        return _("Het certificaat van %(person)s is verwijderd.") % {"person": self.object.person}


def training_overview(request, partnership_slug):
    """ "Are our mentors trained?": per school, per board and in total, this schooljaar."""
    require(request, "training.overview")
    schools = request.access.filter("training.overview", School.objects.all())
    schooljaar = Schooljaar.current()
    overview = services.trained_overview(schools, schooljaar, timezone.localdate())
    ordering = request.GET.get("sorteer", "school")
    overview.schools = services.sort_rows(overview.schools, ordering)
    overview.boards = services.sort_rows(overview.boards, ordering)
    if fmt := exports.requested_format(request):
        return exports.download(services.overview_dataset(overview), fmt, f"getraind-{schooljaar}")
    return render(
        request,
        "network/training_overview.html",
        {
            "overview": overview,
            "ordering": ordering,
            "orderings": _overview_sort_links(ordering),
            "can_manage": request.access.can("certificate.manage"),
        },
    )


def _overview_sort_links(current):
    """column -> (the ?sorteer= value its header links to, aria-sort value or "")."""
    links = {}
    for key in services.OVERVIEW_ORDERINGS:
        if current == key:
            links[key] = (f"-{key}", "ascending")
        elif current == f"-{key}":
            links[key] = (key, "descending")
        else:
            links[key] = (key if key == "school" else f"-{key}", "")
    return links


# --- Expertise -----------------------------------------------------------------------------


class ExpertiseDirectory(ListView):
    """Who knows what: the people with expertise, searchable by every member."""

    action = "expertise.view"
    filterset_class = ExpertiseFilter
    template_name = "network/expertise_directory.html"
    partial_template_name = "network/_expertise_rows.html"
    export_name = "expertise"
    columns = [
        Column(gettext_lazy("Naam"), "full_name"),
        Column(gettext_lazy("E-mailadres"), "email", show=False),
        Column(gettext_lazy("Expertise"), lambda p: ", ".join(a.name for a in p.expertise.all())),
        Column(
            gettext_lazy("Rollen dit schooljaar"),
            lambda p: ", ".join(
                f"{r.get_role_display()} ({r.scope_label})" for r in p.active_roles
            ),
        ),
        Column(gettext_lazy("Contact"), None, export=False),
    ]

    def get_queryset(self):
        with_areas = Exists(Person.expertise.through.objects.filter(person_id=OuterRef("pk")))
        return Person.objects.filter(with_areas).prefetch_related(
            "expertise",
            Prefetch(
                "roles",
                queryset=RoleAssignment.objects.active_in(Schooljaar.current()).select_related(
                    "school", "partner__organisation", "grouping"
                ),
                to_attr="active_roles",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            can_manage=self.request.access.can("expertise.manage"),
            my_person=self.request.access.person,
        )
        return context


expertise_directory = ExpertiseDirectory.as_view()


class _ToAreas:
    """Back to (and, done, on to) the page of expertise areas."""

    action = "expertise.manage"
    refusal_field = "name"  # the service refuses a name: empty, or taken

    def get_back_url(self):
        return _url("expertise_areas", self.request)

    def get_back_label(self):
        return _("Expertisegebieden")

    def get_success_url(self, result):
        return self.get_back_url()


class ExpertiseAreas(_ToAreas, ActionView):
    """The areas, with a form to add one."""

    form_class = AreaForm
    template_name = "network/expertise_areas.html"

    def get_context_data(self, **kwargs):
        areas = ExpertiseArea.objects.annotate(people_count=Count("people"))
        return super().get_context_data(areas=areas, **kwargs)

    def perform(self, form):
        return services.save_area(self.request.access, name=form.cleaned_data["name"])

    def get_success_message(self, area):
        return _("‘%(name)s’ is toegevoegd.") % {"name": area.name}


class ExpertiseAreaEdit(_ToAreas, ActionView):
    model = ExpertiseArea
    form_class = AreaForm
    success_message = gettext_lazy("Het expertisegebied is hernoemd.")

    def get_initial(self):
        return {"name": self.object.name}

    def get_title(self):
        return _("‘%(name)s’ hernoemen") % {"name": self.object.name}

    def perform(self, form):
        return services.save_area(
            self.request.access, name=form.cleaned_data["name"], area=self.object
        )


class ExpertiseAreaDelete(_ToAreas, ConfirmView):
    model = ExpertiseArea
    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True

    def get_confirm_title(self, form):
        return _("‘%(name)s’ verwijderen?") % {"name": self.object.name}

    def get_confirm_intro(self, form):
        return _("Wie dit expertisegebied heeft, heeft het daarna niet meer.")

    def perform(self, form):
        services.delete_area(self.request.access, self.object)

    def get_success_message(self, result):
        return _("‘%(name)s’ is verwijderd.") % {"name": self.object.name}


class ExpertisePerson(ActionView):
    """A person's expertise: everyone their own, the coordinators anyone's in reach."""

    action = "expertise.edit"
    model = Person
    form_class = PersonExpertiseForm
    template_name = "network/expertise_person.html"

    def get_initial(self):
        return {"areas": list(self.object.expertise.all())}

    def get_title(self):
        return _("Expertise van %(person)s") % {"person": self.object}

    def get_context_data(self, **kwargs):
        can_manage_areas = self.request.access.can("expertise.manage")
        return super().get_context_data(can_manage_areas=can_manage_areas, **kwargs)

    def perform(self, form):
        services.set_expertise(self.request.access, self.object, form.cleaned_data["areas"])
        return self.object

    def get_success_message(self, person):
        return _("De expertise van %(person)s is opgeslagen.") % {"person": person}

    def get_success_url(self, person):
        return _url("expertise_directory", self.request)

    def get_back_url(self):
        return _url("expertise_directory", self.request)

    def get_back_label(self):
        return _("Expertise in beeld")
