"""Editing the forms of the gouden driehoek: an institute's form templates.

A template (`FormTemplate`) says which questionnaire (the questionnaires engine) an institute's
placements fill in for one kind of form, programme and phase. Its coordinator edits the draft
version here and publishes it; the engine keeps every published version as it was, so a
running placement keeps the version its form was started on.

Every operation takes `actor` (the acting person's Access), runs in one transaction, locks the
version it changes and re-checks `formtemplate.manage` on the template inside it. Bad input is
refused with a Dutch DomainError and changes nothing.
"""

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Organisation, Partner
from placements.models import FormKind, Phase, Programme
from questionnaires import services as engine
from questionnaires.models import Question, QuestionKind, Section, Version
from samen.errors import DomainError
from samen.permissions import OutOfReach

from .models import FormTemplate

#: The roles that answer and sign a placement form, in signing order. In VO the vakbegeleider
#: signs in the mentor's place (the placement's mentor field holds them).
FORM_ROLES = {
    "student": gettext_lazy("Aankomende leraar"),
    "mentor": gettext_lazy("Mentor"),
    "instituutsopleider": gettext_lazy("Instituutsopleider"),
}
DEFAULT_SIGNERS = list(FORM_ROLES)

CHOICE_KINDS = frozenset(engine.CHOICE_KINDS)
#: Limits of what an editor may type: a form a busy mentor fills in on a phone.
MAX_TEXT = 1000
MAX_HELP = 2000
MAX_TITLE = 200
MAX_OPTIONS = 12
MAX_OPTION = 120
MAX_COMPETENCE = 120
MAX_ANSWER_LENGTH = 20000


def template_name(institute, kind, programme="", phase=""):
    """The questionnaire's name: "Startgesprek · Pabo voltijd · Hoofdfase · KPZ"."""
    parts = [str(FormKind(kind).label)]
    if programme:
        parts.append(str(Programme(programme).label))
    if phase:
        parts.append(str(Phase(phase).label))
    org = institute.organisation
    parts.append(org.short_name or org.name)
    return " · ".join(parts)


def institutes_in_reach(actor):
    """The institutes whose templates `actor` may create (coordinators reach partners as the
    rule does: an institute's coordinator its own, a partnership-wide one all)."""
    institutes = Partner.objects.filter(
        organisation__kind=Organisation.Kind.INSTITUTE
    ).select_related("organisation")
    return actor.filter("partner.view", institutes).order_by("organisation__name")


@transaction.atomic
def create_template(actor, *, institute, kind, programme="", phase=""):
    """A new template with an empty draft (version 1) that the three parties sign.
    Refused when the institute has one for this kind, programme and phase already."""
    if institute.organisation.kind != Organisation.Kind.INSTITUTE:
        raise DomainError(_("Alleen een opleidingsinstituut heeft formuliersjablonen."))
    if not institutes_in_reach(actor).filter(pk=institute.pk).exists():
        raise OutOfReach()  # before saying whether that institute has this template already
    if kind not in FormKind.values:
        raise DomainError(_("Kies de soort formulier."))
    if programme and programme not in Programme.values:
        raise DomainError(_("Onbekende opleidingsvariant."))
    if phase and phase not in Phase.values:
        raise DomainError(_("Onbekende fase."))
    duplicate = _("%(institute)s heeft al een sjabloon ‘%(name)s’. Bewerk dat sjabloon.") % {
        "institute": institute.organisation.name,
        "name": template_name(institute, kind, programme, phase),
    }
    if FormTemplate.objects.filter(
        institute=institute, kind=kind, programme=programme, phase=phase
    ).exists():
        raise DomainError(duplicate)
    questionnaire = engine.create_questionnaire(
        actor.partnership,
        template_name(institute, kind, programme, phase),
        signers=DEFAULT_SIGNERS,
    )
    try:
        with transaction.atomic():
            template = FormTemplate.objects.create(
                partnership=actor.partnership,
                institute=institute,
                kind=kind,
                programme=programme,
                phase=phase,
                questionnaire=questionnaire,
            )
    except IntegrityError:  # created at the same moment by someone else
        raise DomainError(duplicate) from None
    actor.require("formtemplate.manage", template)
    return template


# --- The draft ------------------------------------------------------------------------------


def _locked_draft(actor, version):
    """`version`, locked, after checking the actor manages its template and it is a draft."""
    version = Version.objects.select_for_update().get(pk=version.pk)
    template = FormTemplate.objects.get(questionnaire_id=version.questionnaire_id)
    actor.require("formtemplate.manage", template)
    engine.require_draft(version)
    return version


def _clean_text(value, limit, label, *, required=True):
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Vul %(field)s in.") % {"field": label})
    if len(value) > limit:
        raise DomainError(
            _("%(field)s is te lang: hoogstens %(limit)s tekens (nu %(length)s).")
            % {"field": label.capitalize(), "limit": limit, "length": len(value)}
        )
    return value


def _renumber(rows):
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def add_section(actor, version, *, title, intro=""):
    version = _locked_draft(actor, version)
    title = _clean_text(title, MAX_TITLE, _("de titel"))
    intro = _clean_text(intro, MAX_HELP, _("de toelichting"), required=False)
    count = Section.objects.filter(version=version).count()
    return Section.objects.create(
        partnership_id=version.partnership_id,
        version=version,
        position=count,
        title=title,
        intro=intro,
    )


@transaction.atomic
def update_section(actor, section, *, title, intro=""):
    _locked_draft(actor, section.version)
    section.title = _clean_text(title, MAX_TITLE, _("de titel"))
    section.intro = _clean_text(intro, MAX_HELP, _("de toelichting"), required=False)
    section.save(update_fields=["title", "intro"])
    return section


@transaction.atomic
def move_section(actor, section, step):
    """Moves the section one place up (step -1) or down (+1)."""
    version = _locked_draft(actor, section.version)
    sections = list(Section.objects.filter(version=version).order_by("position", "pk"))
    _swap(sections, section.pk, step)
    _renumber(sections)


@transaction.atomic
def delete_section(actor, section):
    """Removes the section and its questions from the draft."""
    version = _locked_draft(actor, section.version)
    Section.objects.filter(pk=section.pk, version=version).delete()
    _renumber(list(Section.objects.filter(version=version).order_by("position", "pk")))


def _swap(rows, pk, step):
    index = next(i for i, row in enumerate(rows) if row.pk == pk)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]


def parse_lines(text):
    """Options or levels, one a line; empty lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def clean_question(
    *,
    kind,
    text,
    help_text="",
    required=False,
    options=(),
    competence="",
    answered_by=(),
    max_length=5000,
):
    """The question's fields as the engine stores them, or a DomainError saying what is wrong."""
    if kind not in QuestionKind.values:
        raise DomainError(_("Kies de soort vraag."))
    fields = {
        "kind": kind,
        "text": _clean_text(text, MAX_TEXT, _("de vraag")),
        "help_text": _clean_text(help_text, MAX_HELP, _("de toelichting"), required=False),
        "required": bool(required),
        "competence": _clean_text(
            competence, MAX_COMPETENCE, _("de bekwaamheidseis"), required=False
        ),
    }
    options = [str(o).strip() for o in options if str(o).strip()]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise DomainError(
                _(
                    "Een vraag van deze soort heeft minstens twee keuzes of niveaus nodig, "
                    "één per regel."
                )
            )
        if len(options) > MAX_OPTIONS:
            raise DomainError(
                _("Hoogstens %(limit)s keuzes of niveaus per vraag.") % {"limit": MAX_OPTIONS}
            )
        if any(len(o) > MAX_OPTION for o in options):
            raise DomainError(
                _("Een keuze of niveau is hoogstens %(limit)s tekens lang.") % {"limit": MAX_OPTION}
            )
        if len(set(options)) != len(options):
            raise DomainError(_("Elke keuze of elk niveau komt maar één keer voor."))
    else:
        options = []
    if kind == QuestionKind.COMPETENCE and not fields["competence"]:
        raise DomainError(_("Noem de bekwaamheidseis waar deze indicator bij hoort."))
    answered_by = list(answered_by or [])
    unknown = set(answered_by) - set(FORM_ROLES)
    if unknown:
        raise DomainError(_("Onbekende rol bij ‘beantwoord door’."))
    try:
        max_length = int(max_length)
    except (TypeError, ValueError):
        raise DomainError(_("De maximale lengte is een getal.")) from None
    if not 1 <= max_length <= MAX_ANSWER_LENGTH:
        raise DomainError(
            _("De maximale lengte ligt tussen 1 en %(limit)s tekens.")
            % {"limit": MAX_ANSWER_LENGTH}
        )
    fields.update(
        options=options,
        answered_by=[r for r in FORM_ROLES if r in answered_by],
        max_length=max_length,
    )
    return fields


def _new_key(version, text):
    """A key for a new question, unique in the version (kept by later versions' copies)."""
    base = slugify(text)[:40].strip("-") or "vraag"
    taken = set(Question.objects.filter(version=version).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def add_question(actor, section, **fields):
    version = _locked_draft(actor, section.version)
    fields = clean_question(**fields)
    count = Question.objects.filter(section=section).count()
    return Question.objects.create(
        partnership_id=version.partnership_id,
        version=version,
        section=section,
        position=count,
        key=_new_key(version, fields["text"]),
        **fields,
    )


@transaction.atomic
def update_question(actor, question, **fields):
    """Changes the question in the draft; its key stays, so versions can be compared."""
    _locked_draft(actor, question.version)
    for name, value in clean_question(**fields).items():
        setattr(question, name, value)
    question.save()
    return question


@transaction.atomic
def move_question(actor, question, step):
    _locked_draft(actor, question.version)
    questions = list(
        Question.objects.filter(section_id=question.section_id).order_by("position", "pk")
    )
    _swap(questions, question.pk, step)
    _renumber(questions)


@transaction.atomic
def delete_question(actor, question):
    _locked_draft(actor, question.version)
    section_id = question.section_id
    Question.objects.filter(pk=question.pk).delete()
    _renumber(list(Question.objects.filter(section_id=section_id).order_by("position", "pk")))


@transaction.atomic
def set_signers(actor, version, signers):
    """Who signs a completed form, in the fixed order student → mentor → instituutsopleider."""
    version = _locked_draft(actor, version)
    unknown = set(signers) - set(FORM_ROLES)
    if unknown:
        raise DomainError(_("Onbekende rol bij de ondertekenaars."))
    version.signers = [r for r in FORM_ROLES if r in signers]
    version.save(update_fields=["signers"])
    return version


# --- Versions -------------------------------------------------------------------------------


@transaction.atomic
def publish(actor, version):
    """Publishes the draft: new forms start on it, the version it replaces is retired (forms
    already started keep theirs). Refused, with the reasons, while it cannot be filled in."""
    version = _locked_draft(actor, version)
    return engine.publish(version, user=actor.user)


@transaction.atomic
def new_draft(actor, template):
    """The template's draft: the existing one, or a copy of the newest version."""
    template = FormTemplate.objects.select_for_update().get(pk=template.pk)
    actor.require("formtemplate.manage", template)
    return engine.draft_version(template.questionnaire)
