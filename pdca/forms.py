"""Forms of the quality cycle (Plan, Do, Check, Act). Choices of people are pickers; the
choices of a session's items and participants are that session's own few rows. The lists'
search and filters are pdca/filters.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samen import pickers
from samen.forms import TenantModelForm
from samen.pickers import PickerField, PickerMultipleField
from samen.schooljaar import Schooljaar, schooljaar_choices

from .models import (
    DialogueSession,
    FollowUpAction,
    GesprekskaderItem,
    JaarplanActivity,
    JaarplanGoal,
    NextStep,
    Waarborg,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SchooljaarForm(forms.Form):
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = schooljaar_choices(before=1, after=1)
        self.fields["schooljaar"].initial = Schooljaar.current().start_year


class JaarplanForm(SchooljaarForm):
    title = forms.CharField(label=_("Titel"), max_length=200)


class AdoptForm(forms.Form):
    """The jaarplan's adoption names the stuurgroep meeting where it was decided (a picker the
    network registers: pdca stands below it and names it by string)."""

    meeting = PickerField(
        "stuurgroep-meeting",
        label=_("Vergadering van de stuurgroep"),
        help_text=_(
            "De vergadering waarin de stuurgroep het plan heeft vastgesteld. Zoek op de naam "
            "van de stuurgroep of de locatie. Staat ze er niet bij? Leg de vergadering dan eerst "
            "vast bij de stuurgroep (Overleg)."
        ),
        error_messages={
            "required": _("Kies de vergadering van de stuurgroep waarin het plan is vastgesteld."),
            "invalid_choice": _(
                "Kies een vergadering van de stuurgroep van dit partnerschap die al is gehouden."
            ),
        },
    )


class ItemForm(TenantModelForm):
    class Meta:
        model = GesprekskaderItem
        fields = ["waarborg", "theme", "subtheme", "number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class GoalForm(TenantModelForm):
    class Meta:
        model = JaarplanGoal
        fields = ["waarborg", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(TenantModelForm):
    owner = PickerField("pdca-person", label=_("Eigenaar"), required=False)

    class Meta:
        model = JaarplanActivity
        fields = ["title", "owner", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de startdatum."))
        return data


class ProgressForm(TenantModelForm):
    class Meta:
        model = JaarplanActivity
        fields = ["status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class SessionForm(TenantModelForm):
    participants = PickerMultipleField("pdca-person", label=_("Deelnemers"), required=False)
    items = forms.ModelMultipleChoiceField(
        label=_("Items uit het gesprekskader"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DialogueSession
        fields = ["held_on", "title", "context", "participants", "guests", "items"]
        widgets = {"held_on": DateInput(), "guests": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"guests": _("Gasten zonder account, bijvoorbeeld namen en organisaties.")}

    def __init__(self, *args, access, items, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda i: (
            f"W{i.waarborg} · {i.subtheme or i.theme} · {i.number}. {i.text}"
        )


class FindingForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=None)
    text = forms.CharField(
        label=_("Opbrengst"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = session.items.all()
        self.fields["item"].label_from_instance = lambda i: f"W{i.waarborg} · {i.number}. {i.text}"


class NextStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=NextStep.Kind.choices)
    text = forms.CharField(
        label=_("Vervolgstap"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    person = forms.ModelChoiceField(
        label=_("Van"),
        queryset=None,
        required=False,
        empty_label=_("anoniem"),
    )
    item = forms.ModelChoiceField(
        label=_("Item"), queryset=None, required=False, empty_label=_("geen item")
    )
    waarborg = forms.TypedChoiceField(
        label=_("Waarborg"),
        coerce=int,
        choices=[("", _("volgt uit het item"))] + list(Waarborg.choices),
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = session.participants.all()
        self.fields["item"].queryset = session.items.all()
        self.fields["item"].label_from_instance = lambda i: f"W{i.waarborg} · {i.number}. {i.text}"

    def clean(self):
        data = super().clean()
        if not data.get("item") and not data.get("waarborg"):
            self.add_error("waarborg", _("Kies een item of een waarborg."))
        return data


class NextStepDoneForm(forms.Form):
    """The look back's button: the step was taken (done=1) or, after all, not (done=0)."""

    done = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Actie"), max_length=300)
    owner = PickerField("pdca-person", label=_("Eigenaar"), required=False)
    due_on = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DateInput())

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)


class ActionStatusForm(TenantModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
