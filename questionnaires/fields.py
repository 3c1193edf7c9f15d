"""The form field that asks one question: the engine's single source for how a kind of
question is asked and what an answer of that kind may be (forms render it, services clean
with it, so a value saved by autosave passed the same validation as a submitted form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuestionKind


def field_for(question, *, disabled=False):
    """A Django form field for `question`. Never required here: drafts may be incomplete;
    services.submit() and sign() check the required questions."""
    common = {
        "label": question.text,
        "help_text": question.help_text,
        "required": False,
        "disabled": disabled,
    }
    kind = question.kind
    if kind == QuestionKind.TEXT:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), max_length=question.max_length, **common
        )
    if kind in (QuestionKind.SCALE, QuestionKind.COMPETENCE):
        return forms.TypedChoiceField(
            choices=[(str(i), label) for i, label in enumerate(question.options, start=1)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == QuestionKind.SINGLE:
        return forms.ChoiceField(
            choices=[(label, label) for label in question.options],
            widget=forms.RadioSelect,
            **common,
        )
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(label, label) for label in question.options],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    raise ValueError(_("Onbekende soort vraag: %s") % kind)


def is_empty(value):
    return value is None or value == "" or value == []
