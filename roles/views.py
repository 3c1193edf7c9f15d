"""People, their roles and invitations, the import, and the role catalogue (thin views)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from samen import history
from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ImportColumn, ImportView

from . import services
from .filters import PersonFilter
from .forms import (
    BulkActionForm,
    FirstRoleForm,
    ImportUploadForm,
    PersonForm,
    RoleAssignmentForm,
    RoleDescriptionForm,
)
from .models import Person, Role, RoleAssignment, RoleDescription
from .resources import UPLOAD

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "roles.people_import"


def _current_roles():
    """Prefetch of each person's roles this schooljaar, as `person.current_roles`."""
    return Prefetch(
        "roles",
        queryset=RoleAssignment.objects.active_in(Schooljaar.current())
        .select_related("school", "partner__organisation", "grouping")
        .order_by("role", "pk"),
        to_attr="current_roles",
    )


def _people(request, action="person.view"):
    return request.access.filter(action, Person.objects.all())


def _url(name, request, **kwargs):
    return reverse(f"roles:{name}", kwargs={"partnership_slug": request.partnership.slug, **kwargs})


# --- the list, its export and bulk actions ----------------------------------------------


def _roles_text(person):
    return "; ".join(f"{a.get_role_display()} ({a.scope_label})" for a in person.current_roles)


def _account_text(person):
    if person.user_id:
        return _("ja")
    return _("uitgenodigd") if person.invited_at else _("nee")


class PersonList(ListView):
    action = "person.view"
    filterset_class = PersonFilter
    template_name = "roles/people_list.html"
    partial_template_name = "roles/_people_rows.html"
    export_name = "mensen"
    columns = [
        Column(gettext_lazy("Naam"), "full_name", sort="naam"),
        Column(gettext_lazy("E-mailadres"), "email", sort="email"),
        Column(gettext_lazy("Telefoon"), "phone", show=False),
        Column(gettext_lazy("Rollen dit schooljaar"), _roles_text),
        Column(gettext_lazy("Account"), _account_text, sort="uitgenodigd"),
    ]

    def get_queryset(self):
        return Person.objects.select_related("user").prefetch_related(_current_roles())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        can_assign, can_manage = access.can("role.manage"), access.can("person.manage")
        context.update(can_manage=can_manage, can_assign=can_assign)
        context["can_bulk"] = can_assign or can_manage
        if context["can_bulk"]:
            context["bulk_form"] = BulkActionForm(
                people_queryset=Person.objects.none(), access=access
            )
        return context


person_list = PersonList.as_view()


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return _url("person_list", request)


@require_POST
def person_bulk(request, partnership_slug):
    """One action on the selected people: assign a role, end a role, or invite them."""
    require(request, "person.view")
    form = BulkActionForm(request.POST, people_queryset=_people(request), access=request.access)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    action = form.cleaned_data["action"]
    selected = list(form.cleaned_data["people"])
    try:
        if action == BulkActionForm.ASSIGN:
            require(request, "role.manage")
            assigned, skipped = services.bulk_assign_role(
                request.access, selected, **form.assignment_data()
            )
            messages.success(
                request,
                ngettext(
                    "De rol is toegewezen aan %(count)d persoon.",
                    "De rol is toegewezen aan %(count)d personen.",
                    len(assigned),
                )
                % {"count": len(assigned)},
            )
            if skipped:
                messages.warning(
                    request,
                    _("Had(den) de rol al: %(names)s.")
                    % {"names": ", ".join(str(p) for p in skipped)},
                )
        elif action == BulkActionForm.END:
            require(request, "role.manage")
            count, left = services.bulk_end_roles(
                request.access, selected, form.cleaned_data["role"]
            )
            if left:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d rol buiten uw bereik is niet beëindigd.",
                        "%(count)d rollen buiten uw bereik zijn niet beëindigd.",
                        left,
                    )
                    % {"count": left},
                )
            messages.success(
                request,
                ngettext(
                    "%(count)d rol eindigt aan het eind van schooljaar %(sj)s.",
                    "%(count)d rollen eindigen aan het eind van schooljaar %(sj)s.",
                    count,
                )
                % {"count": count, "sj": Schooljaar.current()},
            )
        else:
            require(request, "person.manage")
            invited, skipped = services.bulk_invite(request.access, selected, request)
            messages.success(
                request,
                ngettext(
                    "%(count)d persoon is uitgenodigd.",
                    "%(count)d personen zijn uitgenodigd.",
                    len(invited),
                )
                % {"count": len(invited)},
            )
            if skipped:
                messages.warning(
                    request,
                    _("Niet uitgenodigd (al een account of geen e-mailadres): %(names)s.")
                    % {"names": ", ".join(str(p) for p in skipped)},
                )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_back(request))


# --- one person -------------------------------------------------------------------------


def person_create(request, partnership_slug):
    """A new person; someone whose reach is a board or a school adds them with a role there."""
    access = request.access
    require(request, "person.manage")
    data = request.POST or None
    form = PersonForm(data)
    role_form = (
        None if access.is_partnership_wide_coordinator else FirstRoleForm(data, access=access)
    )
    if request.method == "POST" and form.is_valid() and (role_form is None or role_form.is_valid()):
        try:
            person = services.create_person(
                access,
                first_role=role_form.cleaned_data if role_form else None,
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(person)s is toegevoegd.") % {"person": person})
            return redirect(_url("person_detail", request, pk=person.pk))
    return render(request, "roles/people_form.html", {"form": form, "role_form": role_form})


def person_edit(request, partnership_slug, pk):
    person = get_for(request, "person.manage", Person.objects.all(), pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(request.access, person, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(_url("person_detail", request, pk=person.pk))
    return render(request, "roles/people_form.html", {"form": form, "person": person})


def period_label(assignment):
    """ "2026-2027 – heden", "2024-2025 – 2025-2026" or "2025-2026"."""
    start = str(Schooljaar(assignment.schooljaar_from))
    if assignment.schooljaar_to is None:
        return _("%(start)s – heden") % {"start": start}
    if assignment.schooljaar_to == assignment.schooljaar_from:
        return start
    return f"{start} – {Schooljaar(assignment.schooljaar_to)}"


def person_detail(request, partnership_slug, pk):
    access = request.access
    person = get_for(request, "person.view", Person.objects.select_related("user"), pk=pk)
    current = Schooljaar.current().start_year
    assignments = list(
        person.roles.select_related("school", "partner__organisation", "grouping").order_by(
            "-schooljaar_from", "role", "pk"
        )
    )
    for a in assignments:
        a.can_manage = access.may_grant(
            a.role, school=a.school, partner=a.partner, grouping=a.grouping
        )
        a.period = period_label(a)
        a.is_current = a.schooljaar_from <= current and (
            a.schooljaar_to is None or a.schooljaar_to >= current
        )
        a.can_end = a.schooljaar_from <= current and (
            a.schooljaar_to is None or a.schooljaar_to > current
        )
    user = person.user
    has_password = bool(user and user.has_usable_password())
    context = {
        "person": person,
        "assignments": assignments,
        "has_account": has_password,
        "can_manage": access.can("person.manage", person),
        "can_assign": access.can("role.manage", person),
        "can_invite": access.can("person.manage", person)
        and bool(person.email)
        and not has_password,
        "current_schooljaar": Schooljaar.current(),
    }
    if access.can("history.view"):
        context["history"] = person_history(request, person)
    return render(request, "roles/people_detail.html", context)


@require_POST
def person_invite(request, partnership_slug, pk):
    person = get_for(request, "person.manage", Person.objects.select_related("user"), pk=pk)
    try:
        services.invite(request.access, person, request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Er is een uitnodiging gestuurd naar %(email)s.") % {"email": person.email},
        )
    return redirect(_url("person_detail", request, pk=pk))


# --- history ----------------------------------------------------------------------------


def person_history(request, person):
    """The changes to a person and their role assignments, newest first (a fixed few queries)."""
    year = {
        "schooljaar_from": lambda v: str(Schooljaar(int(v))),
        "schooljaar_to": lambda v: str(Schooljaar(int(v))),
    }
    return history.entries(
        [
            (Person, person.history.select_related("history_user")),
            (
                RoleAssignment,
                RoleAssignment.history.filter(person_id=person.pk).select_related("history_user"),
            ),
        ],
        partnership=request.partnership,
        subject=_subject,
        formatters=year,
    )


def _subject(record, model, display):
    if model is Person:
        return _("Persoonsgegevens")
    role = display("role", record.role)
    for key in ("school", "partner", "grouping"):
        if getattr(record, f"{key}_id"):
            return f"{role} ({display(key, getattr(record, f'{key}_id'))})"
    return f"{role} ({_('heel het partnerschap')})"


# --- role assignments -------------------------------------------------------------------


def assignment_create(request, partnership_slug, pk):
    person = get_for(request, "role.manage", Person.objects.all(), pk=pk)
    form = RoleAssignmentForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assign_role(request.access, person, **form.assignment_data())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(person)s is nu %(role)s (%(scope)s).")
                % {
                    "person": person,
                    "role": assignment.get_role_display(),
                    "scope": assignment.scope_label,
                },
            )
            return redirect(_url("person_detail", request, pk=person.pk))
    return render(request, "roles/role_assignment_form.html", {"form": form, "person": person})


def _assignment(request, pk, assignment_pk):
    return get_for(
        request,
        "role.manage",
        RoleAssignment.objects.filter(person_id=pk).select_related("person"),
        pk=assignment_pk,
    )


def assignment_edit(request, partnership_slug, pk, assignment_pk):
    assignment = _assignment(request, pk, assignment_pk)
    form = RoleAssignmentForm(request.POST or None, instance=assignment, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_assignment(request.access, assignment, **form.assignment_data())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De rol is bijgewerkt."))
            return redirect(_url("person_detail", request, pk=pk))
    return render(
        request,
        "roles/role_assignment_form.html",
        {"form": form, "person": assignment.person, "assignment": assignment},
    )


@require_POST
def assignment_end(request, partnership_slug, pk, assignment_pk):
    assignment = _assignment(request, pk, assignment_pk)
    try:
        services.end_assignment(request.access, assignment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("De rol %(role)s eindigt aan het eind van schooljaar %(sj)s.")
            % {"role": assignment.get_role_display(), "sj": Schooljaar.current()},
        )
    return redirect(_url("person_detail", request, pk=pk))


# --- import -----------------------------------------------------------------------------


def _full_name(row):
    return " ".join(
        row.get(k, "") for k in ("voornaam", "tussenvoegsel", "achternaam") if row.get(k)
    )


class PersonImport(ImportView):
    """People and their roles from a CSV or Excel file: a preview, then all rows or none."""

    actions = ("person.manage", "role.manage")
    form_class = ImportUploadForm
    upload = UPLOAD
    session_key = IMPORT_SESSION_KEY
    title = gettext_lazy("Mensen importeren")
    intro = gettext_lazy(
        "Elke rij geeft één persoon één rol. Bestaat er al iemand met hetzelfde e-mailadres, "
        "dan krijgt die persoon de rol erbij."
    )
    columns = [
        ImportColumn(gettext_lazy("Naam"), _full_name),
        ImportColumn(gettext_lazy("E-mail"), "e-mail"),
        ImportColumn(gettext_lazy("Rol"), "rol"),
        ImportColumn(gettext_lazy("School"), "school"),
        ImportColumn(gettext_lazy("Schooljaar"), "schooljaar"),
    ]
    url_name = "roles:person_import"
    confirm_url_name = "roles:person_import_confirm"
    list_url_name = "roles:person_list"
    back_label = gettext_lazy("Mensen")

    def preview(self, access, upload):
        return services.preview_import(access, upload)

    def perform(self, access, upload):
        return services.run_import(access, upload)

    def success_message(self, count):
        return ngettext(
            "%(count)d rij is geïmporteerd.", "%(count)d rijen zijn geïmporteerd.", count
        ) % {"count": count}


# --- the role catalogue -----------------------------------------------------------------


def role_catalogue(request, partnership_slug):
    """Every role with this partnership's description: readable by every role holder."""
    access = request.access
    if not (access.current_assignments or access.is_platform_admin):
        raise Http404
    can_edit = access.can("roledescription.edit")
    descriptions = {d.role: d for d in RoleDescription.objects.all()}
    mine = {a.role for a in access.current_assignments}
    roles = [
        {"role": role, "description": descriptions.get(role.value), "is_mine": role.value in mine}
        for role in Role
    ]
    return render(request, "roles/role_catalogue.html", {"roles": roles, "can_edit": can_edit})


@require_POST
def role_description_create(request, partnership_slug, role):
    """Starts the description of a role the partnership has not described yet."""
    require(request, "roledescription.edit")
    if role not in Role.values:
        raise Http404
    try:
        description = services.describe_role(request.access, role)
    except DomainError:
        raise Http404 from None
    return redirect(
        "roles:role_description_edit", partnership_slug=partnership_slug, pk=description.pk
    )


def role_description_edit(request, partnership_slug, pk):
    description = get_for(request, "roledescription.edit", RoleDescription.objects.all(), pk=pk)
    form = RoleDescriptionForm(request.POST or None, instance=description)
    if request.method == "POST" and form.is_valid():
        services.save_role_description(request.access, description, **form.cleaned_data)
        messages.success(
            request,
            _("De beschrijving van %(role)s is opgeslagen.")
            % {"role": description.get_role_display()},
        )
        return redirect(_url("role_catalogue", request) + f"#rol-{description.role}")
    return render(
        request, "roles/role_description_form.html", {"form": form, "description": description}
    )
