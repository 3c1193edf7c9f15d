"""Demo rows of the organisation (training-school paths, profiles, groupings), called by
demo.data for each demo partnership.

SAMEN (seed 000): every opleidingsschool walked the path verkennend gesprek → go van het
bestuur → nulmeting → actief, with the deciders of the kwaliteitscyclus table; one school is
still in its verkennend gesprek; cohorts 1–4 for the internal peer reviews; public profiles
("breng de expertise in beeld", seed 004); clusters Flevoland and Veluwe. VO Groningen
(seed 003): two opleidingsnetwerken, each a hub with its partnerscholen and opleidingsteam.
Addresses and numbers are invented.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from partnerships import services
from partnerships.models import Grouping, SchoolProfile, TrainingStatus
from samen.schooljaar import Schooljaar

D = dt.date

# Organisation key -> (sector, region). Institutes train for more than one sector: no sector.
ORGANISATIONS = {
    "samen": {
        "sko": ("po", "Flevoland en Veluwe"),
        "schOOL": ("po", "Flevoland"),
        "scpo": ("po", "Veluwe"),
        "ante": ("po", "Veluwe"),
        "kpz": ("po", "Overijssel"),
        "windesheim": ("", "Overijssel en Flevoland"),
    },
    "vo-groningen": {
        "vo_stad": ("vo", "Groningen"),
        "vo_oost": ("vo", "Oost-Groningen"),
        "eemsdelta": ("vo", "Eemsdelta"),
        "hanze": ("", "Noord-Nederland"),
        "rug": ("", "Noord-Nederland"),
    },
}

# School key -> (address, postcode, pupils, cohort, academisch)
SCHOOL_FACTS = {
    "zevensprong": ("Zuiderzeewijk 12", "8224 AB", 412, 1, True),
    "lichtboei": ("De Boei 4", "8251 KL", 238, 2, False),
    "meander": ("Meanderweg 31", "1335 RT", 506, 3, False),
    "waterlelie": ("Vijverlaan 7", "3844 DE", 189, None, False),
    "windroos": ("Kompasstraat 2", "8232 GH", 301, 1, False),
    "polderpalet": ("Palet 15", "3893 CC", 264, 2, True),
    "kameleon": ("Kleurrijk 9", "8243 NN", 177, 4, False),
    "schatkaart": ("Kaartweg 3", "3881 XP", 342, 3, False),
    "kompas": ("Noorderhout 21", "8071 JM", 225, 4, False),
    "akkerland": ("Akkerweg 5", "8081 PL", 143, None, False),
    "heidepoort": ("Heidepoort 1", "8084 AA", 198, 2, False),
    "vesting": ("Vestingwal 8", "8081 BW", 256, 1, False),
    "hunze": ("Hunzeweg 40", "9721 AB", 1430, 1, True),
    "duurswold": ("Duurswoldlaan 2", "9601 KA", 880, 2, False),
    "eemsmond": ("Havenweg 11", "9934 CE", 760, 3, False),
    "veenkoloniaal": ("Kanaalweg 18", "9641 GG", 1120, 2, False),
    "oldambt": ("Stadspark 5", "9671 BB", 940, 4, False),
    "kanaalstreek": ("Noorderdiep 60", "9501 NM", 690, None, False),
}

# The path of an opleidingsschool: (status, date, decided by, note), oldest first.
PATH_SAMEN = [
    (
        TrainingStatus.VERKENNEND,
        D(2019, 9, 16),
        "Schoolleider, schoolopleider en instituutsopleider",
        "Kansrijkheid en ambitie besproken aan de hand van Perspectief SAMEN.",
    ),
    (
        TrainingStatus.GO,
        D(2019, 11, 4),
        "Bestuurder en CoOP'er",
        "Afstemmingsgesprek: go van het bestuur.",
    ),
    (
        TrainingStatus.NULMETING,
        D(2020, 2, 10),
        "Team, CoOP'er en instituutsopleider",
        "Scan Opleiden in de School afgenomen; het ontwikkelplan volgt uit de uitkomsten.",
    ),
    (TrainingStatus.ACTIEF, D(2020, 8, 1), "Stuurgroep SAMEN", ""),
]
PATH_VO = [
    (TrainingStatus.VERKENNEND, D(2023, 10, 2), "Schoolleider en coördinerend schoolopleider", ""),
    (TrainingStatus.GO, D(2023, 12, 11), "College van bestuur", ""),
    (TrainingStatus.NULMETING, D(2024, 3, 4), "Opleidingsteam", "Nulmeting met de scan."),
    (TrainingStatus.ACTIEF, D(2024, 8, 1), "Stuurgroep onderwijsregio", ""),
]

PROFILES = {
    "zevensprong": dict(
        onderwijsconcept="Daltononderwijs",
        proud_of=(
            "Als je na schooltijd door de school loopt, kom je overal groepjes tegen die "
            "samen werken aan een opdracht. Onze schoolopleider heeft in twee jaar een lerende "
            "cultuur neergezet, samen met de mentoren. Aankomende leraren horen er vanaf dag "
            "één bij."
        ),
        speerpunten=(
            "Eigenaarschap van leerlingen (Dalton: vrijheid in gebondenheid, samenwerken, "
            "reflectie).\nBegrijpend lezen in alle groepen.\nDe leergroep van aankomende "
            "leraren als vaste plek om samen te leren."
        ),
        expertise=(
            "Video-coaching van aankomende leraren en collega's.\nTaakbrieven en uitgestelde "
            "aandacht in een Daltonklas.\nOuderbetrokkenheid in een grootstedelijke wijk."
        ),
        research="Praktijkonderzoek 2024-2025: wat doet de dagtaak met de zelfstandigheid van "
        "leerlingen in groep 4?",
        contact_name="Ingrid Smit (schoolopleider)",
        contact_email="opleiden@zevensprong.example",
        website="https://zevensprong.example",
    ),
    "lichtboei": dict(
        onderwijsconcept="Jenaplan",
        proud_of="Onze stamgroepen en de weekopening waarin de hele school samenkomt.",
        speerpunten="Wereldoriëntatie als hart van het onderwijs.\nGesprekskringen.",
        expertise="Stamgroepwerk in combinatiegroepen; wereldoriënterend onderwijs.",
        contact_name="Teamleider onderbouw",
        contact_email="info@lichtboei.example",
    ),
    "meander": dict(
        onderwijsconcept="IPC (International Primary Curriculum)",
        proud_of="Een kindcentrum van 0 tot 13 jaar waar opvang en onderwijs één team vormen.",
        speerpunten=(
            "Thematisch werken met IPC.\nDoorgaande lijn kinderopvang – groep 1-2.\n"
            "Meertaligheid in de klas."
        ),
        expertise="NT2 en meertaligheid; het jonge kind; IKC-samenwerking.",
        research="Hoe zetten we de thuistaal in bij woordenschatonderwijs?",
        contact_name="Fatima el Amrani",
        contact_email="stage@meander.example",
    ),
    "windroos": dict(
        onderwijsconcept="Traditioneel klassikaal met coöperatief leren",
        proud_of="Coöperatieve werkvormen in elke groep en een sterke rekenaanpak.",
        speerpunten="Rekenen: automatiseren en modellen.\nPositief gedrag (PBS).",
        expertise="Coöperatief leren; PBS (Positive Behavior Support).",
        contact_name="Jeroen Brouwer",
        contact_email="stage@windroos.example",
    ),
    "polderpalet": dict(
        onderwijsconcept="Daltononderwijs",
        proud_of="Academische opleidingsschool: leraren doen samen met de hogeschool "
        "praktijkonderzoek.",
        speerpunten="Onderzoekende houding van leraren en leerlingen.\nTalentontwikkeling.",
        expertise="Praktijkonderzoek begeleiden; onderzoekend en ontwerpend leren.",
        research="Effect van feedbackgesprekken op de motivatie van leerlingen in groep 7-8.",
        contact_email="info@polderpalet.example",
    ),
    "kameleon": dict(
        onderwijsconcept="Kanjertraining en coöperatief leren",
        proud_of="Een veilige school in een wijk met veel verschillende culturen.",
        speerpunten="Sociaal-emotionele ontwikkeling.\nTaal in alle vakken.",
        expertise="Klassenmanagement; omgaan met verschillen.",
        contact_email="info@kameleon.example",
    ),
    "schatkaart": dict(
        onderwijsconcept="Christelijk, met Snappet en adaptief onderwijs",
        proud_of="Onze mentoren hebben allemaal de mentorentraining gevolgd.",
        speerpunten="Adaptief rekenen.\nBurgerschap.",
        expertise="Digitale leermiddelen; ICT-geletterdheid.",
        contact_email="info@schatkaart.example",
    ),
    "kompas": dict(
        onderwijsconcept="Jenaplan",
        proud_of="Een kleine school waar aankomende leraren in alle groepen meedraaien.",
        speerpunten="Combinatiegroepen.\nCultuureducatie.",
        expertise="Lesgeven in combinatiegroepen; muziekonderwijs.",
        contact_email="info@kompas.example",
    ),
    "heidepoort": dict(
        onderwijsconcept="Natuurlijk leren",
        proud_of="Buitenlessen op de Veluwe, elke week.",
        speerpunten="Buitenonderwijs.\nWetenschap en techniek.",
        expertise="Buitenonderwijs; wetenschap en techniek.",
        contact_email="info@heidepoort.example",
    ),
    # De Vestingschool: profile still being written, not published yet.
    "vesting": dict(
        onderwijsconcept="Daltononderwijs",
        speerpunten="(in voorbereiding)",
        is_published=False,
    ),
    "hunze": dict(
        onderwijsconcept="Opleidingshub: taalgerichte vakdidactiek",
        proud_of="De hub van Opleidingsnetwerk Stad: intervisie voor alle studenten van het "
        "netwerk, ook van de partnerscholen.",
        speerpunten="Taalgericht vakonderwijs.\nDidactisch coachen.",
        expertise="Intervisie voor studenten; taalgerichte vakdidactiek; tekortvakken.",
        contact_name="Mirjam Dijkstra (coördinerend schoolopleider)",
        contact_email="opleiden@hunzecollege.example",
    ),
    "duurswold": dict(
        onderwijsconcept="Tweetalig onderwijs (tto)",
        proud_of="Een partnerschool met tto-stroom.",
        speerpunten="Tweetalig onderwijs.\nBurgerschap.",
        expertise="Tto; internationalisering.",
        contact_email="info@duurswold.example",
    ),
    "eemsmond": dict(
        onderwijsconcept="Technasium",
        speerpunten="Onderzoekend en ontwerpend leren (O&O).",
        expertise="Technasium; samenwerking met bedrijven in de Eemshaven.",
        contact_email="info@eemsmond.example",
    ),
    "veenkoloniaal": dict(
        onderwijsconcept="Opleidingshub: klassenmanagement",
        proud_of="De hub van Opleidingsnetwerk Oost.",
        speerpunten="Klassenmanagement.\nInclusief onderwijs.",
        expertise="Klassenmanagement; differentiëren in de les.",
        contact_email="opleiden@veenkoloniaal.example",
    ),
    "oldambt": dict(
        onderwijsconcept="Cultuurprofielschool",
        speerpunten="Cultuureducatie.",
        expertise="Kunstvakken; cultuurprofiel.",
        contact_email="info@oldambt.example",
    ),
}

GROUPINGS = {
    "samen": [
        (
            Grouping.Kind.CLUSTER,
            "Cluster Flevoland",
            "zevensprong",
            ["lichtboei", "meander", "windroos", "polderpalet", "kameleon"],
            ["schoolopleider", "io", "cooper_school"],
        ),
        (
            Grouping.Kind.CLUSTER,
            "Cluster Veluwe",
            "schatkaart",
            ["kompas", "akkerland", "heidepoort", "vesting", "waterlelie"],
            ["multi"],
        ),
    ],
    "vo-groningen": [
        (
            Grouping.Kind.NETWERK,
            "Opleidingsnetwerk Stad",
            "hunze",
            ["duurswold", "eemsmond"],
            ["schoolopleider", "io", "mentor"],
        ),
        (
            Grouping.Kind.NETWERK,
            "Opleidingsnetwerk Oost",
            "veenkoloniaal",
            ["oldambt", "kanaalstreek"],
            ["mentor2", "multi"],
        ),
    ],
}


def extend(context):
    """`context` is a demo.data.DemoContext (partnership, slug, schools, persons, partners)."""
    for key, (sector, region) in ORGANISATIONS.get(context.slug, {}).items():
        partner = context.partners.get(key)
        if partner is not None:
            organisation = partner.organisation
            organisation.sector, organisation.region = sector, region
            organisation.save()

    for key, school in context.schools.items():
        address, postcode, size, cohort, academisch = SCHOOL_FACTS.get(
            key, ("", "", None, None, False)
        )
        school.address, school.postcode, school.size = address, postcode, size
        school.cohort, school.is_academisch = cohort, academisch
        school.save()

    path = PATH_SAMEN if context.slug == "samen" else PATH_VO
    coordinator = context.persons.get("coordinator")
    actor = context.actor
    if coordinator is not None:
        actor = dataclasses.replace(actor, user=coordinator.user)  # recorded as theirs
    for index, school in enumerate(context.schools.values()):
        if school.training_status == TrainingStatus.ACTIEF:
            _walk(actor, school, path, shift=index * 9)
    # One school of SAMEN is just starting: its verkennend gesprek was this autumn (6 October
    # of this schooljaar, or yesterday before that), the board's go/no-go still to come.
    if "waterlelie" in context.schools:
        today = timezone.localdate()
        services.record_training_step(
            actor,
            context.schools["waterlelie"],
            TrainingStatus.VERKENNEND,
            min(D(Schooljaar.of(today).start_year, 10, 6), today - dt.timedelta(days=1)),
            "Schoolleider, schoolopleider en instituutsopleider",
            "Eerste gesprek over de ambitie om opleidingsschool te worden.",
        )

    for key, fields in PROFILES.items():
        school = context.schools.get(key)
        if school is None:
            continue
        fields = {"is_published": True, **fields}
        SchoolProfile.objects.create(partnership=context.partnership, school=school, **fields)

    for kind, name, hub, members, team in GROUPINGS.get(context.slug, []):
        grouping = Grouping(partnership=context.partnership, kind=kind, name=name)
        grouping.hub = context.schools[hub]
        services.save_grouping(
            context.actor,
            grouping,
            schools=[context.schools[k] for k in members],
            team=[context.persons[k] for k in team if k in context.persons],
        )


def _walk(actor, school, path, shift):
    """Records the path that brought an active opleidingsschool where it is."""
    school.training_status = TrainingStatus.NONE
    school.save(update_fields=["training_status"])
    for status, on, decided_by, note in path:
        services.record_training_step(
            actor, school, status, on + dt.timedelta(days=shift), decided_by, note
        )
    school.refresh_from_db()
