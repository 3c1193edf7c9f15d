"""Reads of the form templates: versions with how many forms started on each, and what changed
between two versions (questions added, removed or changed, matched by their stable key)."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from questionnaires.models import Question, Version, VersionStatus

from .services import FORM_ROLES


def draft_of(template):
    """The template's draft version, or None: a published version is read, not edited."""
    return Version.objects.filter(
        questionnaire_id=template.questionnaire_id, status=VersionStatus.DRAFT
    ).first()


def versions_of(template):
    """The template's versions, newest first, each with `response_count` (one query)."""
    return list(
        Version.objects.filter(questionnaire_id=template.questionnaire_id)
        .select_related("published_by")
        .annotate(response_count=Count("responses"))
        .order_by("-number")
    )


#: The fields of a question a reader compares, with their Dutch names.
COMPARED = {
    "section": _("onderdeel"),
    "kind": _("soort"),
    "text": _("vraag"),
    "help_text": _("toelichting"),
    "required": _("verplicht"),
    "options": _("keuzes of niveaus"),
    "competence": _("bekwaamheidseis"),
    "answered_by": _("beantwoord door"),
    "max_length": _("maximale lengte"),
}


@dataclass
class Difference:
    added: list = field(default_factory=list)  # questions of the newer version
    removed: list = field(default_factory=list)  # questions of the older version
    changed: list = field(default_factory=list)  # (old, new, [field names])
    signers: tuple | None = None  # (old labels, new labels) when they differ

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed or self.signers)


def _questions(version):
    return {
        q.key: q
        for q in Question.objects.filter(version=version)
        .select_related("section")
        .order_by("section__position", "position", "pk")
    }


def _value(question, name):
    if name == "section":
        return question.section.title
    return getattr(question, name)


def difference(old, new):
    """What changed from version `old` to version `new` of the same questionnaire."""
    before, after = _questions(old), _questions(new)
    diff = Difference(
        added=[q for key, q in after.items() if key not in before],
        removed=[q for key, q in before.items() if key not in after],
    )
    for key, q in after.items():
        if key in before:
            names = [
                str(label)
                for name, label in COMPARED.items()
                if _value(before[key], name) != _value(q, name)
            ]
            if names:
                diff.changed.append((before[key], q, names))
    if list(old.signers) != list(new.signers):
        diff.signers = (signer_labels(old.signers), signer_labels(new.signers))
    return diff


def signer_labels(signers):
    return ", ".join(str(FORM_ROLES.get(r, r)) for r in signers) or "—"
