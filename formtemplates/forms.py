"""Forms of the form-template editor. They check what a person typed; the services check it
again (and the reach) inside their transaction."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models import FormKind, Phase, Programme
from questionnaires.models import QuestionKind
from samen.errors import DomainError

from . import services
from .models import FormTemplate


class TemplateCreateForm(forms.Form):
    institute = forms.ModelChoiceField(
        label=_("Opleidingsinstituut"), queryset=None, empty_label=None
    )
    kind = forms.ChoiceField(label=_("Soort formulier"), choices=FormKind.choices)
    programme = forms.ChoiceField(
        label=_("Opleidingsvariant"),
        choices=[("", _("Elke variant"))] + list(Programme.choices),
        required=False,
        help_text=_("Laat ‘Elke variant’ staan voor een formulier dat voor de hele pabo geldt."),
    )
    phase = forms.ChoiceField(
        label=_("Fase"), choices=[("", _("Elke fase"))] + list(Phase.choices), required=False
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # The institutes whose templates this person may make: a handful per partnership.
        self.fields["institute"].queryset = services.institutes_in_reach(access)


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Titel van het onderdeel"), max_length=services.MAX_TITLE)
    intro = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=services.MAX_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort vraag"), choices=QuestionKind.choices)
    text = forms.CharField(
        label=_("Vraag"), max_length=services.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text = forms.CharField(
        label=_("Toelichting bij de vraag (niet verplicht)"),
        required=False,
        max_length=services.MAX_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    options = forms.CharField(
        label=_("Keuzes of niveaus"),
        required=False,
        max_length=services.MAX_OPTIONS * (services.MAX_OPTION + 2),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eén per regel, van laag naar hoog bij een schaal (bijvoorbeeld Onvoldoende, "
            "In ontwikkeling, Voldoende, Goed). Niet nodig bij een open vraag."
        ),
    )
    competence = forms.CharField(
        label=_("Bekwaamheidseis"),
        required=False,
        max_length=services.MAX_COMPETENCE,
        help_text=_("Bij een indicator: bijvoorbeeld ‘Vakdidactisch bekwaam’."),
    )
    required = forms.BooleanField(label=_("Verplicht"), required=False)
    answered_by = forms.MultipleChoiceField(
        label=_("Beantwoord door"),
        choices=list(services.FORM_ROLES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: wie het formulier invult."),
    )
    max_length = forms.IntegerField(
        label=_("Maximale lengte van het antwoord (tekens)"),
        min_value=1,
        max_value=services.MAX_ANSWER_LENGTH,
        initial=3000,
    )

    @classmethod
    def initial_for(cls, question):
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "options": "\n".join(question.options),
            "competence": question.competence,
            "required": question.required,
            "answered_by": question.answered_by,
            "max_length": question.max_length,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.question_fields = services.clean_question(
                **{**data, "options": services.parse_lines(data.get("options"))}
            )
        except DomainError as exc:
            self.add_error(None, exc.message)
        return data


class SignersForm(forms.Form):
    signers = forms.MultipleChoiceField(
        label=_("Wie ondertekent het ingevulde formulier?"),
        choices=list(services.FORM_ROLES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies de ondertekenaars uit de lijst."),
            "invalid_list": _("Kies de ondertekenaars uit de lijst."),
        },
        help_text=_(
            "In deze volgorde; de laatste handtekening rondt het formulier af. Niemand "
            "aangevinkt: het formulier is af zodra het is ingediend."
        ),
    )


class MoveForm(forms.Form):
    """The up and down buttons of a section or question in the editor."""

    # The buttons' values, never shown (the buttons say "‘…’ omhoog" themselves).
    richting = forms.ChoiceField(
        choices=[("omhoog", "omhoog"), ("omlaag", "omlaag")], required=False
    )

    @property
    def step(self):
        return -1 if self.cleaned_data["richting"] == "omhoog" else 1


class FormTemplateFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam of instituut")}),
    )
    kind = filters.ChoiceFilter(
        label=_("Soort formulier"), choices=FormKind.choices, empty_label=_("Alle soorten")
    )
    sorteer = filters.OrderingFilter(
        fields=(
            ("questionnaire__name", "naam"),
            ("institute__organisation__name", "instituut"),
            ("kind", "soort"),
        ),
        label=_("Sorteren op"),
    )

    class Meta:
        model = FormTemplate
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(questionnaire__name__icontains=word)
                | Q(institute__organisation__name__icontains=word)
            )
        return queryset
