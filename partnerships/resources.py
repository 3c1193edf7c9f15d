"""The school import (django-import-export), with Dutch columns.

The school import reads a CSV or
XLSX file through samen.uploads (`UPLOAD` says its columns), and `SchoolImportResource` turns
each row into a new school of the partnership, with a Dutch error per cell that is wrong;
services.import_schools decides that nothing is saved when any row is bad.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from samen.imports import import_errors

from .models import Organisation, Partner, School, Sector

IMPORT_COLUMNS = ("naam", "bestuur", "plaats", "adres", "postcode", "brin", "sector", "leerlingen")
REQUIRED_COLUMNS = ("naam", "bestuur", "plaats", "sector")


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


def row_errors(result, upload):
    """{row number in the file: [Dutch messages]} for every bad row, each field named in Dutch."""
    return import_errors(result, upload, labels=_LABELS)
