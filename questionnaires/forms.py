"""The form a person fills in: one field per question of a version (see fields.field_for)."""

from django import forms

from .fields import field_for
from .selectors import sections_of


def field_name(question):
    return f"q_{question.key}"


class ResponseForm(forms.Form):
    """All questions of `response`'s version, in sections; those `editable` (question ids)
    lists are enabled, the others shown disabled with their answer. `sections` holds
    (section, [bound fields]) for the template."""

    def __init__(self, response, *, editable=(), data=None):
        super().__init__(data=data)
        self.response = response
        editable = set(editable)
        answers = {a.question_id: a.value for a in response.answers.all()}
        self.sections = []
        self.questions = {}
        for section in sections_of(response.version_id):
            names = []
            for question in section.questions.all():
                name = field_name(question)
                self.fields[name] = field_for(question, disabled=question.pk not in editable)
                value = answers.get(question.pk)
                self.initial[name] = str(value) if isinstance(value, int) else value
                self.questions[name] = question
                names.append(name)
            self.sections.append((section, names))

    def raw_answers(self):
        """{question key: posted value} for the enabled fields present in the data."""
        raw = {}
        for name, question in self.questions.items():
            field = self.fields[name]
            if field.disabled:
                continue
            widget = field.widget
            if name in self.data or isinstance(widget, forms.CheckboxSelectMultiple):
                raw[question.key] = widget.value_from_datadict(self.data, self.files, name)
        return raw

    def bound_sections(self):
        return [(section, [self[name] for name in names]) for section, names in self.sections]
