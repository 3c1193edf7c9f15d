"""Forms of capacity, placement requests and the matching board. They check what a person
typed and shape it as matching/services.py takes it; the services check it again (and the
reach) inside their transaction."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from placements.models import Placement
from samen import pickers
from samen.pickers import PickerField

from . import board, selectors
from .models import Capacity, CapacityPlace, PlacementRequest, RequestStatus
from .services import PlaceRow


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


class CapacityForm(forms.Form):
    """What a school offers in a period, edited as a whole (one card per row, so it works on a
    phone): its places per group or subject and its mentors (two formsets, two empty rows
    each) and a note. Saving replaces the whole offer (services.save_capacity)."""

    notes = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )

    def __init__(self, data=None, files=None, *, capacity, access, initial=None, **kwargs):
        initial = {"notes": capacity.notes, **(initial or {})}
        super().__init__(data, files, initial=initial, **kwargs)
        self.current_places = list(capacity.places.all())
        self.current_mentors = list(capacity.mentors.select_related("person"))
        self.places = PlaceFormSet(
            data,
            prefix="plaatsen",
            initial=[
                {
                    "group": p.group,
                    "places": p.places,
                    "duo_possible": p.duo_possible,
                    "is_tekortvak": p.is_tekortvak,
                }
                for p in self.current_places
            ],
        )
        self.mentors = MentorFormSet(
            data,
            prefix="mentoren",
            access=access,
            school=capacity.school,
            initial=[{"person": o.person_id, "places": o.places} for o in self.current_mentors],
        )

    def is_valid(self):
        # Every part, not only up to the first that fails: each shows its own errors.
        return all([super().is_valid(), self.places.is_valid(), self.mentors.is_valid()])

    @property
    def offer(self):
        """The offer as services.save_capacity takes it: the filled rows not ticked away."""
        kept = [
            f.cleaned_data
            for f in self.places.forms
            if f.cleaned_data.get("group") and not f.cleaned_data.get("DELETE")
        ]
        mentors = [
            (f.cleaned_data["person"], f.cleaned_data["places"])
            for f in self.mentors.forms
            if f.cleaned_data.get("person") and not f.cleaned_data.get("DELETE")
        ]
        return {
            "places": [
                PlaceRow(row["group"], row["places"], row["duo_possible"], row["is_tekortvak"])
                for row in kept
            ],
            "mentors": mentors,
            "notes": self.cleaned_data["notes"],
        }


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
    """Match one request: the school (chosen on the board, `school_id`), one of its mentors
    with room, the group or subject, the instituutsopleider; or a duo with a placement there.

    It reads what the chosen school offers in the request's period (its capacity in the
    person's reach, its groups, the placements a duo could join) and suggests the group that
    fits the request and the student's earlier instituutsopleider.
    """

    school = PickerField("matching-school", accept="matching-school-offering", label=_("School"))
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

    def __init__(self, *args, access, placement_request, school_id="", **kwargs):
        period = self.period = placement_request.period
        capacity = (
            access.filter("capacity.view", Capacity.objects.filter(period=period))
            .filter(school_id=int(school_id) if str(school_id).isdigit() else None)
            .select_related("school")
            .first()
        )
        school = capacity.school if capacity else None
        lines = list(capacity.places.all()) if capacity else []
        kwargs["initial"] = {
            **_suggested(placement_request, school, lines),
            **kwargs.get("initial", {}),
        }
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
        duos = selectors.duo_choices(period, school) if school else Placement.objects.none()
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

    def summary(self, student):
        """What the assignment will be, as (label, value) rows for its confirmation."""
        data = self.cleaned_data
        duo = data["duo_with"]
        rows = [
            (_("Aankomende leraar"), str(student)),
            (_("School"), data["school"].name),
            (_("Groep of vak"), duo.group if duo else (data["group"] or "—")),
            (_("Mentor"), str(duo.mentor if duo else data["mentor"])),
            (_("Instituutsopleider"), str(data["instituutsopleider"])),
        ]
        if duo:
            rows.append((_("Duo-stage met"), str(duo.student)))
        return rows


def _suggested(placement_request, school, lines):
    """The form's first values: the chosen school, the group that matches the wanted group or
    subject, and the request's instituutsopleider or the student's earlier one."""
    wanted = (placement_request.subject or "").strip().lower()
    return {
        "school": school.pk if school else None,
        "instituutsopleider": placement_request.instituutsopleider_id
        or selectors.earlier_instituutsopleider(placement_request.student),
        "group": next(
            (line.group for line in lines if wanted and wanted in line.group.lower()), ""
        ),
    }


class OpenRequestsField(forms.ModelMultipleChoiceField):
    """The open requests ticked on the board, at most a board page of them: one matched,
    withdrawn or out of reach meanwhile is left out, not an error; none at all is."""

    widget = forms.MultipleHiddenInput

    def clean(self, value):
        ids = [int(v) for v in value or () if str(v).isdigit()][: board.PAGE_SIZE]
        chosen = list(self.queryset.filter(pk__in=ids))
        if not chosen:
            raise ValidationError(self.error_messages["required"], code="required")
        return chosen


class BulkAssignForm(forms.Form):
    """The requests ticked on the board, each to its first suggestion, with the
    instituutsopleider for those without one (asked on the confirmation)."""

    aanvraag = OpenRequestsField(
        queryset=None, error_messages={"required": _("Kies eerst een of meer open aanvragen.")}
    )
    instituutsopleider = PickerField(
        "placement-io",
        label=_("Instituutsopleider"),
        required=False,
        help_text=_("Voor aanvragen zonder eigen instituutsopleider."),
    )

    def __init__(self, *args, access, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanvraag"].queryset = access.filter(
            "request.manage",
            PlacementRequest.objects.filter(period=period, status=RequestStatus.OPEN),
        ).select_related("student", "instituutsopleider")
        pickers.bind(self, access)
