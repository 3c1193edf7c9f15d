from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samen import pickers
from samen.errors import DomainError
from samen.forms import TenantModelForm
from samen.pickers import PickerField
from samen.schooljaar import Schooljaar, schooljaar_choices

from . import lifecycle, services
from .models import Leergroep, LeergroepMeeting, Placement, PlacementStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _reason(label, *, required=True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )


class PlacementForm(TenantModelForm):
    # Searched, not listed: a partnership has thousands of students (placements/pickers.py).
    student = PickerField("placement-student", label=_("Aankomende leraar"))
    school = PickerField("placement-school", label=_("School"))
    mentor = PickerField(
        "placement-mentor",
        label=_("Mentor"),
        help_text=_("In het VO: de vakbegeleider."),
    )
    coach = PickerField(
        "placement-coach",
        label=_("Coach"),
        required=False,
        help_text=_("Alleen in het VO: de coach naast de vakbegeleider."),
    )
    instituutsopleider = PickerField("placement-io", label=_("Instituutsopleider"))

    class Meta:
        model = Placement
        fields = [
            "student",
            "school",
            "group",
            "mentor",
            "coach",
            "instituutsopleider",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices come from the same rules that the service re-checks.
        pickers.bind(self, access)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def _post_clean(self):
        # The model instance is built by services.create_placement, not by the form.
        pass


# --- Overstap, verlenging, coach -------------------------------------------------------------


class OverstapForm(forms.Form):
    """The student moves to another school: where, with whom, from when, and why.

    The mentor and coach searches offer only the guides of the chosen school in the
    schooljaar of the move, and say why someone searched for is missing; the form then runs
    the service's own checks (services.check_overstap), so a refusal comes before the
    confirmation, in the service's words."""

    school = PickerField("placement-school", label=_("Nieuwe school"))
    group = forms.CharField(label=_("Groep of vak"), max_length=100, required=False)
    mentor = PickerField(
        "overstap-mentor",
        accept="placement-mentor",
        label=_("Nieuwe mentor"),
        help_text=_(
            "Kies eerst de nieuwe school en de overstapdatum: je vindt dan de mentoren (in het "
            "VO de vakbegeleiders) van die school in dat schooljaar."
        ),
    )
    coach = PickerField(
        "overstap-coach",
        accept="placement-coach",
        label=_("Coach"),
        required=False,
        help_text=_("Alleen in het VO: de coach naast de vakbegeleider, van de nieuwe school."),
    )
    move_on = forms.DateField(
        label=_("Overstapdatum"),
        widget=DateInput(),
        help_text=_("De eerste dag op de nieuwe school; de huidige stage eindigt de dag ervoor."),
    )
    ends_on = forms.DateField(
        label=_("Einddatum"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg: de einddatum van de huidige stage."),
    )
    reason = _reason(_("Reden van de overstap"))

    field_order = ["school", "move_on", "ends_on", "mentor", "coach", "group", "reason"]

    def __init__(self, *args, access, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        pickers.bind(self, access)

    def clean(self):
        cleaned = super().clean()
        needed = ("school", "mentor", "move_on", "reason")
        if self.errors or not all(cleaned.get(k) for k in needed):
            return cleaned
        try:
            services.check_overstap(
                self.placement, **{k: cleaned.get(k) for k in (*needed, "ends_on", "coach")}
            )
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        return cleaned


class TransitionForm(forms.Form):
    """A status button on the placement's page, and the reason asked on the confirmation of a
    final status (required to break a placement off; services.transition says so)."""

    status = forms.ChoiceField(choices=PlacementStatus.choices)
    reason = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["invalid_choice"] = _("Onbekende status.")
        if self.data.get("status") == PlacementStatus.AFGEBROKEN:
            reason = self.fields["reason"]
            reason.label = _("Reden")
            reason.widget.attrs.update({"required": True, "aria-required": "true"})


class ExtendForm(forms.Form):
    """Verlenging: the new end date and why; where forms are late already, whether they get a
    new due date too (unchecked: they keep their date and stay late). The service's checks
    run here, so a refusal comes before the confirmation."""

    ends_on = forms.DateField(label=_("Nieuwe einddatum"), widget=DateInput())
    reason = _reason(_("Reden van de verlenging"))
    move_overdue = forms.BooleanField(
        label=_("Ook de formulieren die al te laat zijn een nieuwe uiterlijke datum geven"),
        required=False,
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        late = [c for c in lifecycle.due_changes(placement, placement.ends_on) if c.was_overdue]
        if not late:
            del self.fields["move_overdue"]
            return
        self.fields["move_overdue"].help_text = _(
            "Te laat: %(forms)s. Zonder vinkje houden zij hun datum en blijven zij te laat; "
            "met vinkje schuiven zij mee en staan zij niet langer als te laat."
        ) % {
            "forms": ", ".join(
                _("%(form)s (uiterlijk %(day)s)") % {"form": c.label.lower(), "day": _day(c.old)}
                for c in late
            )
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            services.check_extend(
                self.placement, ends_on=cleaned["ends_on"], reason=cleaned.get("reason", "")
            )
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        cleaned.setdefault("move_overdue", False)
        return cleaned


def _day(value):
    return date_format(value, "j F Y")


class CoachForm(forms.Form):
    coach = PickerField(
        "placement-coach", label=_("Coach"), required=False, help_text=_("Leeg: geen coach.")
    )
    reason = _reason(_("Toelichting (niet verplicht)"), required=False)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)


# --- Leergroepen -------------------------------------------------------------------------------


class LeergroepCreateForm(forms.Form):
    """A new leergroep: its members follow from the placements at the school then."""

    name = forms.CharField(label=_("Naam"), max_length=100)
    school = PickerField("leergroep-school", label=_("School"))
    period = PickerField(
        "leergroep-period",
        label=_("Stageperiode"),
        required=False,
        help_text=_("Leeg: het hele schooljaar."),
    )
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int, choices=())
    leader = PickerField("leergroep-leader", label=_("Schoolopleider"))

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = schooljaar_choices(before=1, after=1)
        self.fields["schooljaar"].initial = Schooljaar.current().start_year
        self.fields["schooljaar"].help_text = _("Met een stageperiode: het schooljaar daarvan.")
        pickers.bind(self, access)


class LeergroepForm(TenantModelForm):
    """Name, leader and members of a leergroep; members are chosen among the placements at
    its school in its time (a handful per school, so they are listed, not searched)."""

    leader = PickerField("leergroep-leader", label=_("Schoolopleider"))

    class Meta:
        model = Leergroep
        fields = ["name", "leader", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        help_texts = {
            "members": _("Aankomende leraren met een stage op deze school in deze periode.")
        }

    def __init__(self, *args, access, choices, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)
        members = self.fields["members"]
        members.queryset = choices
        members.label_from_instance = _member_label

    def _post_clean(self):
        # The leergroep is changed by services.update_leergroep, not by the form.
        pass


def _member_label(placement):
    group = f", {placement.group}" if placement.group else ""
    return f"{placement.student}{group} ({placement.mentor})"


class LeergroepMeetingForm(TenantModelForm):
    class Meta:
        model = LeergroepMeeting
        fields = ["starts_at", "topic", "notes", "attendees"]
        widgets = {
            "starts_at": DATETIME,
            "notes": forms.Textarea(attrs={"rows": 5}),
            "attendees": forms.CheckboxSelectMultiple,
        }
        help_texts = {"attendees": _("Niet verplicht: wie er bij was.")}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        attendees = self.fields["attendees"]
        attendees.queryset = members
        attendees.label_from_instance = lambda placement: str(placement.student)
