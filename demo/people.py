"""Demo rows of people and roles (role descriptions), called by demo.data per partnership.

The role descriptions of the aankomende leraar, mentor, CoOP'er, projectcoördinator and
bestuurder condense seed 000 (Partnerschap SAMEN, "Rollen, taken, verantwoordelijkheden");
the others are written in the same manner, after what seed 000 says about those roles
elsewhere.
"""

from decimal import Decimal

from roles.models import Person, Role, RoleAssignment, RoleDescription
from samen.schooljaar import Schooljaar

# role -> (tasks, responsibilities)
DESCRIPTIONS = {
    Role.STUDENT: (
        """\
- Studeert op het opleidingsinstituut en loopt voor het werkplekcurriculum stage op een \
opleidingsschool.
- Neemt in toenemende mate regie over het eigen leerproces.
- Reflecteert op de eigen ontwikkeling: pedagogisch, didactisch, vakinhoudelijk en als \
professional.
- Werkt samen met mentor, schoolopleider en instituutsopleider.
- Neemt deel aan de leergroep op de opleidingsschool.""",
        """\
De aankomende leraar geeft actief invulling aan de doelen en eisen van de opleiding: \
maatschappelijk betrokken, omgaan met diversiteit vanuit eigen waarden, een onderzoekende en \
lerende houding, een professionele beroepshouding passend bij de ontwikkelingsfase, lid zijn van \
het team en bijdragen aan een leerrijke omgeving.""",
    ),
    Role.MENTOR: (
        """\
- Begeleidt de aankomende leraar ontwikkelingsgericht in pedagogische, didactische en \
vakinhoudelijke vaardigheden.
- Biedt een veilige leeromgeving en vervult een voorbeeldrol in gedrag, kennis en vaardigheden.
- Expliciteert de eigen keuzes in de vormgeving van het onderwijs (ook ongevraagd).
- Voert reflectieve gesprekken waarin opleidingsdoelen en persoonlijke leerdoelen centraal staan.
- Doorloopt met aankomende leraar, instituutsopleider en schoolopleider de cyclus van begeleiding \
en beoordeling: startgesprek, tussentijds contact, evaluatiegesprek.
- Helpt de aankomende leraar onderdeel te worden van het team en stimuleert experimenteren.""",
        """\
Het beoordelend advies (tussen- en eindbeoordeling) baseert de mentor op de indicatoren van het \
opleidingsinstituut en de persoonlijke leerdoelen, afgestemd met schoolopleider en \
instituutsopleider. De mentor blijft op de hoogte van leerlijnen, curriculum en \
bekwaamheidseisen en houdt vakkennis en begeleidingsvaardigheden up to date; de \
mentorentraining maakt daar deel van uit.""",
    ),
    Role.COOPER: (
        """\
- Ondersteunt en adviseert schoolleiders, schoolopleiders, mentoren, mentorentrainers en \
starterscoaches bij opleiden, begeleiden, beoordelen en professionaliseren.
- Verbindt aankomende leraren met het bestuur.
- Brengt de expertise binnen de scholen in kaart, zodat die ook in de opleiding en het netwerk \
kan worden ingezet.
- Houdt de cultuur en het ontwikkelstadium van de opleidingsscholen in beeld.
- Voert jaarlijks een ontwikkelgesprek met directeuren en schoolopleiders over inhoud, \
leeromgeving, organisatie en kwaliteit.""",
        """\
De CoOP'er (Coördinator Samen Opleiden en Professionaliseren) is de schakel tussen de scholen van \
het bestuur en het opleidingsinstituut: de handen, voeten, ogen en oren van beide, over de hele \
doorgaande lijn tot en met de inductiefase. Hij verbindt de visie en het beleid van het bestuur \
aan SO&P, blijft op de hoogte van landelijke ontwikkelingen en werkt nauw samen met de andere \
CoOP'ers en de instituutscoördinatoren.""",
    ),
    Role.PROJECTCOORDINATOR: (
        """\
- Is de schakel tussen de CoOP'ers van de besturen in het partnerschap.
- Verbindt de drie niveaus (strategisch, tactisch, operationeel), zodat visie, kennis en \
afspraken vorm krijgen.
- Is contactpersoon voor het platform SO&P en DUS-I.
- Stelt met de projectgroep het concept-jaarplan op voor de stuurgroep.""",
        """\
De projectcoördinator is de CoOP'er van de penvoerder en draagt daarmee ook alle \
verantwoordelijkheden van de CoOP'er.""",
    ),
    Role.BESTUURDER: (
        """\
- Draagt bij aan de visievorming en doorontwikkeling van SO&P.
- Creëert en behoudt draagvlak voor SO&P in de eigen organisatie.
- Faciliteert de infrastructuur in financiën, tijd en taakbeleid.
- Participeert actief in de stuurgroep, het penvoerdersoverleg en netwerkbijeenkomsten.""",
        """\
De bestuurder vlecht SO&P in het strategisch beleid, de organisatiestructuur, HRM en de \
kwaliteitszorg, met oog voor input, activiteiten, output, outcome en impact. Hij stelt de koers \
bij waar dat nodig is en bewaakt dat het partnerschap voldoet aan de eisen van OCW.""",
    ),
    Role.SCHOOLOPLEIDER: (
        """\
- Bereidt de weg voor de aankomende leraar en maakt het hele team onderdeel van de leeromgeving.
- Begeleidt de leergroep op de opleidingsschool en het groepsproces daarin.
- Stemt met mentor en instituutsopleider af welke leercontext de aankomende leraar nodig heeft.
- Biedt, in overleg met de CoOP'er, een aanvullende leercontext buiten de eigen school aan.""",
        """\
De schoolopleider is daartoe opgeleid, overlegt over de beoordeling met mentor en \
instituutsopleider en brengt signalen uit de school via de CoOP'er in het netwerk van \
schoolopleiders.""",
    ),
    Role.INSTITUUTSOPLEIDER: (
        """\
- Volgt de aankomende leraar in de praktijk en is verbonden aan vaste opleidingsscholen.
- Doorloopt met aankomende leraar en mentor de cyclus van begeleiding en beoordeling.
- Onderhoudt halverwege de stageperiode contact met de mentor over de voortgang.""",
        """\
De instituutsopleider is als examinator eindverantwoordelijk en komt na overleg met mentor en \
schoolopleider tot de summatieve beoordeling.""",
    ),
    Role.SCHOOLLEIDER: (
        """\
- Zorgt voor draagvlak voor opleiden in de school.
- Voert jaarlijks het evaluatiegesprek met het Gesprekskader.
- Faciliteert mentoren en schoolopleiders in tijd.""",
        """\
De schoolleider is verantwoordelijk voor de opleidingsschool als leeromgeving en neemt de \
uitkomsten van evaluatie op in het jaarplan van de school.""",
    ),
    Role.VAKBEGELEIDER: (
        """\
- Begeleidt de aankomende leraar vakinhoudelijk en vakdidactisch.
- Bezoekt lessen en bespreekt die na.""",
        """De vakbegeleider stemt de vakinhoudelijke begeleiding af met mentor en \
instituutsopleider.""",
    ),
    Role.COACH: (
        """\
- Coacht aankomende of startende leraren op hun persoonlijke leervragen.
- Zet daarbij bijvoorbeeld video-coaching in.""",
        """De coach werkt vanuit de leervragen van de coachee en deelt niets zonder diens \
instemming.""",
    ),
    Role.INSTITUUTSCOORDINATOR: (
        """\
- Houdt visie en beroepsbeeld scherp en neemt die mee naar overlegtafels en netwerken.
- Werkt nauw samen met de CoOP'ers.
- Verzamelt de vervolgstappen uit de netwerkbijeenkomsten van instituutsopleiders.""",
        """De instituutscoördinator is de linking pin van het opleidingsinstituut in het \
partnerschap.""",
    ),
    Role.MENTORENTRAINER: (
        """\
- Verzorgt de mentorentraining en de contactmiddagen.
- Besteedt aandacht aan experimenteren: studenten mogen geen kopie van hun mentor worden.""",
        """De mentorentrainer is zelf opgeleid in de train-de-trainer en houdt de training in \
lijn met de gezamenlijke visie.""",
    ),
    Role.STARTERSCOACH: (
        """\
- Begeleidt startende leraren in de inductiefase van start- naar basisbekwaam.
- Organiseert intervisie voor starters.""",
        """De starterscoach stemt de begeleiding af met de CoOP'er van het bestuur.""",
    ),
    Role.STUURGROEP: (
        """\
- Bespreekt, vult aan en stelt het jaarplan vast.
- Stuurt op de ontwikkeldoelen per waarborg.""",
        """De stuurgroep is het strategische overleg van het partnerschap, met de bestuurders \
van de partners.""",
    ),
    Role.PROJECTGROEP: (
        """\
- Stelt jaarlijks het concept-jaarplan op.
- Werkt signalen uit scholen en opleidingen uit tot agendapunten voor de stuurgroep.""",
        """De projectgroep is de spin in het web tussen stuurgroep, opleidingsscholen en \
opleidingsinstituten.""",
    ),
}

HOURS = {Role.SCHOOLOPLEIDER: Decimal("4.0"), Role.MENTOR: Decimal("1.0")}

# key -> (first name, infix, last name, e-mail, role, school key or None)
EXTRA_PEOPLE = {
    "samen": [
        ("Lieke", "", "Vos", "l.vos@samen.example", Role.MENTOR, "lichtboei"),
        ("Ahmed", "", "Yilmaz", "a.yilmaz@samen.example", Role.MENTOR, "kompas"),
        ("Marloes", "ter", "Horst", "m.terhorst@samen.example", Role.SCHOOLOPLEIDER, "windroos"),
        ("Bas", "", "Willems", "b.willems@samen.example", Role.MENTORENTRAINER, None),
        ("Evelien", "", "Kok", "e.kok@samen.example", Role.SCHOOLLEIDER, "heidepoort"),
    ],
    "vo-groningen": [
        ("Jelle", "", "Wierenga", "j.wierenga@vo-groningen.example", Role.VAKBEGELEIDER, None),
        ("Tamara", "", "Bosma", "t.bosma@vo-groningen.example", Role.STARTERSCOACH, None),
    ],
}


def extend(context):
    """`context` is a demo.data.DemoContext (partnership, slug, schools, persons, partners)."""
    partnership = context.partnership
    RoleDescription.objects.bulk_create(
        RoleDescription(partnership=partnership, role=role, tasks=tasks, responsibilities=resp)
        for role, (tasks, resp) in DESCRIPTIONS.items()
    )
    for role, hours in HOURS.items():
        for assignment in RoleAssignment.objects.filter(role=role):
            assignment.hours_per_week = hours
            assignment.save()
    start = Schooljaar.current().start_year
    for first, infix, last, email, role, school_key in EXTRA_PEOPLE.get(context.slug, []):
        person = Person.objects.create(
            partnership=partnership, first_name=first, infix=infix, last_name=last, email=email
        )
        school = context.schools.get(school_key) if school_key else None
        RoleAssignment.objects.create(
            partnership=partnership,
            person=person,
            role=role,
            school=school,
            schooljaar_from=start,
            hours_per_week=HOURS.get(role),
        )
    # A role that ended last schooljaar, so the person page shows a history of schooljaren.
    if "mentor" in context.persons:
        RoleAssignment.objects.create(
            partnership=partnership,
            person=context.persons["mentor"],
            role=Role.COACH,
            school=next(iter(context.schools.values())),
            schooljaar_from=start - 2,
            schooljaar_to=start - 1,
        )
