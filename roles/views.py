"""People, their roles and invitations, the import, and the role catalogue.

Views are thin: the pages that change something declare their rule, form, service call and
messages on samen.views (ActionView, ConfirmView); lists run on samen.lists.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samen import history
from samen.access import get_for, require
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView, ImportColumn, ImportView, posted_next

from . import selectors, services
from .filters import PersonFilter
from .forms import (
    BulkActionForm,
    ImportUploadForm,
    PersonCreateForm,
    PersonForm,
    RoleAssignmentForm,
    RoleDescriptionForm,
)
from .models import Person, Role, RoleAssignment, RoleDescription
from .resources import UPLOAD

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


class PersonBulk(ActionView):
    """One action on the people ticked in the list: assign a role, end a role, or invite
    them (services.bulk_action); back to the list as it was."""

    action = "person.view"
    form_class = BulkActionForm
    form_gets_access = True
    has_form_page = False
    http_method_names = ["post"]

    def get_form_kwargs(self):
        people = self.request.access.filter("person.view", Person.objects.all())
        return {**super().get_form_kwargs(), "people_queryset": people}

    def perform(self, form):
        require(self.request, form.rule())
        data = form.cleaned_data
        return services.bulk_action(
            self.request.access,
            data["action"],
            data["people"],
            request=self.request,
            **form.action_data(),
        )

    def get_success_message(self, outcome):
        count = outcome.count
        if outcome.action == BulkActionForm.ASSIGN:
            return ngettext(
                "De rol is toegewezen aan %(count)d persoon.",
                "De rol is toegewezen aan %(count)d personen.",
                count,
            ) % {"count": count}
        if outcome.action == BulkActionForm.END:
            return ngettext(
                "%(count)d rol eindigt aan het eind van schooljaar %(sj)s.",
                "%(count)d rollen eindigen aan het eind van schooljaar %(sj)s.",
                count,
            ) % {"count": count, "sj": Schooljaar.current()}
        return ngettext(
            "%(count)d persoon is uitgenodigd.", "%(count)d personen zijn uitgenodigd.", count
        ) % {"count": count}

    def get_warnings(self, outcome):
        if outcome.left:
            return [
                ngettext(
                    "%(count)d rol buiten uw bereik is niet beëindigd.",
                    "%(count)d rollen buiten uw bereik zijn niet beëindigd.",
                    outcome.left,
                )
                % {"count": outcome.left}
            ]
        if not outcome.skipped:
            return []
        names = ", ".join(str(p) for p in outcome.skipped)
        if outcome.action == BulkActionForm.ASSIGN:
            return [_("Had(den) de rol al: %(names)s.") % {"names": names}]
        return [
            _("Niet uitgenodigd (al een account of geen e-mailadres): %(names)s.")
            % {"names": names}
        ]

    def get_back_url(self):
        return posted_next(self.request) or _url("person_list", self.request)


# --- one person -------------------------------------------------------------------------


class PersonCreate(ActionView):
    """A new person; someone whose reach is a board or a school adds them with a role there."""

    action = "person.manage"
    form_class = PersonCreateForm
    form_gets_access = True
    template_name = "roles/people_form.html"
    title = gettext_lazy("Nieuwe persoon")

    def perform(self, form):
        return services.create_person(
            self.request.access, first_role=form.first_role(), **form.cleaned_data
        )

    def get_success_message(self, person):
        return _("%(person)s is toegevoegd.") % {"person": person}

    def get_back_url(self):
        return _url("person_list", self.request)

    def get_back_label(self):
        return _("Mensen")


class PersonEdit(ActionView):
    action = "person.manage"
    model = Person
    form_class = PersonForm
    title = gettext_lazy("Gegevens bewerken")
    success_message = gettext_lazy("De gegevens zijn opgeslagen.")

    def perform(self, form):
        return services.update_person(self.request.access, self.object, **form.cleaned_data)


def person_detail(request, partnership_slug, pk):
    access = request.access
    person = get_for(request, "person.view", Person.objects.select_related("user"), pk=pk)
    assignments = selectors.assignments_of(access, person)
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


class PersonInvite(ActionView):
    """The invitation button on a person's page (services.invite)."""

    action = "person.manage"
    model = Person
    select_related = ("user",)
    has_form_page = False
    http_method_names = ["post"]

    def perform(self, form):
        return services.invite(self.request.access, self.object, self.request)

    def get_success_message(self, person):
        return _("Er is een uitnodiging gestuurd naar %(email)s.") % {"email": person.email}


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


class AssignmentCreate(ActionView):
    action = "role.manage"
    model = Person
    form_class = RoleAssignmentForm
    form_gets_access = True
    title = gettext_lazy("Rol toevoegen")

    def get_instance(self):
        return None  # a new assignment, not the person

    def get_intro(self):
        return self.object.full_name

    def perform(self, form):
        return services.assign_role(self.request.access, self.object, **form.assignment_data())

    def get_success_message(self, assignment):
        return _("%(person)s is nu %(role)s (%(scope)s).") % {
            "person": self.object,
            "role": assignment.get_role_display(),
            "scope": assignment.scope_label,
        }


class _AssignmentStep:
    """A step on one role assignment of the person in the URL; back to the person's page."""

    action = "role.manage"
    model = RoleAssignment
    pk_url_kwarg = "assignment_pk"

    def get_queryset(self):
        return RoleAssignment.objects.filter(person_id=self.kwargs["pk"]).select_related("person")

    def get_back_url(self):
        return self.object.person.get_absolute_url()

    def get_back_label(self):
        return self.object.person.full_name


class AssignmentEdit(_AssignmentStep, ActionView):
    form_class = RoleAssignmentForm
    form_gets_access = True
    title = gettext_lazy("Rol bewerken")
    success_message = gettext_lazy("De rol is bijgewerkt.")

    def get_intro(self):
        return self.object.person.full_name

    def perform(self, form):
        return services.update_assignment(
            self.request.access, self.object, **form.assignment_data()
        )


class AssignmentEnd(_AssignmentStep, ConfirmView):
    """Ends a role at the end of this schooljaar, asked first (it can be edited later)."""

    confirm_title = gettext_lazy("Rol beëindigen?")
    confirm_button = gettext_lazy("Ja, beëindigen")
    irreversible = False

    def get_confirm_intro(self, form):
        assignment = self.object
        return _(
            "De rol %(role)s (%(scope)s) van %(person)s eindigt aan het eind van schooljaar %(sj)s."
        ) % {
            "role": assignment.get_role_display(),
            "scope": assignment.scope_label,
            "person": assignment.person,
            "sj": Schooljaar.current(),
        }

    def perform(self, form):
        return services.end_assignment(self.request.access, self.object)

    def get_success_message(self, assignment):
        return _("De rol %(role)s eindigt aan het eind van schooljaar %(sj)s.") % {
            "role": assignment.get_role_display(),
            "sj": Schooljaar.current(),
        }


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


class RoleDescriptionCreate(ActionView):
    """Starts the description of a role the partnership has not described yet."""

    action = "roledescription.edit"
    has_form_page = False
    http_method_names = ["post"]

    def get_object(self):
        super().get_object()  # 404 without the rule
        if self.kwargs["role"] not in Role.values:
            raise Http404
        return None

    def perform(self, form):
        return services.describe_role(self.request.access, self.kwargs["role"])

    def refused(self, form, exc):
        raise Http404  # out of reach, like the page itself

    def get_success_url(self, description):
        return _url("role_description_edit", self.request, pk=description.pk)


class RoleDescriptionEdit(ActionView):
    action = "roledescription.edit"
    model = RoleDescription
    form_class = RoleDescriptionForm
    intro = gettext_lazy(
        "Beschrijf de taken en verantwoordelijkheden zoals uw partnerschap ze heeft afgesproken."
    )

    def get_title(self):
        return self.object.get_role_display()

    def perform(self, form):
        return services.save_role_description(self.request.access, self.object, **form.cleaned_data)

    def get_success_message(self, description):
        return _("De beschrijving van %(role)s is opgeslagen.") % {
            "role": description.get_role_display()
        }

    def get_success_url(self, description):
        return _url("role_catalogue", self.request) + f"#rol-{description.role}"

    def get_back_url(self):
        return _url("role_catalogue", self.request)

    def get_back_label(self):
        return _("Rollen")
