"""Forms for people, role assignments, bulk actions, role descriptions and the import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partner
from samen import pickers
from samen.forms import TenantModelForm
from samen.permissions import GOVERNING_ROLES
from samen.pickers import PickerField
from samen.schooljaar import Schooljaar, schooljaar_choices

from .models import Person, Role, RoleAssignment, RoleDescription


class PersonForm(TenantModelForm):
    """A person's details; their expertise is chosen on its own page (network)."""

    class Meta:
        model = Person
        fields = ["first_name", "infix", "last_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Nodig om iemand uit te nodigen voor een account.")


SCOPE_KINDS = [
    ("partnership", _("Heel het partnerschap")),
    ("partner", _("Bestuur of instituut")),
    ("school", _("School")),
    ("grouping", _("Cluster of netwerk")),
]


def _schooljaar_field(label, required, help_text=""):
    current = Schooljaar.current().start_year
    choices = schooljaar_choices(current)
    if not required:
        choices = [("", _("geen einde (doorlopend)")), *choices]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        initial=current if required else "",
        help_text=help_text,
    )


def grantable_roles(access):
    """The roles this person may grant somewhere (the service checks the scope as well)."""
    if access.is_partnership_wide_coordinator:
        return [r for r in Role if access.may_grant(r)]
    return [r for r in Role if r not in GOVERNING_ROLES]


class ScopeMixin:
    """A scope kind plus the matching choice; `clean()` keeps only the chosen one.

    The choices are the scopes inside the acting person's reach for `role.manage`, from the
    same rule that roles.services re-checks.
    """

    def add_scope_fields(self, access):
        kinds = SCOPE_KINDS if access.is_partnership_wide_coordinator else SCOPE_KINDS[1:]
        self.fields["scope_kind"] = forms.ChoiceField(
            label=_("Reikwijdte"), choices=kinds, initial=kinds[0][0]
        )
        self.fields["partner"] = forms.ModelChoiceField(
            label=_("Bestuur of instituut"),
            queryset=access.filter("role.manage", Partner.objects.select_related("organisation")),
            required=False,
        )
        self.fields["school"] = PickerField("school-roles", label=_("School"), required=False)
        self.fields["grouping"] = PickerField(
            "grouping-roles", label=_("Cluster of netwerk"), required=False
        )
        self.fields["role"].choices = [
            ("", "---------"),
            *((r.value, r.label) for r in grantable_roles(access)),
        ]
        pickers.bind(self, access, fields=["school", "grouping"])
        for name in ("partner", "school", "grouping"):
            self.fields[name].help_text = _("Alleen bij de reikwijdte ‘%(kind)s’.") % {
                "kind": dict(SCOPE_KINDS)[name]
            }

    def clean_scope(self, cleaned):
        kind = cleaned.get("scope_kind")
        for name in ("partner", "school", "grouping"):
            if name != kind:
                cleaned[name] = None
            elif not cleaned.get(name):
                self.add_error(
                    name, _("Kies een %(kind)s.") % {"kind": dict(SCOPE_KINDS)[name].lower()}
                )
        return cleaned


class RoleAssignmentForm(ScopeMixin, TenantModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "hours_per_week"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_scope_fields(access)
        self.fields["schooljaar_from"] = _schooljaar_field(_("Vanaf schooljaar"), True)
        self.fields["schooljaar_to"] = _schooljaar_field(
            _("Tot en met schooljaar"), False, _("Leeg laten als de rol doorloopt.")
        )
        self.order_fields(
            [
                "role",
                "scope_kind",
                "partner",
                "school",
                "grouping",
                "schooljaar_from",
                "schooljaar_to",
            ]
        )
        instance = self.instance
        if instance.pk:
            for name in ("partner", "school", "grouping"):
                if getattr(instance, f"{name}_id"):
                    self.initial["scope_kind"] = name
                    self.initial[name] = getattr(instance, f"{name}_id")
            self.initial["schooljaar_from"] = instance.schooljaar_from
            self.initial["schooljaar_to"] = instance.schooljaar_to or ""
            for name in ("schooljaar_from", "schooljaar_to"):
                value = getattr(instance, name)
                field = self.fields[name]
                if value and value not in dict(field.choices):
                    field.choices = sorted(
                        [*field.choices, (value, str(Schooljaar(value)))], key=lambda c: str(c[0])
                    )

    def clean(self):
        return self.clean_scope(super().clean())

    def assignment_data(self):
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "role",
                "partner",
                "school",
                "grouping",
                "schooljaar_from",
                "schooljaar_to",
                "hours_per_week",
            )
        }


class BulkActionForm(ScopeMixin, forms.Form):
    """One action of the people list on the people ticked there (services.bulk_action)."""

    ASSIGN, END, INVITE = "assign", "end", "invite"
    #: The rule each action needs besides seeing the people (404 without it, as any page).
    RULES = {ASSIGN: "role.manage", END: "role.manage", INVITE: "person.manage"}

    action = forms.ChoiceField(
        label=_("Actie"),
        choices=[
            (ASSIGN, _("Rol toewijzen")),
            (END, _("Rol beëindigen aan het eind van dit schooljaar")),
            (INVITE, _("Uitnodigen voor een account")),
        ],
    )
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=True)
    role = forms.ChoiceField(
        label=_("Rol"), choices=[("", "---------"), *Role.choices], required=False
    )

    def __init__(self, *args, people_queryset, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people_queryset
        self.fields["people"].error_messages["required"] = _(
            "Selecteer eerst een of meer personen."
        )
        self.add_scope_fields(access)
        # Only the assign action needs a scope and schooljaren.
        self.fields["scope_kind"].required = False
        self.fields["schooljaar_from"] = _schooljaar_field(_("Vanaf schooljaar"), True)
        self.fields["schooljaar_from"].required = False
        self.fields["schooljaar_to"] = _schooljaar_field(_("Tot en met schooljaar"), False)
        self.fields["hours_per_week"] = forms.DecimalField(
            label=_("Gefaciliteerde uren per week"),
            max_digits=4,
            decimal_places=1,
            min_value=0,
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in (self.ASSIGN, self.END) and not cleaned.get("role"):
            self.add_error("role", _("Kies een rol."))
        if action == self.ASSIGN:
            cleaned["scope_kind"] = (
                cleaned.get("scope_kind") or self.fields["scope_kind"].choices[0][0]
            )
            self.clean_scope(cleaned)
        return cleaned

    def rule(self):
        return self.RULES[self.cleaned_data["action"]]

    def action_data(self):
        """What the chosen action takes: the role and its scope, the role to end, or nothing."""
        action = self.cleaned_data["action"]
        if action == self.ASSIGN:
            return self.assignment_data()
        if action == self.END:
            return {"role": self.cleaned_data["role"]}
        return {}

    def assignment_data(self):
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in (
                "role",
                "partner",
                "school",
                "grouping",
                "schooljaar_from",
                "schooljaar_to",
                "hours_per_week",
            )
        }


class FirstRoleForm(forms.Form):
    """The role a new person gets at once, for someone whose reach is a board or a school."""

    role = forms.ChoiceField(label=_("Rol"))
    school = PickerField("school-roles", label=_("School"))

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            ("", "---------"),
            *((r.value, r.label) for r in grantable_roles(access)),
        ]
        pickers.bind(self, access)
        self.fields["school"].help_text = _(
            "Een nieuwe persoon krijgt meteen een rol op een school binnen uw bereik."
        )


class PersonCreateForm(PersonForm):
    """A new person; someone whose reach is a board or a school adds them together with a
    first role there (`role_form`), since a person without roles is in nobody's reach but the
    whole partnership's coordinators'."""

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.role_form = None
        if not access.is_partnership_wide_coordinator:
            self.role_form = FirstRoleForm(self.data if self.is_bound else None, access=access)

    def is_valid(self):
        valid = super().is_valid()  # both parts are validated, so both show their errors
        return (self.role_form is None or self.role_form.is_valid()) and valid

    def first_role(self):
        """The keyword arguments of the first role (services.assign_role), or None."""
        return self.role_form.cleaned_data if self.role_form else None


class RoleDescriptionForm(TenantModelForm):
    class Meta:
        model = RoleDescription
        fields = ["tasks", "responsibilities"]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 10}),
            "responsibilities": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "tasks": _("Eén taak per regel; een regel die met ‘-’ begint wordt een opsomming."),
        }


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Kolommen: voornaam, tussenvoegsel, achternaam, e-mail, rol, school (BRIN of "
            "naam, optioneel), schooljaar (bijvoorbeeld %(sj)s, optioneel). Hoogstens 2 MB."
        ) % {"sj": Schooljaar.current()}
