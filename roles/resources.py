"""django-import-export resources: the people export and the people-with-roles import.

Import columns (Dutch, case-insensitive): voornaam, tussenvoegsel, achternaam, e-mail, rol,
school, schooljaar. Each row gives one person (new, or the person with that e-mail address in
this partnership) one role. Every problem is reported per row in Dutch, through the widgets'
ValueErrors and `validate_instance`, so that the preview can list them all.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from partnerships.models import School
from samen.errors import DomainError
from samen.imports import import_errors
from samen.schooljaar import Schooljaar

from .grants import grant_refusal, validate_assignment
from .models import Person, Role, RoleAssignment

COLUMNS = ["voornaam", "tussenvoegsel", "achternaam", "e-mail", "rol", "school", "schooljaar"]
REQUIRED_COLUMNS = {"voornaam", "achternaam", "e-mail", "rol"}
HEADER_ALIASES = {"email": "e-mail", "e-mailadres": "e-mail", "emailadres": "e-mail"}


# --- import -----------------------------------------------------------------------------


class RoleWidget(widgets.Widget):
    """A role by its key (mentor) or its Dutch label (Mentor / werkplekbegeleider)."""

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip().lower()
        if not text:
            raise ValueError(_("De rol ontbreekt."))
        for role in Role:
            label = str(role.label).lower()
            if text in (role.value, label) or text in [p.strip() for p in label.split("/")]:
                return role.value
        raise ValueError(_("Onbekende rol ‘%(value)s’.") % {"value": value})


class SchoolWidget(widgets.Widget):
    """A school of this partnership by BRIN or exact name; empty: no school."""

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return None
        matches = list(School.objects.filter(Q(brin__iexact=text) | Q(name__iexact=text))[:2])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(
                _("Meer dan één school heet ‘%(value)s’; gebruik de BRIN.") % {"value": text}
            )
        raise ValueError(_("Onbekende school ‘%(value)s’.") % {"value": text})


class SchooljaarWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return Schooljaar.current().start_year
        try:
            return Schooljaar.parse(text).start_year
        except ValueError as exc:
            raise ValueError(
                _("‘%(value)s’ is geen schooljaar; schrijf het als %(example)s.")
                % {"value": text, "example": Schooljaar.current()}
            ) from exc


class PersonWidget(widgets.Widget):
    """The person of the row: the one with this e-mail address here, or a new (unsaved) one."""

    def __init__(self, partnership):
        super().__init__()
        self.partnership = partnership

    def clean(self, value, row=None, **kwargs):
        email = (value or "").strip().lower()
        first = (row.get("voornaam") or "").strip()
        last = (row.get("achternaam") or "").strip()
        if not email:
            raise ValueError(_("Het e-mailadres ontbreekt."))
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValueError(
                _("‘%(value)s’ is geen geldig e-mailadres.") % {"value": value}
            ) from exc
        person = Person.objects.filter(email__iexact=email).first()
        if person is not None:
            return person
        if not first or not last:
            raise ValueError(_("Voornaam en achternaam zijn nodig voor een nieuwe persoon."))
        return Person(
            partnership=self.partnership,
            first_name=first[:100],
            infix=(row.get("tussenvoegsel") or "").strip()[:20],
            last_name=last[:100],
            email=email,
        )


class PersonRoleImportResource(resources.ModelResource):
    person = fields.Field(attribute="person", column_name="e-mail")
    role = fields.Field(attribute="role", column_name="rol", widget=RoleWidget())
    school = fields.Field(attribute="school", column_name="school", widget=SchoolWidget())
    schooljaar_from = fields.Field(
        attribute="schooljaar_from", column_name="schooljaar", widget=SchooljaarWidget()
    )

    class Meta:
        model = RoleAssignment
        fields = ("person", "role", "school", "schooljaar_from")
        clean_model_instances = False
        skip_diff = True
        use_transactions = True

    def __init__(self, actor):
        super().__init__()
        self.actor = actor
        self.partnership = actor.partnership
        self.fields["person"].widget = PersonWidget(actor.partnership)

    def get_instance(self, instance_loader, row):
        return None  # every row is a new assignment

    def init_instance(self, row=None):
        return RoleAssignment(partnership=self.partnership)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name not in row:
            # An optional column (school, schooljaar) missing from the file: empty.
            row = {**row, field.column_name: ""}
        field.save(instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not errors:
            try:
                # Reach first: a person outside it is refused without being named.
                grant_refusal(self.actor, instance)
                validate_assignment(instance)
            except DomainError as exc:
                errors["__all__"] = [exc.message]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        person = instance.person
        if person.pk is None:
            person.save()
        instance.person = person


def import_rows(actor, dataset, dry_run):
    """Runs the import; the result lists every row's errors. Not saved when dry_run."""
    resource = PersonRoleImportResource(actor)
    return resource.import_data(dataset, dry_run=dry_run, raise_errors=False, use_transactions=True)


UPLOAD = {"columns": COLUMNS, "required": REQUIRED_COLUMNS, "aliases": HEADER_ALIASES}


def row_errors(result, upload):
    """{row number in the file: [Dutch messages]} for every refused row (header = row 1)."""
    return import_errors(result, upload)
