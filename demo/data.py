"""Demo data: two partnerships with people, placements, a kritische reflectie and reminders.

`load_demo(password)` builds everything in one transaction; `reset_demo()` removes it again.
Both are used by `manage.py load_demo`. The data is written as module-level tables so that it
reads like a description of the demo; the functions below only turn the tables into rows.

Partnership SAMEN follows seed 000 (its boards, hogescholen, regions and the text of its
kritische reflectie); VO Groningen follows seed 003 (hubs with partnerscholen). All people,
school names and BRIN codes are invented, and every e-mail address is on an `.example` domain.
"""

import dataclasses
import datetime as dt
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from guardian.shortcuts import assign_perm

from cycle import services as cycle_services
from formtemplates.models import FormTemplate
from matching.models import PlacementRequest
from partnerships.models import Organisation, Partner, Partnership, School, Sector, TrainingStatus
from pdca.models import Waarborg
from placements import services as placement_services
from placements.models import Leergroep, Placement, PlacementPeriod, PlacementStatus
from quality import services as quality_services
from quality.models import Dossier, ReflectieSection
from questionnaires.models import Answer, Questionnaire, Response
from roles.models import Person, Role, RoleAssignment, User
from samen.permissions import Access
from samen.schooljaar import Schooljaar
from samen.schoolvakanties import Regio
from samen.tenancy import in_partnership

from . import cycle as cycle_rows
from . import forms as form_rows
from . import lifecycle as lifecycle_rows
from . import matching as matching_rows
from . import network as network_rows
from . import organisation as organisation_rows
from . import pdca as pdca_rows
from . import people as people_rows
from . import reminders as reminder_rows

DEFAULT_PASSWORD = "samen-demo-2026"
PLATFORM_ADMIN_EMAIL = "beheer@samen.example"

BOARD = Organisation.Kind.BOARD
INSTITUTE = Organisation.Kind.INSTITUTE

#: The scope of a role assignment: the whole partnership, a partner (board or institute) or a
#: school, named by the keys used in the tables below.
WIDE = None


def partner(key):
    return ("partner", key)


def school(key):
    return ("school", key)


class Org(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    place: str
    joined_on: dt.date
    is_penvoerder: bool = False


class SchoolSpec(NamedTuple):
    key: str
    board: str  # Org.key
    name: str
    place: str
    brin: str
    is_opleidingsschool: bool = True


class PersonSpec(NamedTuple):
    key: str
    name: tuple  # (first name, infix, last name)
    email: str
    has_account: bool
    roles: tuple  # ((Role, scope), ...)


class PlacementSpec(NamedTuple):
    student: str  # PersonSpec.key
    mentor: str
    instituutsopleider: str
    school: str  # SchoolSpec.key
    group: str
    period: str  # "sem1" (September–January) or "sem2" (February–June)
    status: str
    coach: str | None = None  # VO: the coach beside the vakbegeleider (in the mentor field)


# --- Partnerschap SAMEN (primair onderwijs, Flevoland en Veluwe) -----------------------

SAMEN = {
    "name": "Partnerschap SAMEN",
    "slug": "samen",
    "sector": Sector.PO,
    "region": "Flevoland en Veluwe",
}

# The seed does not say which partner is penvoerder. We make SKO the penvoerder: its CoOP'er
# is then the projectcoördinator (seed 000: "de projectcoördinator van Samen is de CoOP'er
# van de penvoerder"), which is exactly the role coordinator@samen.example holds.
# fmt: off
SAMEN_ORGS = [
    Org("sko", "Stichting Katholiek Onderwijs Flevoland en Veluwe", "SKO", BOARD, "Lelystad",
        dt.date(2019, 8, 1), is_penvoerder=True),
    Org("schOOL", "Stichting SchOOL", "SchOOL", BOARD, "Lelystad", dt.date(2019, 8, 1)),
    Org("scpo", "Stichting Christelijk Primair Onderwijs", "SCPO", BOARD, "Putten",
        dt.date(2019, 8, 1)),
    Org("ante", "Stichting Ante", "Ante", BOARD, "Harderwijk", dt.date(2019, 8, 1)),
    Org("kpz", "Hogeschool KPZ", "KPZ", INSTITUTE, "Zwolle", dt.date(2019, 8, 1)),
    # Seed 000: "per januari 2022 ook Hogeschool Windesheim".
    Org("windesheim", "Hogeschool Windesheim", "Windesheim", INSTITUTE, "Zwolle",
        dt.date(2022, 1, 1)),
]

SAMEN_SCHOOLS = [
    #          key            board     name                          place         BRIN
    SchoolSpec("zevensprong", "sko",    "Kindcentrum De Zevensprong", "Lelystad",   "14KZ"),
    SchoolSpec("lichtboei",   "sko",    "Basisschool De Lichtboei",   "Dronten",    "16LB"),
    SchoolSpec("meander",     "sko",    "Kindcentrum De Meander",     "Almere",     "21MD"),
    SchoolSpec("waterlelie",  "sko",    "Basisschool De Waterlelie",  "Harderwijk", "08WL",
               is_opleidingsschool=False),
    SchoolSpec("windroos",    "schOOL", "OBS De Windroos",            "Lelystad",   "14WR"),
    SchoolSpec("polderpalet", "schOOL", "OBS Het Polderpalet",        "Zeewolde",   "19PP"),
    SchoolSpec("kameleon",    "schOOL", "OBS De Kameleon",            "Lelystad",   "14KM"),
    SchoolSpec("schatkaart",  "scpo",   "CBS De Schatkaart",          "Putten",     "05SK"),
    SchoolSpec("kompas",      "scpo",   "CBS Het Kompas",             "Nunspeet",   "07KP"),
    SchoolSpec("akkerland",   "scpo",   "CBS Het Akkerland",          "Elburg",     "06AL",
               is_opleidingsschool=False),
    SchoolSpec("heidepoort",  "ante",   "OBS De Heidepoort",          "'t Harde",   "09HP"),
    SchoolSpec("vesting",     "ante",   "OBS De Vestingschool",       "Elburg",     "06VS"),
]

SAMEN_PEOPLE = [
    # Demo logins (listed in the README).
    PersonSpec("coordinator", ("Marieke", "", "Hoekstra"), "coordinator@samen.example", True,
               ((Role.PROJECTCOORDINATOR, WIDE), (Role.COOPER, partner("sko")))),
    PersonSpec("mentor", ("Sanne", "van", "Dijk"), "mentor@samen.example", True,
               ((Role.MENTOR, school("zevensprong")),)),
    PersonSpec("student", ("Lotte", "de", "Boer"), "student@samen.example", True,
               ((Role.STUDENT, partner("kpz")),)),
    PersonSpec("io", ("Erik", "", "Mulder"), "io@samen.example", True,
               ((Role.INSTITUUTSOPLEIDER, partner("kpz")),)),
    PersonSpec("stuurgroep", ("Harm", "", "Kuipers"), "stuurgroep@samen.example", True,
               ((Role.STUURGROEP, WIDE), (Role.BESTUURDER, partner("sko")))),
    PersonSpec("schoolopleider", ("Ingrid", "", "Smit"), "schoolopleider@samen.example", True,
               ((Role.SCHOOLOPLEIDER, school("zevensprong")),)),
    PersonSpec("mentor2", ("Jeroen", "", "Brouwer"), "mentor2@samen.example", True,
               ((Role.MENTOR, school("windroos")),)),
    # One account, a Person in both partnerships: shows the partnership picker.
    PersonSpec("multi", ("Petra", "", "Veenstra"), "multi@samen.example", True,
               ((Role.INSTITUUTSOPLEIDER, partner("windesheim")),)),
    # People the partnership knows without an account (they still receive reminders).
    PersonSpec("schoolleider", ("Wim", "", "Dekker"), "w.dekker@samen.example", False,
               ((Role.SCHOOLLEIDER, school("zevensprong")),)),
    PersonSpec("mentor3", ("Fatima", "el", "Amrani"), "f.elamrani@samen.example", False,
               ((Role.MENTOR, school("meander")),)),
    PersonSpec("student2", ("Daan", "", "Visser"), "d.visser@samen.example", False,
               ((Role.STUDENT, partner("kpz")),)),
    PersonSpec("student3", ("Noor", "", "Jansen"), "n.jansen@samen.example", False,
               ((Role.STUDENT, partner("windesheim")),)),
    PersonSpec("student4", ("Thijs", "van der", "Meer"), "t.vandermeer@samen.example", False,
               ((Role.STUDENT, partner("windesheim")),)),
    # A CoOP'er for one board only: reaches that board's schools, people and placements.
    PersonSpec("cooper_school", ("Anouk", "", "Bos"), "cooper@samen.example", True,
               ((Role.COOPER, partner("schOOL")),)),
    PersonSpec("ic_kpz", ("Gerard", "", "Timmer"), "g.timmer@samen.example", False,
               ((Role.INSTITUUTSCOORDINATOR, partner("kpz")),)),
    # Moved from De Meander to De Zevensprong this autumn (demo/lifecycle.py: the overstap).
    PersonSpec("student5", ("Emma", "", "Koster"), "e.koster@samen.example", False,
               ((Role.STUDENT, partner("kpz")),)),
]

SAMEN_PLACEMENTS = [
    #             student     mentor     IO       school         group        period
    # Lotte de Boer: her forms stay empty for whoever tries the demo.
    PlacementSpec("student",  "mentor",  "io",    "zevensprong", "groep 5/6", "sem1",
                  PlacementStatus.LOPEND),
    # Daan Visser: startgesprek signed, tussentijdse beoordeling waiting (demo/forms.py).
    PlacementSpec("student2", "mentor2", "io",    "windroos",    "groep 3/4", "sem1",
                  PlacementStatus.LOPEND),
    PlacementSpec("student3", "mentor3", "multi", "meander",     "groep 7/8", "sem2",
                  PlacementStatus.BEVESTIGD),
    PlacementSpec("student4", "mentor2", "multi", "windroos",    "groep 1/2", "sem2",
                  PlacementStatus.VOORGESTELD),
    # Moves to De Zevensprong after five weeks (demo/lifecycle.py).
    PlacementSpec("student5", "mentor3", "io",    "meander",     "groep 6",   "sem1",
                  PlacementStatus.LOPEND),
    PlacementSpec("student2", "mentor3", "io",    "meander",     "groep 4",   "sem2",
                  PlacementStatus.CONCEPT),
    # Last schooljaar: still readable by the mentor and IO who held their roles then.
    PlacementSpec("student2", "mentor",  "io",    "zevensprong", "groep 3",   "prev2",
                  PlacementStatus.AFGEROND),
]
# fmt: on

SAMEN_REVIEW_SCHOOL = "zevensprong"

SAMEN_DOSSIER = {
    "title": "Kritische reflectie beoordelende peer review",
    "foreword": """\
Partnerschap SAMEN (Succesvol, Ambitieus, Maatwerk, Educatief, Nieuwsgierig) bestaat uit vier \
schoolbesturen: SKO, Stichting SchOOL, SCPO en Ante, en twee hogescholen: Hogeschool KPZ en per \
januari 2022 ook Hogeschool Windesheim. De scholen van de vier besturen zijn verdeeld over de \
regio's Flevoland (Lelystad, Dronten, Zeewolde, Almere) en de Veluwe (Harderwijk, Putten, \
Nunspeet, 't Harde, Elburg).

Het partnerschap stelt zich ten doel om aankomende leraren op te leiden tot krachtige \
professionals met een sterke professionele identiteit. We willen de grenzen van de \
verantwoordelijkheid van het gezamenlijk opleiden tussen besturen en hogescholen doorbreken.

We gaan met vertrouwen het proces van de beoordelende peer review in, omdat we de afgelopen \
jaren met energie hebben gewerkt aan de invulling van de vier waarborgen uit het Kwaliteitskader \
Samen Opleiden & Inductie (2021), vertaald naar het 'Perspectief SAMEN'. We presenteren met \
trots deze kritische reflectie, als resultaat van de intensieve samenwerking tussen alle \
partners op alle niveaus.""",
    "sections": {
        Waarborg.LERENDE_LERAAR: (
            """\
Het beroepsbeeld en de visie op leren zijn tot stand gekomen in samenwerking met verschillende \
actoren binnen partnerschap SAMEN, van mentoren en instituutsopleiders tot schoolopleiders en \
bestuurders. We werken toe naar een (aankomende) leraar die niet alleen startbekwaam is, maar \
ook is voorbereid op de specifieke context waarin de scholen van SAMEN hun onderwijs vormgeven.

Jij bent als leraar trots op je beroep. Je helpt je leerlingen hun talenten te ontwikkelen en \
samen te leven met anderen. Je bent je bewust van de verschillen tussen leerlingen en van de \
uitdagende context waarin zij opgroeien. Je draagt bij aan de verbinding tussen school, ouders \
en de leefwereld van de leerling, hebt een onderzoekende houding en werkt voortdurend aan je \
professionele identiteit, in een interprofessionele leeromgeving waarin je je een leven lang \
ontwikkelt.

Bij het leren en opleiden gaan we uit van een sociaal-constructivistisch concept: de lerende \
verwerft en construeert actief kennis, verleent daar zelf betekenis aan en deelt die met \
anderen (collectief leren). Het leren start vanuit de urgentie in de leeromgeving en het \
eigenaarschap van de lerende. Collectief leren is nadrukkelijk aanwezig in de opleiding \
(tutoraat, groepsopdrachten) en in de praktijk (leergroepen).

Een voorbeeld is het startgesprek van de stage, waarin de aankomende leraar samen met de mentor \
en/of instituutsopleider of schoolopleider bespreekt wat de persoonlijke leerdoelen zijn, \
afgezet tegen de bekwaamheidseisen van die periode. Daarbij wordt besproken wat hij nodig heeft \
in en van de opleidingsschool: een bepaalde stagegroep, de expertise van een teamlid, \
video-coaching of teamactiviteiten waarvoor hij wordt uitgenodigd.

De schoolopleider is wegvoorbereider en zorgt dat het hele team onderdeel is van de \
leeromgeving. In contact met de CoOP'er kan hij ook een aanvullende leercontext buiten de eigen \
school aanbieden, bijvoorbeeld meelopen op een andere school of een kindcentrum.

'Ik herken mij in de opleidingsschool waar ik stage loop. Ik word gezien in een vertrouwde \
veilige setting. De collega's vinden het heel normaal dat ik onderdeel van het team ben.' \
(aankomende leraar in de eindfase van de opleiding)""",
            """\
Wij zijn trots op het gezamenlijk ontwerpen van het beroepsbeeld en de visie op leren en \
opleiden door twee hogescholen en vier besturen. Wij zijn het eerste partnerschap primair \
onderwijs waarin twee hogescholen aan elkaar verbonden zijn. De visie is de grondlegger voor de \
verdere uitwerking van het werkplekcurriculum en de professionalisering; de mentorentraining is \
al doorontwikkeld met gezamenlijke inhouden.

Het is gebleken dat er blijvend aandacht nodig is om visie en beroepsbeeld 'levend te houden'. \
Door snelle personele veranderingen en de waan van de tijd (werkdruk, uitval door ziekte) is het \
van belang alle actoren actief betrokken te houden. CoOP'ers en instituutscoördinatoren nemen \
visie en beroepsbeeld daarom mee naar overlegtafels en netwerkbijeenkomsten.""",
        ),
        Waarborg.LEEROMGEVING: (
            """\
Voor de aankomende leraar vormen opleidingsscholen en opleidingsinstituten een krachtige, \
betekenisvolle en uitdagende leeromgeving, met variatie in leercontexten, begeleidingswijzen en \
middelen, en met wisselwerking tussen theorie en praktijk. In het Connect-model is uitgewerkt \
welke personen, middelen, voorzieningen en strategieën het leren stimuleren en ondersteunen.

Voor ons is krachtig: coöperatief, interactief, interprofessioneel, doelgericht, onderzoekend \
en innovatief. Betekenisvol: het creëert urgentie, eigenaarschap, contextueel leren en \
intrinsieke motivatie. Uitdagend: horizonverbredend, verdiepend en creatief, en het stimuleert \
zelfsturing en autonomie.

Een van de beroepstaken is 'De kracht van verhalen'. Aankomende leraren onderzoeken hoe er in de \
stageklas met verhalen wordt gewerkt, gaan in gesprek met de leerlingen, de mentor en andere \
collega's (bijvoorbeeld de taalcoördinator) en ontwerpen in samenspraak met de mentor \
activiteiten die passen bij de context. Vakdocenten, mentoren en schoolopleiders hebben deze \
beroepstaak samen ontwikkeld.

Iedere opleidingsschool heeft mentoren, een daartoe opgeleide schoolopleider, een \
instituutsopleider en een schoolleider die zorgt voor draagvlak. De leeromgeving wordt passend \
gemaakt voor de opleidingsfase, of de aankomende leraar wordt gematcht aan de meest passende \
groep: bijvoorbeeld een stage in groep 3-4 voor de aanvankelijke leerprocessen, met een aantal \
dagen in groep 1-2 voor zicht op de doorgaande lijn. De instituutsopleider is als examinator \
eindverantwoordelijk voor de summatieve beoordeling.

De leergroep bevordert het interprofessionele en collectieve leren; de schoolopleider begeleidt \
het groepsproces. In de curriculum-ontwikkelgroepen werken collega's van de opleidingsinstituten \
en van de besturen samen aan het nieuwe curriculum.""",
            """\
Wij zijn trots op de curriculum-ontwikkelgroepen, waarin collega's van de opleidingsinstituten \
en vanuit de besturen samen bouwen aan een curriculum dat aankomende leraren voorbereidt op het \
onderwijs van vandaag en morgen. Beide hogescholen vernieuwen hun curriculum, waarbij de visie \
op het beroep, leren en opleiden nu al de verbindende factor is.

Het vraagt tijd om de curricula verder af te stemmen. De ambitie dat studenten een aantal \
praktijkgerelateerde modules vrij kunnen kiezen bij elk van de opleidingsinstituten is onderwerp \
van gesprek op alle drie niveaus. Ook de wens om delen van het curriculum in en door de praktijk \
vorm te geven, met een programma van een expert op verschillende praktijklocaties, is nu nog \
ambitie en geen werkelijkheid.""",
        ),
        Waarborg.ORGANISATIE: (
            """\
Binnen partnerschap SAMEN zijn alle rollen die betrokken zijn bij het opleiden, begeleiden en \
beoordelen van aankomende leraren uitgewerkt in taken en verantwoordelijkheden, op drie \
niveaus: operationeel, tactisch en strategisch. De uitwerking staat in het visiedocument \
'Perspectief SAMEN'. Mentoren geven aan dat de beschrijving hen beter zicht geeft op wat het \
begeleiden van aankomende leraren van hen vraagt.

Op operationeel niveau neemt de aankomende leraar in toenemende mate regie over het eigen \
leerproces, werkt hij samen met mentor, schoolopleider en instituutsopleider en neemt hij deel \
aan de leergroep op de opleidingsschool. De mentor begeleidt ontwikkelingsgericht, biedt een \
veilige leeromgeving, expliciteert zijn keuzes en baseert het beoordelend advies op de \
indicatoren van het opleidingsinstituut en de persoonlijke leerdoelen.

Op tactisch niveau is de CoOP'er (Coördinator Samen Opleiden en Professionaliseren) de schakel \
tussen de scholen van het bestuur en het opleidingsinstituut. Hij brengt de expertise binnen de \
scholen in kaart en voert jaarlijks een ontwikkelgesprek met directeuren en schoolopleiders. De \
projectcoördinator is de CoOP'er van de penvoerder en verbindt de drie niveaus.

Op strategisch niveau vlechten de bestuurders SO&P in het strategisch beleid, de \
organisatiestructuur, HRM en de kwaliteitszorg, faciliteren zij de infrastructuur in financiën, \
tijd en taakbeleid en participeren zij actief in de stuurgroep.

In de gouden driehoek doorlopen aankomende leraar, mentor en instituutsopleider samen de cyclus \
van begeleiding en beoordeling, met een start- en evaluatiegesprek. Het opleidingsinstituut is \
eindverantwoordelijk voor de beoordeling, in overleg met mentor en schoolopleider. Formele \
professionaliseringstrajecten (mentorentraining, train-de-trainer, training voor schoolopleiders) \
leiden tot certificering; informele trajecten (netwerken, kenniskringen, de stuurgroep) leiden \
tot draagvlak en collectief leren.""",
            """\
Wij zijn er trots op dat alle actoren zich steeds meer bewust zijn van de rol die ze vervullen \
en hoe belangrijk die is voor de ontwikkeling van de aankomende leraar. De lijntjes zijn kort. \
Sinds de start van het partnerschap wordt de losse eilandjesstructuur geleidelijk losgelaten en \
trekken besturen en hogescholen samen op in het werven, opleiden, begeleiden en beoordelen. Een \
overstap naar een andere school wordt in overleg met de CoOP'ers geregeld.

Het is momenteel een uitdaging om op scholen met een groot lerarentekort (specifiek Almere en \
Lelystad) de mentoren en schoolopleiders voldoende te faciliteren; de ambulante tijd voor \
schoolopleiders is niet altijd te garanderen. Waar we voor staan is dat aankomende leraren zich \
gesteund voelen en de begeleiding krijgen die ze nodig hebben.""",
        ),
        Waarborg.KWALITEITSCULTUUR: (
            """\
Partnerschap SAMEN zet verschillende instrumenten in om de kwaliteit van de vier waarborgen te \
monitoren: de scan Samen Opleiden in de School, het Gesprekskader uit het 'Perspectief SAMEN' en \
de kwaliteits- en tevredenheidsenquête voor aankomende leraren. De ontwikkelingsgerichte dialoog \
is de kwalitatieve peilstok; enquêtes en de scan zijn de kwantitatieve.

Jaarlijks stelt de projectgroep een concept-jaarplan op, dat in de stuurgroep wordt besproken, \
aangevuld en definitief vastgesteld. De activiteiten bestrijken de vier waarborgen en lopen over \
de periode augustus tot en met juli.

Bij elk item van het Gesprekskader wordt gevraagd: 'waaruit blijkt dat, hoe kun je dit zien, hoe \
wordt het geborgd?' Op een contactmiddag voor schoolopleiders is bijvoorbeeld het item 'De \
praktijkplaats betrekt studenten bij meer zaken dan alleen hun stage' besproken. Vervolgactie: \
schoolopleiders agenderen via hun CoOP'er hoe ook studenten in de eerste twee leerjaren bij \
schoolbrede activiteiten betrokken kunnen worden.

Instituutsopleiders formuleerden in hun netwerkbijeenkomst persoonlijke vervolgstappen, zoals \
'Ik ga halverwege de stageperiode een extra contactmoment met de mentor inbouwen'. In de laatste \
netwerkbijeenkomst van het jaar wordt nagegaan of die stappen ook gezet zijn.

De kwaliteitscyclus volgt Plan-Do-Check-Act: voor de start een verkennend gesprek en een \
go/no-go van het bestuur; bij de start een 0-meting met de scan; jaarlijks een evaluatiegesprek \
per school met het Gesprekskader en de tevredenheidsenquête; om het jaar panelgesprekken; en elke \
vier jaar de scan en een ontwikkelingsgerichte peer review per cohort van opleidingsscholen.""",
            """\
Wij zijn er trots op dat we de kwaliteit van het Samen Opleiden en Professionaliseren in \
verschillende settings voortdurend met elkaar bespreken, meten en centraal stellen, om waar \
nodig bij te sturen op inhoud, werkwijze en organisatie. De instrumenten passen bij onze visie \
op collectief leren: de uitkomsten van de dialoog worden door de deelnemers omgezet in eigen \
leerdoelen en vervolgstappen, of in adviezen aan de coördinatoren.

De kwaliteitscyclus is nieuw en wordt in de praktijk verder beproefd. We merken dat aankomende \
leraren in hun eigen woorden 'enquête-moe' zijn. Het is van belang hen ook op andere manieren \
systematisch een stem te geven, bijvoorbeeld in panelgesprekken; concrete afspraken en \
werkwijzen moeten hiervoor nog worden ontwikkeld.""",
        ),
    },
}


# --- Onderwijsregio VO Groningen (voortgezet onderwijs) ---------------------------------

VO_GRONINGEN = {
    "name": "Onderwijsregio VO Groningen",
    "slug": "vo-groningen",
    "sector": Sector.VO,
    "region": "Groningen",
}

# The city board is penvoerder: its programme manager is also projectleider Samen Opleiden.
# fmt: off
VO_ORGS = [
    Org("vo_stad", "Stichting VO Groningen Stad", "VO Stad", BOARD, "Groningen",
        dt.date(2024, 8, 1), is_penvoerder=True),
    Org("vo_oost", "Stichting Voortgezet Onderwijs Oost-Groningen", "VO Oost", BOARD, "Veendam",
        dt.date(2024, 8, 1)),
    Org("eemsdelta", "Scholengroep Eemsdelta", "SG Eemsdelta", BOARD, "Delfzijl",
        dt.date(2024, 8, 1)),
    Org("hanze", "Hanzehogeschool Groningen", "Hanze", INSTITUTE, "Groningen",
        dt.date(2024, 8, 1)),
    Org("rug", "Rijksuniversiteit Groningen", "RUG", INSTITUTE, "Groningen",
        dt.date(2024, 8, 1)),
]

# Two opleidingsnetwerken (seed 003), each a hub with its partnerscholen.
VO_SCHOOLS = [
    # Netwerk Stad: hub Hunzecollege.
    SchoolSpec("hunze",         "vo_stad",   "Hunzecollege",          "Groningen",   "20HC"),
    SchoolSpec("duurswold",     "vo_oost",   "Duurswold College",     "Hoogezand",   "21DC"),
    SchoolSpec("eemsmond",      "eemsdelta", "Eemsmond Lyceum",       "Delfzijl",    "22EL"),
    # Netwerk Oost: hub Veenkoloniaal College.
    SchoolSpec("veenkoloniaal", "vo_oost",   "Veenkoloniaal College", "Veendam",     "23VC"),
    SchoolSpec("oldambt",       "vo_oost",   "Oldambt Lyceum",        "Winschoten",  "24OL"),
    SchoolSpec("kanaalstreek",  "vo_oost",   "Kanaalstreek College",  "Stadskanaal", "25KC",
               is_opleidingsschool=False),
]

VO_PEOPLE = [
    PersonSpec("coordinator", ("Jolanda", "", "Wiersma"), "coordinator@vo-groningen.example",
               True, ((Role.PROJECTCOORDINATOR, WIDE),)),
    # Mentor of one student, vakbegeleider (geschiedenis) of another beside a coach.
    PersonSpec("mentor", ("Bart", "", "Hofstede"), "mentor@vo-groningen.example", True,
               ((Role.MENTOR, school("hunze")), (Role.VAKBEGELEIDER, school("hunze")))),
    # Seed 002: a coach for the pedagogy, beside the vakbegeleider for the subject.
    PersonSpec("coach", ("Anneke", "", "Veldman"), "coach@vo-groningen.example", True,
               ((Role.COACH, school("hunze")),)),
    PersonSpec("student", ("Femke", "", "Zuidema"), "student@vo-groningen.example", True,
               ((Role.STUDENT, partner("hanze")),)),
    PersonSpec("io", ("Rutger", "", "Bakker"), "io@vo-groningen.example", True,
               ((Role.INSTITUUTSOPLEIDER, partner("hanze")),)),
    PersonSpec("stuurgroep", ("Hilde", "", "Scholten"), "stuurgroep@vo-groningen.example", True,
               ((Role.STUURGROEP, WIDE),)),
    PersonSpec("schoolopleider", ("Mirjam", "", "Dijkstra"),
               "schoolopleider@vo-groningen.example", True,
               ((Role.SCHOOLOPLEIDER, school("hunze")),)),
    # The same account as in SAMEN: a lerarenopleider who also works for the RUG.
    PersonSpec("multi", ("Petra", "", "Veenstra"), "multi@samen.example", True,
               ((Role.INSTITUUTSOPLEIDER, partner("rug")),)),
    PersonSpec("mentor2", ("Klaas", "", "Oosterhuis"), "k.oosterhuis@vo-groningen.example",
               False, ((Role.MENTOR, school("veenkoloniaal")),)),
    PersonSpec("student2", ("Sem", "", "Postma"), "s.postma@vo-groningen.example", False,
               ((Role.STUDENT, partner("rug")),)),
    PersonSpec("student3", ("Iris", "", "Huizinga"), "i.huizinga@vo-groningen.example", False,
               ((Role.STUDENT, partner("hanze")),)),
    PersonSpec("student4", ("Jesse", "", "Bosma"), "j.bosma@vo-groningen.example", False,
               ((Role.STUDENT, partner("hanze")),)),
]

VO_PLACEMENTS = [
    #             student     mentor     IO       school           subject       period
    PlacementSpec("student",  "mentor",  "io",    "hunze",         "Nederlands", "sem1",
                  PlacementStatus.LOPEND),
    PlacementSpec("student2", "mentor2", "multi", "veenkoloniaal", "Wiskunde",   "sem1",
                  PlacementStatus.LOPEND),
    PlacementSpec("student3", "mentor2", "io",    "veenkoloniaal", "Biologie",   "sem2",
                  PlacementStatus.VOORGESTELD),
    # VO: a vakbegeleider (in the mentor column) and a coach guide the student together.
    PlacementSpec("student4", "mentor",  "io",    "hunze",         "Geschiedenis", "sem1",
                  PlacementStatus.LOPEND, coach="coach"),
]
# fmt: on

VO_REVIEW_SCHOOL = "hunze"

VO_DOSSIER = {
    "title": "Kritische reflectie ontwikkelingsgerichte peer review",
    "foreword": """\
In de Onderwijsregio VO Groningen zijn drie opleidingsscholen samengegaan in één regionale \
inrichting van Samen Opleiden. Deze reflectie beschrijft het eerste jaar in de nieuwe structuur.""",
    "sections": {
        Waarborg.LERENDE_LERAAR: (
            "In elke school worden studenten begeleid. We streven ernaar dat 40% van de opleiding "
            "op de werkplek plaatsvindt.",
            "De visie is gedeeld, maar nog niet in elke partnerschool even zichtbaar.",
        ),
        Waarborg.LEEROMGEVING: (
            "Opleidingshubs zijn centrale plekken waar een deel van het opleidingscurriculum "
            "plaatsvindt; partnerscholen verzorgen de dagelijkse begeleiding door "
            "werkplekbegeleiders.\n\nRegionaal zijn er themabijeenkomsten over onder meer "
            "klassenmanagement, burgerschap en inclusief onderwijs.",
            "De themabijeenkomsten worden goed bezocht; intervisie in de hub vraagt nog "
            "afstemming met de roosters van partnerscholen.",
        ),
        Waarborg.ORGANISATIE: (
            "Eén hub met zijn partnerscholen vormt een opleidingsnetwerk met één opleidingsteam: "
            "de coördinerend schoolopleider, de instituutsopleider, een werkplekbegeleider van "
            "de partnerscholen, een leidinggevende en HR.",
            "De korte lijnen binnen het opleidingsteam werken; de taakverdeling tussen hub en "
            "partnerscholen wordt dit jaar geëvalueerd.",
        ),
        Waarborg.KWALITEITSCULTUUR: (
            "Sturen op inhoud en kwaliteit gebeurt op het niveau van de onderwijsregio, met "
            "een jaarlijks evaluatiegesprek per school.",
            "",
        ),
    },
}


# --- Loading -----------------------------------------------------------------------------


class Demo(NamedTuple):
    partnership: dict
    orgs: list
    schools: list
    people: list
    placements: list
    dossier: dict
    review_school: str  # SchoolSpec.key of the school whose evaluatiegesprek is planned


DEMOS = [
    Demo(
        SAMEN,
        SAMEN_ORGS,
        SAMEN_SCHOOLS,
        SAMEN_PEOPLE,
        SAMEN_PLACEMENTS,
        SAMEN_DOSSIER,
        SAMEN_REVIEW_SCHOOL,
    ),
    Demo(VO_GRONINGEN, VO_ORGS, VO_SCHOOLS, VO_PEOPLE, VO_PLACEMENTS, VO_DOSSIER, VO_REVIEW_SCHOOL),
]
DEMO_SLUGS = [demo.partnership["slug"] for demo in DEMOS]

# The lifecycle path a demo placement walks from concept to the status it should have.
_STATUS_PATH = [
    PlacementStatus.VOORGESTELD,
    PlacementStatus.BEVESTIGD,
    PlacementStatus.LOPEND,
    PlacementStatus.AFGEROND,
]
_BEFORE_THE_FORMS = (
    "Afgerond met de eindbeoordeling op papier, van vóór de stageformulieren in het portaal."
)
#: An external reviewer of the peer review: no role, a django-guardian grant on one dossier.
REVIEWER_EMAIL = "reviewer@samen.example"


def demo_accounts():
    """(email, role labels, partnership name) for every demo login, for the command's summary."""
    rows = [
        (PLATFORM_ADMIN_EMAIL, "Platformbeheerder (superuser)", "alle"),
        (REVIEWER_EMAIL, "Externe reviewer: leest één dossier", SAMEN["name"]),
    ]
    for demo in DEMOS:
        for spec in demo.people:
            if spec.has_account:
                labels = ", ".join(str(Role(role).label) for role, _scope in spec.roles)
                rows.append((spec.email, labels, demo.partnership["name"]))
    return rows


def demo_exists() -> bool:
    return Partnership.objects.filter(slug=SAMEN["slug"]).exists()


def _periods(schooljaar: Schooljaar):
    """Semester dates in a schooljaar: from the first Monday of September or February."""

    def first_monday(year, month):
        day = dt.date(year, month, 1)
        return day + dt.timedelta(days=(7 - day.weekday()) % 7)

    start = schooljaar.start_year
    return {
        "sem1": (first_monday(start, 9), dt.date(start + 1, 1, 31)),
        "sem2": (first_monday(start + 1, 2), dt.date(start + 1, 6, 30)),
        "prev2": (first_monday(start, 2), dt.date(start, 6, 30)),
    }


def _user(spec: PersonSpec, password: str) -> User:
    """The login for a person: created once, shared by their Person rows in every partnership."""
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        first_name, infix, last_name = spec.name
        user = User.objects.create_user(
            email=spec.email,
            password=password,
            first_name=first_name,
            last_name=" ".join(p for p in (infix, last_name) if p),
        )
    _verified_email(user)
    return user


def _verified_email(user: User) -> None:
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def _reviewer(dossier, password):
    """An external panel member who reads this one dossier (a django-guardian grant)."""
    user = User.objects.filter(email=REVIEWER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=REVIEWER_EMAIL, password=password, first_name="Ruud", last_name="Verbeek"
        )
    _verified_email(user)
    assign_perm("quality.view_dossier", user, dossier)


def _fill_partnership(partnership: Partnership, demo: Demo, password: str) -> None:
    """Creates one partnership's rows; runs inside that partnership's scope.

    Roles start last schooljaar, so that last year's placement has its people.
    """
    schooljaar = Schooljaar.current()
    actor = Access.for_system(partnership)

    partners = {}
    for org in demo.orgs:
        organisation, _created = Organisation.objects.get_or_create(
            name=org.name,
            kind=org.kind,
            defaults={"short_name": org.short_name, "place": org.place, "managed_by": partnership},
        )
        partners[org.key] = Partner.objects.create(
            partnership=partnership,
            organisation=organisation,
            joined_on=org.joined_on,
            is_penvoerder=org.is_penvoerder,
        )

    school_rows = {
        s.key: School.objects.create(
            partnership=partnership,
            board=partners[s.board],
            name=s.name,
            place=s.place,
            brin=s.brin,
            sector=partnership.sector,
            training_status=TrainingStatus.ACTIEF if s.is_opleidingsschool else TrainingStatus.NONE,
            # Flevoland and Groningen keep region noord's school holidays (samen.schoolvakanties).
            vakantieregio=Regio.NOORD,
        )
        for s in demo.schools
    }

    persons = {}
    for spec in demo.people:
        first_name, infix, last_name = spec.name
        persons[spec.key] = person = Person.objects.create(
            partnership=partnership,
            user=_user(spec, password) if spec.has_account else None,
            first_name=first_name,
            infix=infix,
            last_name=last_name,
            email=spec.email,
        )
        for role, scope in spec.roles:
            kind, key = scope or (None, None)
            RoleAssignment.objects.create(
                partnership=partnership,
                person=person,
                role=role,
                partner=partners[key] if kind == "partner" else None,
                school=school_rows[key] if kind == "school" else None,
                schooljaar_from=schooljaar.start_year - 1,
            )

    # The placements are arranged by the partnership's coordinator: their log says so.
    coordinator = persons.get("coordinator")
    if coordinator is not None:
        actor = dataclasses.replace(actor, person=coordinator, user=coordinator.user)
    periods = _periods(schooljaar)
    for spec in demo.placements:
        starts_on, ends_on = periods[spec.period]
        placement = placement_services.create_placement(
            actor,
            student=persons[spec.student],
            school=school_rows[spec.school],
            mentor=persons[spec.mentor],
            instituutsopleider=persons[spec.instituutsopleider],
            starts_on=starts_on,
            ends_on=ends_on,
            group=spec.group,
            coach=persons[spec.coach] if spec.coach else None,
        )
        for status in _STATUS_PATH:
            if placement.status == spec.status:
                break
            if status == PlacementStatus.AFGEROND:
                # Last year's placements ended before their forms were in the portal: the
                # coordinator's recorded override (demo/forms.py signs this year's).
                placement = placement_services.transition(
                    actor, placement, status, reason=_BEFORE_THE_FORMS, override=True
                )
                break
            placement = placement_services.transition(actor, placement, status)

    dossier = Dossier.objects.create(
        partnership=partnership,
        title=demo.dossier["title"],
        schooljaar=schooljaar.start_year,
        foreword=demo.dossier["foreword"],
    )
    quality_services.ensure_sections(dossier)
    for waarborg, (narrative, reflection) in demo.dossier["sections"].items():
        ReflectieSection.objects.filter(dossier=dossier, waarborg=waarborg).update(
            narrative=narrative, reflection=reflection
        )

    if demo.partnership["slug"] == SAMEN["slug"]:
        _reviewer(dossier, password)

    # The demo rows of the organisation, of people and of the network (this package).
    context = DemoContext(partnership, partnership.slug, school_rows, persons, partners, actor)
    for extend in (
        organisation_rows.extend,
        people_rows.extend,
        network_rows.extend,
        lifecycle_rows.extend,
        form_rows.extend,
        matching_rows.extend,
    ):
        extend(context)

    # Due in seven days, so its reminder (sent 7 days before) is due at once: the demo's
    # Celery beat sends it on its first sweep. SAMEN's calendar is its kwaliteitscyclus
    # (demo/cycle.py), which gives the school its one evaluatiegesprek of the schooljaar: its
    # reminder due at once is that moment's (demo/reminders.py), not a second evaluatiegesprek.
    if partnership.slug != "samen":
        review_school = school_rows[demo.review_school]
        cycle_services.plan_review_moment(
            partnership=partnership,
            school=review_school,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            title=f"Evaluatiegesprek {review_school.name}",
        )
    # The kwaliteitscyclus and its calendar (demo/cycle.py).
    cycle_rows.extend(context)
    # What the notification engine shows: sent, failed, and a weekly digest (demo/reminders.py).
    reminder_rows.extend(context)
    # The quality cycle: Gesprekskader, jaarplan, a dialogue session and its actions.
    pdca_rows.extend(context)


class DemoContext(NamedTuple):
    """What an app's demo extension gets: rows by the keys used in this module's specs."""

    partnership: Partnership
    slug: str  # "samen" or "vo-groningen"
    schools: dict
    persons: dict
    partners: dict
    actor: Access  # the platform acting: services check reach, and it reaches everything


def load_demo(password: str) -> None:
    """Creates both demo partnerships, their people and data, and the platform superuser.

    Each partnership is filled inside its own scope, not with scopes disabled: the services
    called here query without naming the partnership (e.g. who is reminded of a review
    moment) and rely on the active scope to keep the other demo partnership out.
    """
    with transaction.atomic():
        admin = User.objects.filter(email=PLATFORM_ADMIN_EMAIL).first()
        if admin is None:
            admin = User.objects.create_superuser(
                email=PLATFORM_ADMIN_EMAIL,
                password=password,
                first_name="Platform",
                last_name="Beheer",
            )
        _verified_email(admin)
        for demo in DEMOS:
            partnership = Partnership.objects.create(**demo.partnership)
            with in_partnership(partnership):
                _fill_partnership(partnership, demo, password)


def reset_demo() -> None:
    """Deletes the demo partnerships, their organisations and the demo accounts.

    Leergroepen, placements, the forms' rows, periods and schools are deleted first: they are
    PROTECTed foreign keys (of people, schools, partners, questions and versions), which a
    cascade from the partnership would refuse to remove.
    """
    emails = {email for email, _roles, _p in demo_accounts()}
    org_names = {org.name for demo in DEMOS for org in demo.orgs}
    # Deletes rows of two tenants; nothing outside the demo partnerships is touched.
    with transaction.atomic(), scopes_disabled():
        partnerships = Partnership.objects.filter(slug__in=DEMO_SLUGS)
        Leergroep.objects.filter(partnership__in=partnerships).delete()
        PlacementRequest.objects.filter(partnership__in=partnerships).delete()
        Placement.objects.filter(partnership__in=partnerships).delete()
        # The forms' engine rows: answers and responses PROTECT their questions and versions,
        # templates and periods their institutes.
        Answer.objects.filter(partnership__in=partnerships).delete()
        Response.objects.filter(partnership__in=partnerships).delete()
        FormTemplate.objects.filter(partnership__in=partnerships).delete()
        PlacementPeriod.objects.filter(partnership__in=partnerships).delete()
        Questionnaire.objects.filter(partnership__in=partnerships).delete()
        School.objects.filter(partnership__in=partnerships).delete()
        partnerships.delete()
        # Organisations are shared: keep one that another partnership still has as partner.
        Organisation.objects.filter(name__in=org_names, memberships__isnull=True).delete()
        User.objects.filter(email__in=emails).delete()
