from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from samen import pickers
from samen.forms import TenantModelForm
from samen.pickers import PickerField, PickerMultipleField

from .filters import SchoolFilter
from .models import (
    Grouping,
    Organisation,
    Partner,
    School,
    SchoolProfile,
    TrainingStatus,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SchoolForm(TenantModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "board",
            "address",
            "postcode",
            "place",
            "brin",
            "sector",
            "size",
            "is_academisch",
            "cohort",
            "vakantieregio",
        ]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # The boards where this person may add schools (services.save_school re-checks).
        self.fields["board"].queryset = access.filter(
            "school.manage",
            Partner.objects.filter(organisation__kind=Organisation.Kind.BOARD),
        ).select_related("organisation")

    def clean_brin(self):
        brin = self.cleaned_data["brin"].strip().upper()
        # The form leaves `partnership` out, so Django skips the (partnership, brin) constraint.
        if brin and School.objects.filter(brin=brin).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een school met dit BRIN-nummer."))
        return brin


class TrainingStepForm(forms.Form):
    """The next step on the training-school path: only the steps TRAINING_PATH allows."""

    status = forms.ChoiceField(label=_("Volgende stap"))
    on = forms.DateField(label=_("Datum"), widget=DateInput())
    decided_by = forms.CharField(
        label=_("Besloten door"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: bestuurder SKO, of schoolleider en CoOP'er."),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s.value, s.label) for s in map(TrainingStatus, school.next_training_steps)
        ]


class BulkSchoolForm(forms.Form):
    ACTIONS = [
        ("cohort", _("Peer-reviewcohort instellen")),
        ("academisch", _("Markeren als academische opleidingsschool")),
        ("niet_academisch", _("Markering academische opleidingsschool weghalen")),
    ]

    action = forms.ChoiceField(label=_("Actie"), choices=ACTIONS)
    cohort = forms.TypedChoiceField(
        label=_("Cohort"),
        choices=[("", _("geen cohort"))] + [(n, str(n)) for n in range(1, 5)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    school = forms.ModelMultipleChoiceField(queryset=School.objects.none())

    def __init__(self, *args, schools, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].error_messages["required"] = _("Kies eerst een of meer scholen.")
        if self.is_bound and self.data.get("scope") == "filtered":
            self._choose_filtered(schools, request)

    def _choose_filtered(self, schools, request):
        """“Every school the list found”: the list's own filters (posted as `filters`, its
        query string) choose the schools, among those the person manages."""
        params = QueryDict(self.data.get("filters", ""))
        found = SchoolFilter(params or None, queryset=schools, request=request).qs
        self.data = self.data.copy()
        self.data.setlist(
            self.add_prefix("school"), [str(pk) for pk in found.values_list("pk", flat=True)]
        )


class SchoolImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        help_text=_(
            "Kolommen: naam, bestuur, plaats, adres, postcode, brin, sector (po, vo of mbo), "
            "leerlingen. Bestuur: de naam of korte naam van een bestuur in het partnerschap. "
            "Hoogstens 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class SchoolProfileForm(TenantModelForm):
    # Declared here to add https:// to a bare "www.school.nl", as Django 6 will by default.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = SchoolProfile
        fields = [
            "is_published",
            "proud_of",
            "speerpunten",
            "expertise",
            "onderwijsconcept",
            "research",
            "contact_name",
            "contact_email",
            "website",
        ]
        help_texts = {
            "is_published": _(
                "Alleen een gepubliceerd profiel van een actieve opleidingsschool is openbaar "
                "te zien."
            ),
            "speerpunten": _("De belangrijkste speerpunten voor de komende jaren."),
            "expertise": _("Waar de school kennis over heeft en wil delen."),
            "onderwijsconcept": _("Bijvoorbeeld Daltononderwijs, Jenaplan of IPC."),
            "research": _("Praktijkonderzoeken die zijn of worden uitgevoerd."),
        }
        widgets = {
            f: forms.Textarea(attrs={"rows": 4})
            for f in ("proud_of", "speerpunten", "expertise", "research")
        }


class PartnerCreateForm(forms.Form):
    """A new partner: an existing (shared) organisation, or a new one."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, widget=forms.HiddenInput
    )
    name = forms.CharField(label=_("Naam van de organisatie"), max_length=200, required=False)
    short_name = forms.CharField(label=_("Korte naam"), max_length=50, required=False)
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", "—")] + Organisation.Kind.choices, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—")] + Organisation._meta.get_field("sector").choices,
        required=False,
    )
    place = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    region = forms.CharField(label=_("Regio"), max_length=200, required=False)
    joined_on = forms.DateField(label=_("Lid sinds"), widget=DateInput())
    left_on = forms.DateField(label=_("Lid tot"), widget=DateInput(), required=False)
    is_penvoerder = forms.BooleanField(label=_("Penvoerder"), required=False)

    NEW_FIELDS = ("name", "short_name", "kind", "sector", "place", "region")

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["organisation"].initial = organisation.pk
            for name in self.NEW_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("organisation") is None and "name" in self.fields:
            if not data.get("name"):
                self.add_error("name", _("Vul de naam van de nieuwe organisatie in."))
            if not data.get("kind"):
                self.add_error("kind", _("Kies de soort organisatie."))
        return data

    def new_organisation(self):
        if self.cleaned_data.get("organisation") is not None:
            return None
        return {name: self.cleaned_data.get(name, "") for name in self.NEW_FIELDS}


class MembershipForm(forms.Form):
    joined_on = forms.DateField(label=_("Lid sinds"), widget=DateInput())
    left_on = forms.DateField(label=_("Lid tot"), widget=DateInput(), required=False)
    is_penvoerder = forms.BooleanField(label=_("Penvoerder"), required=False)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "place", "region"]


class PartnerEditForm(MembershipForm):
    """A partner's membership and, when this partnership maintains the organisation, the
    organisation's own details (`organisation_form`, its fields prefixed `org-`)."""

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_form = None
        if organisation is not None:
            data = self.data if self.is_bound else None
            self.organisation_form = OrganisationForm(data, instance=organisation, prefix="org")

    def is_valid(self):
        valid = super().is_valid()  # both parts are validated, so both show their errors
        return (self.organisation_form is None or self.organisation_form.is_valid()) and valid

    def organisation_data(self):
        """The organisation's details to save, or None where they are not edited here."""
        return self.organisation_form.cleaned_data if self.organisation_form else None


class GroupingForm(TenantModelForm):
    hub = PickerField("school", label=_("Hub"), required=False)
    schools = PickerMultipleField("school", label=_("Scholen"), required=False)
    team = PickerMultipleField("person", label=_("Opleidingsteam"), required=False)

    class Meta:
        model = Grouping
        fields = ["kind", "name", "hub", "schools", "team"]
        help_texts = {
            "hub": _("Bij een opleidingsnetwerk: de hub, waar de coördinatie plaatsvindt."),
            "team": _("Het opleidingsteam: zoek en kies de mensen een voor een."),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("hub", "team"):
            self.fields[name].help_text = self._meta.help_texts[name]
        pickers.bind(self, access)
