"""Operations of the questionnaire engine. Each is one transaction and the only place that
changes a questionnaire, a version or a response.

The engine does not decide *who* may do these things: the calling app checks its permission
rules first and passes the roles the person acts in (plain names such as "mentor"). What the
engine guarantees for every caller:

* a published version is never changed; `draft_version()` copies it into a new draft;
* `publish()` refuses a version that cannot be filled in (no questions, a scale without levels);
* answers are cleaned by the same field as the form shows (`fields.field_for`), so autosave
  cannot store what a submit would refuse;
* submitting freezes the shared answers; until a signer has signed, the questions that are
  theirs (`Question.answered_by`) stay open to them (the mentor's advies, the examiner's
  judgement); signatures follow `Version.signers` in order, and the last one locks the response;
* `reopen()` is the only way back from a submitted or locked response.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.errors import DomainError

from .fields import field_for, is_empty
from .models import (
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    ResponseStatus,
    Section,
    Signature,
    Version,
    VersionStatus,
)

CHOICE_KINDS = (
    QuestionKind.SCALE,
    QuestionKind.COMPETENCE,
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
)


@transaction.atomic
def create_questionnaire(partnership, name, description="", signers=()):
    """A new questionnaire with an empty draft (version 1)."""
    questionnaire = Questionnaire.objects.create(
        partnership=partnership, name=name, description=description
    )
    Version.objects.create(
        partnership=partnership, questionnaire=questionnaire, number=1, signers=list(signers)
    )
    return questionnaire


@transaction.atomic
def draft_version(questionnaire):
    """The questionnaire's draft: the existing one, or a copy of the newest version (its
    sections and questions, keys kept) numbered after it."""
    versions = Version.objects.select_for_update().filter(questionnaire=questionnaire)
    draft = versions.filter(status=VersionStatus.DRAFT).first()
    if draft:
        return draft
    latest = versions.order_by("-number").first()
    draft = Version.objects.create(
        partnership_id=questionnaire.partnership_id,
        questionnaire=questionnaire,
        number=(latest.number + 1) if latest else 1,
        signers=list(latest.signers) if latest else [],
    )
    if latest:
        copy_contents(latest, draft)
    return draft


def copy_contents(source, target):
    """Copies `source`'s sections and questions into the (empty) version `target`."""
    questions = list(Question.objects.filter(version=source).order_by("section_id", "position"))
    for section in Section.objects.filter(version=source).order_by("position", "pk"):
        new_section = Section.objects.create(
            partnership_id=target.partnership_id,
            version=target,
            position=section.position,
            title=section.title,
            intro=section.intro,
        )
        Question.objects.bulk_create(
            Question(
                partnership_id=target.partnership_id,
                version=target,
                section=new_section,
                position=q.position,
                key=q.key,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                required=q.required,
                options=list(q.options),
                competence=q.competence,
                answered_by=list(q.answered_by),
                max_length=q.max_length,
            )
            for q in questions
            if q.section_id == section.pk
        )


def require_draft(version):
    if not version.is_draft:
        raise DomainError(
            _("Versie %(number)s is gepubliceerd en verandert niet meer. Maak een nieuwe versie.")
            % {"number": version.number}
        )


def problems(version):
    """Why `version` cannot be published yet (Dutch sentences; empty when it can)."""
    found = []
    questions = list(Question.objects.filter(version=version))
    if not questions:
        found.append(_("De vragenlijst heeft nog geen vragen."))
    for q in questions:
        if q.kind in CHOICE_KINDS and len(q.options) < 2:
            found.append(
                _("De vraag ‘%(question)s’ heeft minstens twee keuzes of niveaus nodig.")
                % {"question": q.text[:60]}
            )
    return found


@transaction.atomic
def publish(version, user=None):
    """Publishes a draft: it becomes the version new responses start on; the version it
    replaces is retired (responses already started keep it)."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    require_draft(version)
    found = problems(version)
    if found:
        raise DomainError(" ".join(found))
    Version.objects.filter(
        questionnaire_id=version.questionnaire_id, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    version.save(update_fields=["status", "published_at", "published_by"])
    return version


def start_response(version, respondent=None):
    """A new, empty response on a published version."""
    if version.status == VersionStatus.DRAFT:
        raise DomainError(_("Deze vragenlijst is nog niet gepubliceerd."))
    return Response.objects.create(
        partnership_id=version.partnership_id, version=version, respondent=respondent
    )


def _signed_roles(response):
    return set(Signature.objects.filter(response=response).values_list("role", flat=True))


def editable_questions(response, roles, questions=None):
    """The questions someone answering in `roles` may still change in `response`."""
    if response.status == ResponseStatus.LOCKED:
        return []
    if questions is None:
        questions = list(Question.objects.filter(version_id=response.version_id))
    roles = set(roles)
    if response.status == ResponseStatus.DRAFT:
        return [q for q in questions if q.answerable_by(roles)]
    # Submitted: only a signer's own questions, until they have signed.
    open_roles = roles - _signed_roles(response)
    return [q for q in questions if q.answered_by and set(q.answered_by) & open_roles]


@transaction.atomic
def save_answers(response, raw, *, roles, user=None):
    """Saves the answers in `raw` ({question key: value as a form posts it}) that someone in
    `roles` may change; other keys are ignored. Returns {key: Dutch message} for values that
    do not clean (those are not saved, the others are): autosave keeps what it can."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == ResponseStatus.LOCKED:
        raise DomainError(_("Dit formulier is afgerond en kan niet meer worden gewijzigd."))
    allowed = {q.key: q for q in editable_questions(response, roles)}
    existing = {a.question_id: a for a in Answer.objects.filter(response=response)}
    errors, changed, created = {}, [], []
    for key, value in raw.items():
        question = allowed.get(key)
        if question is None:
            continue
        try:
            cleaned = field_for(question).clean(value)
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
            continue
        if is_empty(cleaned):
            cleaned = None
        answer = existing.get(question.pk)
        if answer is None:
            if cleaned is not None:
                created.append(
                    Answer(
                        partnership_id=response.partnership_id,
                        response=response,
                        question=question,
                        value=cleaned,
                        updated_by=user,
                    )
                )
        elif answer.value != cleaned:
            answer.value, answer.updated_by, answer.updated_at = cleaned, user, timezone.now()
            changed.append(answer)
    Answer.objects.bulk_create(created)
    Answer.objects.bulk_update(changed, ["value", "updated_by", "updated_at"])
    if created or changed:
        response.save(update_fields=["updated_at"])
    return errors


def missing_answers(response, roles=None):
    """The required questions without an answer; with `roles`, only those answered in them
    (questions for everyone count for every role)."""
    answered = set(
        Answer.objects.filter(response=response, value__isnull=False).values_list(
            "question_id", flat=True
        )
    )
    questions = Question.objects.filter(version_id=response.version_id, required=True)
    return [
        q
        for q in questions.order_by("section__position", "position")
        if q.pk not in answered and (roles is None or q.answerable_by(roles))
    ]


def _refuse_missing(missing):
    if missing:
        raise DomainError(
            _("Nog niet alle verplichte vragen zijn beantwoord: %(questions)s")
            % {"questions": "; ".join(f"‘{q.text[:60]}’" for q in missing[:5])}
        )


@transaction.atomic
def submit(response, user=None):
    """Submits a draft: the shared answers are frozen and the signing can start. Refused while
    a required question for everyone is unanswered. Without signers it locks at once."""
    response = Response.objects.select_for_update().select_related("version").get(pk=response.pk)
    if response.status != ResponseStatus.DRAFT:
        raise DomainError(_("Dit formulier is al ingediend."))
    _refuse_missing([q for q in missing_answers(response) if not q.answered_by])
    now = timezone.now()
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = now
    if not response.version.signers:
        response.status, response.locked_at = ResponseStatus.LOCKED, now
    response.save(update_fields=["status", "submitted_at", "locked_at", "updated_at"])
    return response


def next_signer(response, signed=None):
    """The role whose signature is awaited (the first in the version's order without one),
    or None when the response is a draft or fully signed."""
    if response.status != ResponseStatus.SUBMITTED:
        return None
    signed = _signed_roles(response) if signed is None else signed
    return next((r for r in response.version.signers if r not in signed), None)


@transaction.atomic
def sign(response, role, *, user=None, name):
    """Signs `response` in `role`: refused before submission, out of turn, twice, or while a
    required question of that role is open. The last signature locks the response."""
    response = Response.objects.select_for_update().select_related("version").get(pk=response.pk)
    if response.status == ResponseStatus.DRAFT:
        raise DomainError(_("Een formulier wordt pas ondertekend als het is ingediend."))
    if response.status == ResponseStatus.LOCKED:
        raise DomainError(_("Dit formulier is al door iedereen ondertekend."))
    signers = response.version.signers
    if role not in signers:
        raise DomainError(_("Dit formulier vraagt geen handtekening in deze rol."))
    signed = _signed_roles(response)
    if role in signed:
        raise DomainError(_("U hebt dit formulier al ondertekend."))
    if next_signer(response, signed) != role:
        raise DomainError(_("Eerst ondertekent de vorige in de rij; daarna bent u aan de beurt."))
    _refuse_missing([q for q in missing_answers(response, roles=[role]) if q.answered_by])
    now = timezone.now()
    Signature.objects.create(
        partnership_id=response.partnership_id,
        response=response,
        role=role,
        signed_by=user,
        signer_name=name[:200],
        signed_at=now,
    )
    if all(r in signed | {role} for r in signers):
        response.status, response.locked_at = ResponseStatus.LOCKED, now
        response.save(update_fields=["status", "locked_at", "updated_at"])
    return response


@transaction.atomic
def reopen(response):
    """Back to draft: signatures are removed and returned (role, name, when) for the caller's
    log. Refused for a draft."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == ResponseStatus.DRAFT:
        raise DomainError(_("Dit formulier is nog niet ingediend."))
    removed = [
        {"role": s.role, "name": s.signer_name, "signed_at": s.signed_at.isoformat()}
        for s in Signature.objects.filter(response=response)
    ]
    Signature.objects.filter(response=response).delete()
    response.status = ResponseStatus.DRAFT
    response.submitted_at = response.locked_at = None
    response.save(update_fields=["status", "submitted_at", "locked_at", "updated_at"])
    return removed
