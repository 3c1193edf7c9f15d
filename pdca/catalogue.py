"""The standard Gesprekskader: SAMEN's items per waarborg, theme and sub-theme (seed 000).

A partnership's first Gesprekskader starts from this catalogue (pdca.services.seed_gesprekskader);
every later one is a copy of the year before, edited by the partnership. The items seed 000
quotes are here word for word; the others are written in the same vein so that each theme the
seed names has a few items to choose from.

(waarborg, theme, sub-theme, [items in order: the item's number is its place])
"""

CATALOGUE = [
    (
        1,
        "Beroepsbeeld en visie op leren en opleiden",
        "Gedeeld beroepsbeeld",
        [
            "de praktijkplaats en het opleidingsinstituut leiden de (aankomende) professional op "
            "vanuit eigenaarschap, betekenisvolheid en urgentiebesef voor de lerende",
            "het gezamenlijke beroepsbeeld is bekend bij mentoren, schoolopleiders en "
            "instituutsopleiders en komt terug in hun begeleiding",
            "de (aankomende) professional kan verwoorden welke leraar hij of zij wil worden en "
            "hoe dat aansluit bij het beroepsbeeld van het partnerschap",
        ],
    ),
    (
        1,
        "Beroepsbeeld en visie op leren en opleiden",
        "Visie op leren en opleiden",
        [
            "de visie op leren en opleiden is samen met de opleidingsinstituten geformuleerd en "
            "wordt periodiek herijkt",
            "leren op de werkplek en leren op het opleidingsinstituut zijn met elkaar verbonden",
            "de opleidingsschool is een lerende organisatie waarin ook zittende leraren leren",
        ],
    ),
    (
        2,
        "Opleidingsprogramma",
        "Leeromgeving opleidingsschool en opleidingsinstituut",
        [
            "Op de praktijkplaats en opleidingsinstituut heerst een open en veilige sfeer om te "
            "leren en te experimenteren",
            "de (aankomende) professional krijgt ruimte om eigen leervragen in te brengen",
            "er is een werkplekcurriculum dat aansluit bij het curriculum van het "
            "opleidingsinstituut",
            "in de leergroep leren (aankomende) professionals van en met elkaar",
            "de praktijkplaats biedt leerervaringen in verschillende groepen en situaties",
            "onderzoek en ontwikkeling op de praktijkplaats zijn onderdeel van het opleiden",
            "De praktijkplaats betrekt studenten bij meer zaken dan alleen hun stage",
        ],
    ),
    (
        2,
        "Opleidingsprogramma",
        "Begeleiding en beoordeling",
        [
            "Er is voldoende afstemming tussen de praktijkplaats, opleiding en student wat "
            "betreft het begeleiden, opleiden en beoordelen van studenten in de praktijk",
            "de rollen in begeleiding en beoordeling zijn voor iedereen helder",
            "beoordelingscriteria zijn vooraf bekend bij student, mentor en instituutsopleider",
            "de student krijgt regelmatig feedback op zijn of haar ontwikkeling",
            "Begeleiders van (aankomende) professionals zijn geschoold en onderhouden hun "
            "professionaliteit in het begeleiden, opleiden en beoordelen van individuen",
            "er is tijd en ruimte voor begeleidingsgesprekken",
            "er wordt tijdig gesignaleerd wanneer een student meer ondersteuning nodig heeft",
            "De cyclus van begeleiding en beoordeling doorlopen student, mentor, schoolopleider "
            "en instituutsopleider gezamenlijk",
            "startende leraren worden begeleid in een inductieprogramma",
            "In de begeleiding van (aankomende) professionals worden authentieke "
            "praktijkervaringen en eventueel kritische beroepssituaties verbonden aan "
            "theoretische concepten",
        ],
    ),
    (
        3,
        "Organisatie",
        "Taken, rollen en verantwoordelijkheden",
        [
            "de taken, rollen en verantwoordelijkheden in het opleiden zijn beschreven en bekend",
            "mentoren en schoolopleiders worden gefaciliteerd in tijd voor hun rol",
            "de professionalisering van mentoren, schoolopleiders en instituutsopleiders is "
            "geregeld en wordt onderhouden",
            "kennis, expertise en menskracht worden waar mogelijk tussen besturen uitgewisseld",
        ],
    ),
    (
        3,
        "Organisatie",
        "Overleg- en afsprakenstructuur",
        [
            "de overleg- en afsprakenstructuur is op alle niveaus (strategisch, tactisch, "
            "operationeel) geregeld",
            "afspraken uit overleggen worden vastgelegd en nagekomen",
            "de opleidingsschool weet bij wie zij terecht kan met vragen over het opleiden",
        ],
    ),
    (
        4,
        "Kwaliteitscultuur",
        "Zicht op kwaliteit",
        [
            "SO&P is zichtbaar in strategische beleidsplannen, ontwikkel- en jaarplannen, "
            "schoolgidsen en websites",
            "de kwaliteit van het opleiden wordt systematisch gevolgd met scans, enquêtes en "
            "gesprekken",
            "de uitkomsten van evaluaties worden gedeeld met alle betrokkenen",
        ],
    ),
    (
        4,
        "Kwaliteitscultuur",
        "Continue ontwikkeling",
        [
            "uitkomsten van evaluaties leiden tot vervolgacties in het jaarplan",
            "aan het eind van het schooljaar wordt nagegaan of de vervolgstappen gezet zijn",
            "(aankomende) professionals worden betrokken bij het verbeteren van het opleiden",
        ],
    ),
]
