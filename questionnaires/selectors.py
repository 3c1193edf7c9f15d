"""Reads of the engine: a version's questions in order, a response's answers beside them."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Question, QuestionKind, Section


@dataclass
class AnsweredQuestion:
    question: Question
    value: object = None

    @property
    def display(self):
        """The answer as a reader sees it: the level's label for a scale, labels joined."""
        q, v = self.question, self.value
        if v in (None, "", []):
            return ""
        if q.kind in (QuestionKind.SCALE, QuestionKind.COMPETENCE):
            try:
                return f"{v} – {q.options[int(v) - 1]}"
            except (IndexError, TypeError, ValueError):
                return str(v)
        if q.kind == QuestionKind.MULTIPLE:
            return ", ".join(str(x) for x in v)
        return str(v)


@dataclass
class SheetSection:
    section: Section
    items: list = field(default_factory=list)


def sections_of(version):
    """The version's sections, each with its questions in order (two queries)."""
    return list(
        Section.objects.filter(version=version)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("questions", Question.objects.order_by("position", "pk")))
    )


def answer_sheet(response):
    """The response's version, section by section, each question with its answer (three
    queries): what a read-only page and the PDF render."""
    answers = {a.question_id: a.value for a in response.answers.all()}
    return [
        SheetSection(s, [AnsweredQuestion(q, answers.get(q.pk)) for q in s.questions.all()])
        for s in sections_of(response.version_id)
    ]
