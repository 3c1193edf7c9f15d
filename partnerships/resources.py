"""Import and export of schools and partners (django-import-export), with Dutch columns.

Exports take the same filtered queryset as the list page. The school import reads a CSV or
XLSX file through samen.uploads (`UPLOAD` says its columns), and `SchoolImportResource` turns
each row into a new school of the partnership, with a Dutch error per cell that is wrong;
services.import_schools decides that nothing is saved when any row is bad.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Organisation, Partner, School, Sector

IMPORT_COLUMNS = ("naam", "bestuur", "plaats", "adres", "postcode", "brin", "sector", "leerlingen")
REQUIRED_COLUMNS = ("naam", "bestuur", "plaats", "sector")


# --- Export --------------------------------------------------------------------------------


class SchoolExportResource(resources.ModelResource):
    naam = fields.Field(attribute="name", column_name="Naam")
    bestuur = fields.Field(attribute="board__organisation__name", column_name="Bestuur")
    adres = fields.Field(attribute="address", column_name="Adres")
    postcode = fields.Field(attribute="postcode", column_name="Postcode")
    plaats = fields.Field(attribute="place", column_name="Plaats")
    brin = fields.Field(attribute="brin", column_name="BRIN")
    sector = fields.Field(column_name="Sector")
    leerlingen = fields.Field(attribute="size", column_name="Leerlingen")
    status = fields.Field(column_name="Status opleidingsschool")
    academisch = fields.Field(column_name="Academische opleidingsschool")
    cohort = fields.Field(attribute="cohort", column_name="Cohort")

    class Meta:
        model = School
        fields = (
            "naam",
            "bestuur",
            "adres",
            "postcode",
            "plaats",
            "brin",
            "sector",
            "leerlingen",
            "status",
            "academisch",
            "cohort",
        )
        export_order = fields

    def dehydrate_sector(self, school):
        return school.get_sector_display()

    def dehydrate_status(self, school):
        return school.get_training_status_display()

    def dehydrate_academisch(self, school):
        return _("ja") if school.is_academisch else _("nee")


class PartnerExportResource(resources.ModelResource):
    organisatie = fields.Field(attribute="organisation__name", column_name="Organisatie")
    korte_naam = fields.Field(attribute="organisation__short_name", column_name="Korte naam")
    soort = fields.Field(column_name="Soort")
    sector = fields.Field(column_name="Sector")
    regio = fields.Field(attribute="organisation__region", column_name="Regio")
    lid_sinds = fields.Field(attribute="joined_on", column_name="Lid sinds")
    lid_tot = fields.Field(attribute="left_on", column_name="Lid tot")
    penvoerder = fields.Field(column_name="Penvoerder")

    class Meta:
        model = Partner
        fields = (
            "organisatie",
            "korte_naam",
            "soort",
            "sector",
            "regio",
            "lid_sinds",
            "lid_tot",
            "penvoerder",
        )
        export_order = fields

    def dehydrate_soort(self, partner):
        return partner.organisation.get_kind_display()

    def dehydrate_sector(self, partner):
        return partner.organisation.get_sector_display()

    def dehydrate_penvoerder(self, partner):
        return _("ja") if partner.is_penvoerder else ""


# --- Import --------------------------------------------------------------------------------


class BoardWidget(widgets.Widget):
    """A board partner of this partnership, by its organisation's name or short name."""

    def __init__(self, boards):
        super().__init__()
        self.by_name = {}
        for partner in boards:
            for key in (partner.organisation.name, partner.organisation.short_name):
                if key:
                    self.by_name[key.strip().lower()] = partner

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip().lower()
        if not key:
            raise ValueError(_("Vul het bestuur in."))
        try:
            return self.by_name[key]
        except KeyError:
            raise ValueError(
                _("‘%(value)s’ is geen bestuur in dit partnerschap waar u scholen mag toevoegen.")
                % {"value": value}
            ) from None


class SectorWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        key = str(value or "").strip().lower()
        if key not in Sector.values:
            raise ValueError(
                _("‘%(value)s’ is geen sector; gebruik po, vo of mbo.") % {"value": value}
            )
        return key


class CountWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = int(float(text))
        except ValueError:
            raise ValueError(_("‘%(value)s’ is geen aantal.") % {"value": value}) from None
        if number < 0:
            raise ValueError(_("Het aantal leerlingen kan niet negatief zijn."))
        return number


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return str(value if value is not None else "").strip()


class SchoolImportResource(resources.ModelResource):
    """New schools for one partnership; every row is validated like the school form."""

    naam = fields.Field(attribute="name", column_name="naam", widget=TextWidget())
    bestuur = fields.Field(attribute="board", column_name="bestuur", widget=BoardWidget(()))
    plaats = fields.Field(attribute="place", column_name="plaats", widget=TextWidget())
    adres = fields.Field(attribute="address", column_name="adres", widget=TextWidget())
    postcode = fields.Field(attribute="postcode", column_name="postcode", widget=TextWidget())
    brin = fields.Field(attribute="brin", column_name="brin", widget=TextWidget())
    sector = fields.Field(attribute="sector", column_name="sector", widget=SectorWidget())
    leerlingen = fields.Field(attribute="size", column_name="leerlingen", widget=CountWidget())

    class Meta:
        model = School
        fields = ("naam", "bestuur", "plaats", "adres", "postcode", "brin", "sector", "leerlingen")
        import_id_fields = ()
        clean_model_instances = True
        skip_diff = True

    def __init__(self, actor):
        super().__init__()
        self.partnership = actor.partnership
        # Only the boards where this person may add schools: any other board is a row error.
        boards = actor.filter(
            "school.manage",
            Partner.objects.filter(organisation__kind=Organisation.Kind.BOARD),
        ).select_related("organisation")
        self.fields["bestuur"].widget = BoardWidget(boards)

    def get_instance(self, instance_loader, row):
        return None  # every row is a new school

    def init_instance(self, row=None):
        return School(partnership=self.partnership)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An optional column that is absent from the file leaves the field empty.
        if field.column_name not in row:
            if field.column_name in REQUIRED_COLUMNS:
                raise ValueError(_("Deze kolom ontbreekt."))
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


UPLOAD = {"columns": IMPORT_COLUMNS, "required": REQUIRED_COLUMNS}


def row_errors(result, upload):
    """{row number in the file: [Dutch messages]} for every bad row of an import result."""
    errors = {n: list(m) for n, m in upload.row_errors.items()}
    for number, row_errs in result.row_errors():
        errors.setdefault(upload.file_row(number), []).extend(str(e.error) for e in row_errs)
    for invalid in result.invalid_rows:
        messages = errors.setdefault(upload.file_row(invalid.number), [])
        for field_name, field_errors in invalid.field_specific_errors.items():
            label = _field_label(field_name)
            messages.extend(f"{label}: {e}" for e in field_errors)
        messages.extend(str(e) for e in invalid.non_field_specific_errors)
    return dict(sorted(errors.items()))


_LABELS = {
    "name": "naam",
    "board": "bestuur",
    "place": "plaats",
    "address": "adres",
    "postcode": "postcode",
    "brin": "brin",
    "sector": "sector",
    "size": "leerlingen",
}


def _field_label(name):
    return _LABELS.get(name, name)
