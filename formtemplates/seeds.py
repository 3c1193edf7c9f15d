"""The forms of the gouden driehoek as an institute starts with them: a startgesprek, a
tussentijdse beoordeling and an eindbeoordeling, for a pabo and for a lerarenopleiding VO.

After seed 000 (Partnerschap SAMEN): in the startgesprek the aankomende leraar sets personal
learning goals against the bekwaamheidseisen of the phase (pedagogisch, vakinhoudelijk,
vakdidactisch bekwaam, and the professional attitude and development) and says what they need
in and from the school; the mentor bases the beoordelend advies on the institute's indicators
of the bekwaamheden and the personal goals; the instituutsopleider, as examiner, decides. In VO
the vakbegeleider stands in the mentor's place (the "mentor" role of the form).

The content is data (the tables below); `ensure_form_templates()` turns it into published
versions through the engine, once per institute. Institutes then change their own copies in
the editor (formtemplates.views): these tables are a starting point, not a standard.
"""

from django.db import transaction

from placements.models import FormKind
from questionnaires import services as engine
from questionnaires.models import Question, QuestionKind, Section

from .models import FormTemplate

SIGNERS = ["student", "mentor", "instituutsopleider"]
SCALE = ["Onvoldoende", "In ontwikkeling", "Voldoende", "Goed"]
DAYS = ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag"]

PEDAGOGISCH = "Pedagogisch bekwaam"
VAKINHOUDELIJK = "Vakinhoudelijk bekwaam"
VAKDIDACTISCH = "Vakdidactisch bekwaam"
PROFESSIONEEL = "Professionele houding en ontwikkeling"


def text(key, question, help_text="", *, required=False, by=(), max_length=3000):
    return {
        "key": key,
        "kind": QuestionKind.TEXT,
        "text": question,
        "help_text": help_text,
        "required": required,
        "answered_by": list(by),
        "max_length": max_length,
    }


def choice(key, question, options, help_text="", *, required=False, by=(), many=False):
    return {
        "key": key,
        "kind": QuestionKind.MULTIPLE if many else QuestionKind.SINGLE,
        "text": question,
        "help_text": help_text,
        "required": required,
        "options": list(options),
        "answered_by": list(by),
    }


def indicator(key, competence, question):
    """A competence indicator the mentor scores on the four-level scale."""
    return {
        "key": key,
        "kind": QuestionKind.COMPETENCE,
        "text": question,
        "competence": competence,
        "options": SCALE,
        "required": True,
        "answered_by": ["mentor"],
    }


def section(title, intro, *questions):
    return {"title": title, "intro": intro, "questions": list(questions)}


# --- The words that differ between a pabo and a lerarenopleiding VO ---------------------------

WORDS = {
    "": {
        "name": "pabo",
        "mentor": "mentor",
        "where": "In welke groep loop je stage, en wat weet je al van de kinderen en de school?",
        "vak_goal": "Mijn leerdoel voor de vakinhoud",
        "vak_help": "Welke leerstof van deze groep wil je beter beheersen? Bijvoorbeeld: "
        "aanvankelijk lezen, breuken, wereldoriëntatie.",
        "didactiek_goal": "Mijn leerdoel voor het lesgeven (vakdidactiek)",
        "didactiek_help": "Bijvoorbeeld: een heldere instructie geven, differentiëren in de "
        "verwerking, een les rond verhalen ontwerpen.",
        "pedagogisch_help": "Bijvoorbeeld: een veilig en ordelijk klimaat, contact met elk "
        "kind, omgaan met verschillen in de groep.",
        "indicators": [
            (
                "pedagogisch-klimaat",
                PEDAGOGISCH,
                "Zorgt voor een veilig, ordelijk en stimulerend klimaat in de groep",
            ),
            (
                "pedagogisch-verschillen",
                PEDAGOGISCH,
                "Heeft oog voor elk kind en gaat bewust om met verschillen",
            ),
            (
                "vakinhoud-beheersing",
                VAKINHOUDELIJK,
                "Beheerst de leerstof van de groep en kent de leerlijnen",
            ),
            ("vakinhoud-uitleg", VAKINHOUDELIJK, "Legt de leerstof helder en correct uit"),
            (
                "didactiek-ontwerp",
                VAKDIDACTISCH,
                "Ontwerpt lessen met een duidelijk doel en een heldere opbouw",
            ),
            (
                "didactiek-afstemming",
                VAKDIDACTISCH,
                "Stemt instructie en verwerking af op wat de kinderen nodig hebben",
            ),
            (
                "professioneel-reflectie",
                PROFESSIONEEL,
                "Reflecteert op het eigen handelen en vraagt om feedback",
            ),
            (
                "professioneel-team",
                PROFESSIONEEL,
                "Neemt regie over het eigen leren en werkt mee in het team en de leergroep",
            ),
        ],
    },
    "vo": {
        "name": "lerarenopleiding VO",
        "mentor": "vakbegeleider",
        "where": "In welk vak en welke klassen geef je les, en wat weet je al van de "
        "leerlingen en de school?",
        "vak_goal": "Mijn leerdoel voor mijn vak",
        "vak_help": "Welke onderdelen van je vak wil je beter beheersen of leren uitleggen op "
        "het niveau van deze klassen?",
        "didactiek_goal": "Mijn leerdoel voor de vakdidactiek",
        "didactiek_help": "Bijvoorbeeld: werkvormen die bij je vak passen, formatief "
        "toetsen, de vakinhoud verbinden met de leefwereld van leerlingen.",
        "pedagogisch_help": "Bijvoorbeeld: een goed werkklimaat, leerlingen aanspreken op "
        "gedrag, contact met de klas als mentor of coach.",
        "indicators": [
            (
                "pedagogisch-klimaat",
                PEDAGOGISCH,
                "Zorgt voor een veilig werkklimaat en spreekt leerlingen aan op hun gedrag",
            ),
            (
                "pedagogisch-verschillen",
                PEDAGOGISCH,
                "Heeft oog voor verschillen tussen leerlingen en houdt daar rekening mee",
            ),
            (
                "vakinhoud-beheersing",
                VAKINHOUDELIJK,
                "Beheerst de vakinhoud ruim boven het niveau van de klas",
            ),
            (
                "vakinhoud-uitleg",
                VAKINHOUDELIJK,
                "Verbindt de vakinhoud met de leefwereld van leerlingen en met andere vakken",
            ),
            (
                "didactiek-ontwerp",
                VAKDIDACTISCH,
                "Kiest werkvormen die passen bij het vak en het lesdoel",
            ),
            (
                "didactiek-afstemming",
                VAKDIDACTISCH,
                "Gaat na of leerlingen het lesdoel bereiken en stuurt bij",
            ),
            (
                "professioneel-reflectie",
                PROFESSIONEEL,
                "Reflecteert op het eigen handelen en vraagt om feedback",
            ),
            (
                "professioneel-team",
                PROFESSIONEEL,
                "Neemt regie over het eigen leren en werkt mee in de sectie en het team",
            ),
        ],
    },
}


def goal(key, competence, question, help_text, *, required=True):
    """A personal learning goal of the startgesprek, set against one bekwaamheidseis."""
    return {
        **text(key, question, help_text, required=required, max_length=1500),
        "competence": competence,
    }


def startgesprek(w):
    """The startgesprek: getting to know the placement, the personal learning goals, what the
    aankomende leraar needs from the school, and the agreements."""
    return [_kennismaking(w), _leerdoelen(w), _nodig_van_school(w), _afspraken(w)]


def _kennismaking(w):
    return section("Kennismaking", "", text("context", w["where"], max_length=1500))


def _leerdoelen(w):
    return section(
        "Persoonlijke leerdoelen",
        "Zet je leerdoelen af tegen de bekwaamheidseisen van deze fase en de speerpunten van "
        f"de opleiding. Schrijf ze zo op dat je {w['mentor']} kan zien wanneer je ze bereikt "
        "hebt.",
        goal(
            "leerdoel-pedagogisch",
            PEDAGOGISCH,
            "Mijn leerdoel voor het pedagogisch handelen",
            w["pedagogisch_help"],
        ),
        goal("leerdoel-vakinhoudelijk", VAKINHOUDELIJK, w["vak_goal"], w["vak_help"]),
        goal("leerdoel-vakdidactisch", VAKDIDACTISCH, w["didactiek_goal"], w["didactiek_help"]),
        goal(
            "leerdoel-professioneel",
            PROFESSIONEEL,
            "Mijn leerdoel voor mijn professionele ontwikkeling",
            "Bijvoorbeeld: regie nemen over je leerproces, samenwerken in het team, "
            "bijdragen aan de leergroep.",
            required=False,
        ),
    )


def _nodig_van_school(w):
    return section(
        "Wat je nodig hebt van de school",
        "Zodat de begeleiding en de leeromgeving passen bij wat jij wilt leren.",
        text(
            "nodig-van-school",
            "Wat heb je in en van de opleidingsschool nodig om aan je leerdoelen te werken?",
            "Denk aan een bepaalde groep of klas, de expertise van een teamlid, "
            "video-coaching, e-learning, teamactiviteiten waar je bij wilt zijn.",
            required=True,
            max_length=2000,
        ),
        text(
            "begeleiding",
            f"Hoe wil je door je {w['mentor']} begeleid worden?",
            "Bijvoorbeeld: lessen voor- en nabespreken, feedback op een vast moment, "
            "meekijken met video.",
            max_length=1500,
        ),
    )


def _afspraken(w):
    mentor = w["mentor"]
    return section(
        "Afspraken",
        "",
        choice("stagedagen", "Op welke dagen ben je op school?", DAYS, required=True, many=True),
        text(
            "contactmomenten",
            "Wanneer spreken jullie elkaar?",
            f"De vaste gesprekken met je {mentor}, het contact met de instituutsopleider "
            "halverwege en de data van de tussentijdse en de eindbeoordeling.",
            required=True,
            max_length=1500,
        ),
        text(
            "aanvulling-mentor",
            f"Aanvulling van de {mentor}",
            "Wat de school biedt en wat je van de aankomende leraar verwacht.",
            by=["mentor"],
            max_length=1500,
        ),
        text(
            "aanvulling-io",
            "Aanvulling van de instituutsopleider",
            "Passen de leerdoelen bij de fase en de opleiding?",
            by=["instituutsopleider"],
            max_length=1500,
        ),
    )


def _indicators(w):
    return section(
        "Bekwaamheden",
        f"De {w['mentor']} kiest per indicator het niveau dat past bij deze fase van de "
        "opleiding, na overleg met de aankomende leraar.",
        *(indicator(key, competence, q) for key, competence, q in w["indicators"]),
    )


def tussentijds(w):
    mentor = w["mentor"]
    return [
        section(
            "Reflectie",
            "",
            text(
                "voortgang-leerdoelen",
                "Hoe staat het met je leerdoelen uit het startgesprek?",
                "Noem per leerdoel een voorbeeld uit je lessen.",
                required=True,
                max_length=2500,
            ),
            text(
                "komende-periode",
                "Waar werk je de rest van de stage aan?",
                required=True,
                max_length=1500,
            ),
        ),
        _indicators(w),
        section(
            f"Beoordelend advies van de {mentor}",
            "",
            choice(
                "advies",
                "Beoordelend advies",
                [
                    "Op koers voor een voldoende",
                    "Op koers, met aandachtspunten",
                    "Nog niet op koers",
                ],
                required=True,
                by=["mentor"],
            ),
            text(
                "advies-toelichting",
                "Toelichting op het advies",
                "Wat gaat goed, en wat zijn de aandachtspunten voor de rest van de stage?",
                required=True,
                by=["mentor"],
                max_length=2000,
            ),
        ),
        section(
            "Oordeel van de instituutsopleider",
            "",
            choice(
                "oordeel",
                "Tussentijds oordeel",
                ["Voldoende voortgang", "Onvoldoende voortgang"],
                required=True,
                by=["instituutsopleider"],
            ),
            text(
                "afspraken",
                "Afspraken voor de rest van de stage",
                by=["instituutsopleider"],
                max_length=1500,
            ),
        ),
    ]


def eind(w):
    mentor = w["mentor"]
    return [
        section(
            "Reflectie",
            "",
            text(
                "terugblik-leerdoelen",
                "Terugblik op je leerdoelen",
                "Wat heb je bereikt, en waaraan is dat te zien?",
                required=True,
                max_length=3000,
            ),
            text(
                "meenemen",
                "Wat neem je mee naar je volgende stage of je eerste baan?",
                required=True,
                max_length=1500,
            ),
        ),
        _indicators(w),
        section(
            f"Beoordelend advies van de {mentor}",
            "Gebaseerd op de indicatoren van de opleiding en de persoonlijke leerdoelen, "
            "afgestemd met de schoolopleider en de instituutsopleider.",
            choice(
                "advies",
                "Beoordelend advies",
                ["Voldoende", "Onvoldoende"],
                required=True,
                by=["mentor"],
            ),
            text(
                "advies-toelichting",
                "Toelichting op het advies",
                required=True,
                by=["mentor"],
                max_length=2000,
            ),
        ),
        section(
            "Eindoordeel van de instituutsopleider",
            "De instituutsopleider beslist als examinator, na overleg met de "
            f"{mentor} en de schoolopleider.",
            choice(
                "eindoordeel",
                "Eindoordeel",
                ["Behaald", "Niet behaald"],
                required=True,
                by=["instituutsopleider"],
            ),
            text(
                "eindoordeel-toelichting",
                "Toelichting op het eindoordeel",
                required=True,
                by=["instituutsopleider"],
                max_length=2000,
            ),
        ),
    ]


#: (programme, kind) → (name, sections). Programme "" is any pabo variant; "vo" is VO.
FORMS = {
    (programme, kind): build
    for programme in WORDS
    for kind, build in (
        (FormKind.START, startgesprek),
        (FormKind.TUSSENTIJDS, tussentijds),
        (FormKind.EIND, eind),
    )
}


def form_name(institute, programme, kind):
    org = institute.organisation
    return f"{FormKind(kind).label} {WORDS[programme]['name']} · {org.short_name or org.name}"


def fill(version, sections):
    """Writes `sections` (the tables' shape) into the empty draft `version`."""
    for position, spec in enumerate(sections):
        section_row = Section.objects.create(
            partnership_id=version.partnership_id,
            version=version,
            position=position,
            title=spec["title"],
            intro=spec["intro"],
        )
        Question.objects.bulk_create(
            Question(
                partnership_id=version.partnership_id,
                version=version,
                section=section_row,
                position=n,
                **q,
            )
            for n, q in enumerate(spec["questions"])
        )


@transaction.atomic
def ensure_form_templates(institute):
    """The institute's six starting templates, created and published the first time; a template
    that exists already (perhaps edited since) is left as it is."""
    templates = []
    for (programme, kind), build in FORMS.items():
        template = FormTemplate.objects.filter(
            institute=institute, kind=kind, programme=programme, phase=""
        ).first()
        if template is None:
            questionnaire = engine.create_questionnaire(
                institute.partnership, form_name(institute, programme, kind), signers=SIGNERS
            )
            version = questionnaire.versions.get()
            fill(version, build(WORDS[programme]))
            engine.publish(version)
            template = FormTemplate.objects.create(
                partnership_id=institute.partnership_id,
                institute=institute,
                kind=kind,
                programme=programme,
                questionnaire=questionnaire,
            )
        templates.append(template)
    return templates
