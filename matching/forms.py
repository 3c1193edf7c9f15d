"""Forms of capacity, placement requests and the matching board (see matching/services.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samen import pickers
from samen.pickers import PickerField

from .models import CapacityPlace, PlacementRequest, RequestStatus


class CapacityOpenForm(forms.Form):
    """Which school and period to enter capacity for (the next page lists its places)."""

    school = PickerField(
        "capacity-school",
        label=_("School"),
        help_text=_("Alleen actieve opleidingsscholen bieden stageplaatsen aan."),
    )
    period = PickerField("request-period", label=_("Stageperiode"))

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)


class CapacityNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )


class CapacityPlaceForm(forms.ModelForm):
    class Meta:
        model = CapacityPlace
        fields = ["group", "places", "duo_possible", "is_tekortvak"]
        widgets = {"places": forms.NumberInput(attrs={"min": 1, "max": 50, "inputmode": "numeric"})}


PlaceFormSet = forms.formset_factory(CapacityPlaceForm, extra=2, can_delete=True, max_num=60)


class CapacityMentorForm(forms.Form):
    person = PickerField(
        "capacity-mentor",
        label=_("Mentor"),
        help_text=_("Mentoren en vakbegeleiders van deze school."),
    )
    places = forms.IntegerField(
        label=_("Aantal aankomende leraren"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("Een duo-stage telt als één."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class _MentorFormSet(forms.BaseFormSet):
    def __init__(self, *args, access, school, **kwargs):
        self.access, self.school = access, school
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The mentors of this school: the page's hidden `school` field is sent with each search.
        pickers.bind(form, self.access, values={"school": self.school.pk})
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        pickers.bind(form, self.access, values={"school": self.school.pk})
        return form


MentorFormSet = forms.formset_factory(
    CapacityMentorForm, formset=_MentorFormSet, extra=2, can_delete=True, max_num=100
)


class RequestForm(forms.ModelForm):
    """A request's wishes; the coordinator also names the student (and optionally the IO)."""

    student = PickerField("placement-student", label=_("Aankomende leraar"))
    period = PickerField("request-period", label=_("Stageperiode"))
    instituutsopleider = PickerField("placement-io", label=_("Instituutsopleider"), required=False)

    class Meta:
        model = PlacementRequest
        fields = [
            "student",
            "period",
            "subject",
            "region",
            "school_type",
            "learning_wishes",
            "days",
            "travel",
            "instituutsopleider",
        ]
        widgets = {"learning_wishes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, access, for_self=False, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_self or editing:
            del self.fields["student"]
        if editing:
            del self.fields["period"]
        if for_self:
            del self.fields["instituutsopleider"]
        pickers.bind(self, access)

    def _post_clean(self):
        # The request is saved by matching.services, not by the form.
        pass


class RequestImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        help_text=_(
            "Kolommen: e-mail (van de aankomende leraar), periode (de naam van de stageperiode), "
            "en naar keuze: leerwensen, regio, schooltype, groep of vak, reizen, dagen, "
            "instituutsopleider (e-mail). Hoogstens 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class BoardFilterForm(forms.Form):
    """The board's filter: one student (searched among the period's requests) or a status."""

    student = PickerField("matching-student", label=_("Aankomende leraar"), required=False)
    status = forms.ChoiceField(
        label=_("Aanvragen"),
        required=False,
        choices=[("", _("Open eerst, dan gekoppeld")), *RequestStatus.choices],
    )

    def __init__(self, *args, access, period, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access, values={"period": period.pk})
        self.fields["student"].widget.url += f"?period={period.pk}"


class AssignForm(forms.Form):
    """Match one request: the school (chosen on the board), one of its mentors with room,
    the group or subject, the instituutsopleider; or a duo with a placement there."""

    school = PickerField("matching-school", label=_("School"))
    mentor = PickerField(
        "matching-mentor",
        label=_("Mentor"),
        required=False,
        help_text=_("Mentoren van deze school met nog ruimte in deze periode."),
    )
    group = forms.ChoiceField(label=_("Groep of vak"), required=False, choices=())
    duo_with = forms.ModelChoiceField(
        label=_("Duo-stage met"),
        queryset=None,
        required=False,
        empty_label=_("Geen duo-stage"),
        help_text=_("Samen in de groep van een andere aankomende leraar, bij diens mentor."),
    )
    instituutsopleider = PickerField("placement-io", label=_("Instituutsopleider"))

    def __init__(self, *args, access, period, school, lines, duos, **kwargs):
        super().__init__(*args, **kwargs)
        values = {"period": period.pk, "school": school.pk if school else ""}
        if self.is_bound:
            values["school"] = self.data.get("school", values["school"])
        pickers.bind(self, access, values=values)
        # The search offers the school's mentors with room; the form accepts any mentor in
        # reach, so that one who is full or works elsewhere is refused by the service with
        # its reason, not with "not a valid choice".
        mentor = self.fields["mentor"]
        mentor.queryset = mentor.widget.queryset = pickers.get("placement-mentor").rows(access)
        self.fields["school"].widget.url += f"?period={period.pk}"
        self.fields["group"].choices = [("", _("Geen voorkeur"))] + [
            (line.group, line.group) for line in lines
        ]
        self.fields["duo_with"].queryset = duos
        self.fields["duo_with"].label_from_instance = lambda p: (
            _("%(student)s, %(group)s (mentor %(mentor)s)")
            % {"student": p.student, "group": p.group or "—", "mentor": p.mentor}
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("duo_with") and not cleaned.get("mentor") and not self.errors:
            self.add_error("mentor", _("Kies een mentor, of een stage voor een duo-stage."))
        return cleaned


class BulkAssignForm(forms.Form):
    instituutsopleider = PickerField(
        "placement-io",
        label=_("Instituutsopleider"),
        required=False,
        help_text=_("Voor aanvragen zonder eigen instituutsopleider."),
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)
