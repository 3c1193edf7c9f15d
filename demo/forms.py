"""Demo rows of the forms of the gouden driehoek: seeded templates, and forms in each state.

Called by demo.data for each demo partnership, inside its scope, after its placements exist.
Each institute gets the seeded templates (formtemplates.seeds.ensure_form_templates: a
startgesprek, tussentijdse beoordeling and eindbeoordeling for pabo and VO); without that
module nothing is done here. The placements get a period of their institute (the demo's
placements are made without one), their forms are opened, and a few are walked on:

* SAMEN, Daan Visser at De Windroos: the startgesprek signed by all three; the tussentijdse
  beoordeling submitted and signed by Daan, waiting for his mentor.
* VO Groningen, Sem Postma's wiskunde placement at Het Veenkoloniaal: every form signed, so the
  placement could be afgerond.

Everything goes through the services as the people themselves, so the logs say who did it.
"""

import dataclasses

from placementforms import services as form_services
from placements.models import FormKind, Placement, PlacementPeriod
from questionnaires.models import QuestionKind
from roles.models import RoleAssignment
from samen.schooljaar import Schooljaar

# (student key, mentor key, school key, {form kind: how far})
WALKS = {
    "samen": ("student2", "mentor2", "windroos", {"start": "locked", "tussentijds": "mentor"}),
    "vo-groningen": (
        "student2",
        "mentor2",
        "veenkoloniaal",
        {"start": "locked", "tussentijds": "locked", "eind": "locked"},
    ),
}

TEXTS = {
    FormKind.START: (
        "Ik wil leren een instructie aan de hele groep helder op te bouwen (didactisch "
        "bekwaam) en het aanvankelijk lezen van drie leerlingen een periode volgen."
    ),
    FormKind.TUSSENTIJDS: (
        "De instructies zijn korter en duidelijker geworden; het afstemmen op de drie "
        "niveaus vraagt nog aandacht."
    ),
    FormKind.EIND: (
        "De aankomende leraar bereidt lessen zelfstandig voor en stemt ze af op de groep; "
        "zij reflecteert open op haar handelen."
    ),
}


def extend(context):
    try:
        from formtemplates.seeds import ensure_form_templates
    except ImportError:  # the template seeds are not part of this build
        return
    institutes = [p for p in context.partners.values() if p.organisation.kind == "institute"]
    for institute in institutes:
        ensure_form_templates(institute)
    if not institutes:
        return
    programme = "vo" if context.partnership.sector == "vo" else "pabo_voltijd"
    placements = list(
        Placement.objects.filter(period__isnull=True).select_related("instituutsopleider")
    )
    for placement in placements:
        placement.period = _period(placement, _institute_of(placement, institutes), programme)
        placement.save(update_fields=["period"])
        if placement.status in form_services.OPENS_FORMS:
            form_services.open_forms(context.actor, placement)
    walk = WALKS.get(context.slug)
    if walk:
        _walk(context, *walk)


def _institute_of(placement, institutes):
    """The institute the placement's instituutsopleider works for (else the first)."""
    ids = set(
        RoleAssignment.objects.filter(
            person=placement.instituutsopleider, partner__in=institutes
        ).values_list("partner_id", flat=True)
    )
    return next((i for i in institutes if i.pk in ids), institutes[0])


#: Dutch month abbreviations (the demo's rows are Dutch, whatever language is active).
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def period_name(institute, starts_on, ends_on):
    """A Dutch name that tells the institute's periods apart, over the years too (an import
    matches a period by its name): "KPZ periode 1 (sep 2026–jan 2027)" (1: the half-year from
    August, 2: from February); a period of the same months with other days adds its first day
    ("…, vanaf 12 nov")."""
    half = 1 if starts_on.month >= 8 or starts_on.month == 1 else 2
    who = institute.organisation.short_name or institute.organisation.name
    start, end = MONTHS[starts_on.month - 1], MONTHS[ends_on.month - 1]
    name = f"{who} periode {half} ({start} {starts_on.year}–{end} {ends_on.year})"
    if PlacementPeriod.objects.filter(institute=institute, name=name).exists():
        name = f"{name}, vanaf {starts_on.day} {start}"
    return name


def _period(placement, institute, programme):
    period, _created = PlacementPeriod.objects.get_or_create(
        institute=institute,
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        programme=programme,
        defaults={
            "partnership": placement.partnership,
            "schooljaar": Schooljaar.of(placement.starts_on).start_year,
            "name": period_name(institute, placement.starts_on, placement.ends_on),
            "study_year": 2,
            "phase": "hoofdfase",
            "days_per_week": 2,
        },
    )
    return period


def _as(context, person):
    return dataclasses.replace(context.actor, person=person, user=person.user)


def _answers(form, roles, text):
    """A plausible answer to every question `roles` may answer now."""
    raw = {}
    for q in form_services.editable_questions(form, roles):
        if q.kind == QuestionKind.TEXT:
            raw[q.key] = text
        elif q.kind in (QuestionKind.SCALE, QuestionKind.COMPETENCE):
            raw[q.key] = str(min(len(q.options), 3))
        elif q.kind == QuestionKind.SINGLE:
            raw[q.key] = q.options[0]
        elif q.kind == QuestionKind.MULTIPLE:
            raw[q.key] = q.options[:1]
    return raw


def _walk(context, student_key, mentor_key, school_key, steps):
    persons = context.persons
    placement = (
        Placement.objects.filter(
            student=persons[student_key],
            mentor=persons[mentor_key],
            school=context.schools[school_key],
        )
        .select_related("student", "mentor", "instituutsopleider")
        .first()
    )
    if placement is None:
        return
    people = {
        form_services.STUDENT: placement.student,
        form_services.MENTOR: placement.mentor,
        form_services.IO: placement.instituutsopleider,
    }
    for form in placement.forms.select_related("response__version"):
        goal = steps.get(form.kind)
        if goal is None:
            continue
        text = TEXTS[FormKind(form.kind)]
        student = _as(context, people[form_services.STUDENT])
        mentor = _as(context, people[form_services.MENTOR])
        form_services.save_answers(student, form, _answers(form, ["student"], text))
        form_services.save_answers(mentor, form, _answers(form, ["mentor"], text))
        form = form_services.submit(mentor, form)
        for role in form.response.version.signers:
            if goal == role:
                break  # waiting for this one
            signer = _as(context, people[role])
            own = [q for q in form_services.editable_questions(form, [role]) if q.answered_by]
            if own:
                form_services.save_answers(signer, form, _answers(form, [role], text))
            form = form_services.sign(signer, form)
