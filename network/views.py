"""Views of the partnership's network: overlegstructuur, professionalisation, expertise.

Bodies, certificates and expertise areas are partnership-level objects (they have no school).
What every member may read (`body.view`, `expertise.view`) has "member" reach in the
permission table, so `access.filter()` and `get_for()` give it to school-scoped roles too;
what only roles for the whole partnership may change has "partnership" reach.
"""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from partnerships.models import School
from roles.models import Person, RoleAssignment
from samen import exports
from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar

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
from .models import Body, Certificate, ExpertiseArea, Meeting

PAGE_SIZE = 50
#: The bulk page lists at most this many people; a narrower filter shows the rest.
PICKER_LIMIT = 500


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
    today = timezone.localdate()
    now = timezone.now()
    memberships = list(body.memberships.select_related("person"))
    for m in memberships:
        m.is_current = m.until is None or m.until >= today
    memberships.sort(key=lambda m: (not m.is_current, m.person.last_name, m.person.first_name))
    meetings = list(body.meetings.all())
    return render(
        request,
        "network/body_detail.html",
        {
            "body": body,
            "memberships": memberships,
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": sorted((m for m in meetings if m.starts_at < now), key=lambda m: m.starts_at)[
                ::-1
            ],
            "can_manage": request.access.can("body.manage", body),
        },
    )


def body_create(request, partnership_slug):
    require(request, "body.manage")
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = services.save_body(request.access, form.save(commit=False))
        messages.success(request, _("Het overleg is aangemaakt."))
        return redirect("network:body_detail", partnership_slug=partnership_slug, pk=body.pk)
    return render(
        request, "network/body_form.html", {"form": form, "title": _("Nieuw overleg"), "body": None}
    )


def body_edit(request, partnership_slug, pk):
    body = get_for(request, "body.manage", Body.objects.all(), pk=pk)
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        services.save_body(request.access, form.save(commit=False))
        messages.success(request, _("Het overleg is opgeslagen."))
        return redirect("network:body_detail", partnership_slug=partnership_slug, pk=body.pk)
    return render(
        request,
        "network/body_form.html",
        {"form": form, "title": _("Overleg bewerken"), "body": body},
    )


def body_member_add(request, partnership_slug, pk):
    body = get_for(request, "body.manage", Body.objects.all(), pk=pk)
    form = MembershipForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(request.access, body, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(person)s is toegevoegd aan %(body)s.")
                % {"person": form.cleaned_data["person"], "body": body},
            )
            return redirect("network:body_detail", partnership_slug=partnership_slug, pk=body.pk)
    return render(
        request,
        "network/body_form.html",
        {"form": form, "title": _("Lid toevoegen"), "body": body},
    )


def _membership(request, pk, membership_pk):
    body = get_for(request, "body.manage", Body.objects.all(), pk=pk)
    return get_object_or_404(body.memberships.select_related("person"), pk=membership_pk)


@require_POST
def body_member_end(request, partnership_slug, pk, membership_pk):
    membership = _membership(request, pk, membership_pk)
    try:
        services.end_membership(request.access, membership)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Het lidmaatschap van %(person)s is beëindigd.") % {"person": membership.person},
        )
    return redirect("network:body_detail", partnership_slug=partnership_slug, pk=pk)


@require_POST
def body_member_remove(request, partnership_slug, pk, membership_pk):
    membership = _membership(request, pk, membership_pk)
    services.remove_membership(request.access, membership)
    messages.success(
        request, _("%(person)s is uit de ledenlijst verwijderd.") % {"person": membership.person}
    )
    return redirect("network:body_detail", partnership_slug=partnership_slug, pk=pk)


def meeting_create(request, partnership_slug, pk):
    body = get_for(request, "body.manage", Body.objects.all(), pk=pk)
    return _meeting_form(request, body, Meeting(partnership=request.partnership, body=body))


def meeting_edit(request, partnership_slug, pk, meeting_pk):
    body = get_for(request, "body.manage", Body.objects.all(), pk=pk)
    meeting = get_object_or_404(body.meetings.all(), pk=meeting_pk)
    return _meeting_form(request, body, meeting)


def _meeting_form(request, body, meeting):
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.save_meeting(request.access, form.save(commit=False))
        messages.success(request, _("De vergadering is opgeslagen."))
        return redirect(
            "network:body_detail", partnership_slug=request.partnership.slug, pk=body.pk
        )
    title = _("Nieuwe vergadering") if meeting.pk is None else _("Vergadering bewerken")
    return render(request, "network/body_form.html", {"form": form, "title": title, "body": body})


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


def certificate_create(request, partnership_slug):
    require(request, "certificate.manage")
    form = CertificateForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_training(
                request.access,
                people=[data["person"]],
                kind=data["kind"],
                name=data["name"],
                obtained_on=data["obtained_on"],
                valid_until=data["valid_until"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het certificaat is vastgelegd."))
            return redirect("network:certificate_list", partnership_slug=partnership_slug)
    return render(request, "network/training_certificate_form.html", {"form": form})


def training_record(request, partnership_slug):
    """Records one training for many people at once, ticked in a filtered table."""
    require(request, "certificate.manage")
    picker = PeoplePickerFilter(request.GET or None, access=request.access)
    today = timezone.localdate()
    people = picker.filter(Person.objects.all()).prefetch_related(
        Prefetch(
            "roles",
            queryset=RoleAssignment.objects.active_in(Schooljaar.current()).select_related(
                "school", "partner__organisation", "grouping"
            ),
            to_attr="active_roles",
        ),
        Prefetch(
            "certificates",
            queryset=Certificate.objects.filter(services.valid_certificate_q(today)),
            to_attr="valid_certificates",
        ),
    )
    shown = list(people[: PICKER_LIMIT + 1])
    truncated = len(shown) > PICKER_LIMIT
    shown = shown[:PICKER_LIMIT]

    form = TrainingRecordForm(request.POST or None, initial={"obtained_on": today})
    selected = set()
    if request.method == "POST":
        selected = {v for v in request.POST.getlist("people") if v.isdigit()}
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.record_training(
                    request.access,
                    people=data["people"],
                    kind=data["kind"],
                    name=data["name"],
                    obtained_on=data["obtained_on"],
                    valid_until=data["valid_until"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "De training is vastgelegd voor %(count)d persoon.",
                        "De training is vastgelegd voor %(count)d personen.",
                        len(result.created),
                    )
                    % {"count": len(result.created)},
                )
                if result.skipped:
                    messages.warning(
                        request,
                        _("Al eerder vastgelegd, overgeslagen: %(names)s.")
                        % {"names": ", ".join(str(p) for p in result.skipped)},
                    )
                return redirect("network:certificate_list", partnership_slug=partnership_slug)
    elif request.GET.get("alles"):
        selected = {str(p.pk) for p in shown}
    query = request.GET.copy()
    query.pop("alles", None)
    return render(
        request,
        "network/training_record.html",
        {
            "form": form,
            "picker": picker,
            "people": shown,
            "truncated": truncated,
            "limit": PICKER_LIMIT,
            "selected": selected,
            "query": query.urlencode(),
        },
    )


@require_POST
def certificate_delete(request, partnership_slug, pk):
    certificate = get_for(
        request, "certificate.manage", Certificate.objects.select_related("person"), pk=pk
    )
    services.delete_certificate(request.access, certificate)
    messages.success(
        request,
        _("Het certificaat van %(person)s is verwijderd.") % {"person": certificate.person},
    )
    return redirect("network:certificate_list", partnership_slug=partnership_slug)


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


def expertise_areas(request, partnership_slug):
    require(request, "expertise.manage")
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.save_area(request.access, name=form.cleaned_data["name"])
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, _("‘%(name)s’ is toegevoegd.") % {"name": area.name})
            return redirect("network:expertise_areas", partnership_slug=partnership_slug)
    areas = ExpertiseArea.objects.annotate(people_count=Count("people"))
    return render(request, "network/expertise_areas.html", {"form": form, "areas": areas})


def expertise_area_edit(request, partnership_slug, pk):
    area = get_for(request, "expertise.manage", ExpertiseArea.objects.all(), pk=pk)
    form = AreaForm(request.POST or None, initial={"name": area.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_area(request.access, name=form.cleaned_data["name"], area=area)
        except DomainError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, _("Het expertisegebied is hernoemd."))
            return redirect("network:expertise_areas", partnership_slug=partnership_slug)
    return render(request, "network/expertise_area_form.html", {"form": form, "area": area})


@require_POST
def expertise_area_delete(request, partnership_slug, pk):
    area = get_for(request, "expertise.manage", ExpertiseArea.objects.all(), pk=pk)
    services.delete_area(request.access, area)
    messages.success(request, _("‘%(name)s’ is verwijderd.") % {"name": area.name})
    return redirect("network:expertise_areas", partnership_slug=partnership_slug)


def expertise_person(request, partnership_slug, pk):
    person = get_for(request, "expertise.edit", Person.objects.all(), pk=pk)
    form = PersonExpertiseForm(
        request.POST or None, initial={"areas": list(person.expertise.all())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_expertise(request.access, person, form.cleaned_data["areas"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("De expertise van %(person)s is opgeslagen.") % {"person": person}
            )
            return redirect("network:expertise_directory", partnership_slug=partnership_slug)
    return render(
        request,
        "network/expertise_person.html",
        {
            "form": form,
            "person": person,
            "can_manage_areas": request.access.can("expertise.manage"),
        },
    )
