"""Demo rows of capacity, requests and the matching board (matching/services.py).

Called by demo.data for each demo partnership, inside its scope. In SAMEN, Hogeschool KPZ's
period "Pabo voltijd jaar 2 – semester 2" (February–June this schooljaar) has capacity at six
opleidingsscholen, nine students asked for a place, four are matched already (one pair as a
duo-stage in groep 3/4 of De Zevensprong) and five wait on the board: the coordinator sees a
live board. Everything goes through the services, as the coordinator would do it.
"""

import datetime as dt

from matching import services as matching
from matching.services import PlaceRow
from placements.models import Phase, PlacementPeriod, Programme
from roles.models import Person, Role, RoleAssignment
from samen.schooljaar import Schooljaar

PERIOD = {
    "name": "Pabo voltijd jaar 2 – semester 2",
    "programme": Programme.PABO_VOLTIJD,
    "study_year": 2,
    "phase": Phase.HOOFDFASE,
    "days_per_week": 2,
}

# Mentors the demo needs beside those of demo.data (no account): (key, name, school).
MENTORS = [
    ("mentor_lichtboei", ("Bram", "", "Hendriks"), "lichtboei"),
    ("mentor_kameleon", ("Lisa", "de", "Wit"), "kameleon"),
    ("mentor_polderpalet", ("Ruben", "", "Mol"), "polderpalet"),
]

# school -> ([(group, places, duo possible, tekortvak)], [(mentor key, places)])
CAPACITY = {
    "zevensprong": ([("groep 3/4", 2, True, False), ("groep 7", 1, False, False)], [("mentor", 2)]),
    "windroos": ([("groep 5", 1, False, False), ("groep 8", 1, False, False)], [("mentor2", 2)]),
    "meander": ([("groep 4", 1, True, False)], [("mentor3", 1)]),
    "lichtboei": ([("groep 6", 2, False, False)], [("mentor_lichtboei", 2)]),
    "kameleon": ([("groep 1/2", 1, False, False)], [("mentor_kameleon", 1)]),
    "polderpalet": ([("groep 7/8", 2, True, False)], [("mentor_polderpalet", 2)]),
}

# (key, name, group or subject, region, school type, learning wishes, days)
REQUESTS = [
    (
        "aanvraag1",
        ("Sara", "", "Yilmaz"),
        "groep 3/4",
        "Lelystad",
        "Dalton",
        "Ik wil leren hoe ik aanvankelijk lezen begeleid en hoe een Daltonklas met taakbrieven "
        "werkt.",
        "dinsdag en donderdag",
    ),
    (
        "aanvraag2",
        ("Mila", "", "Bakker"),
        "groep 3/4",
        "Lelystad",
        "",
        "Samen met een medestudent lesgeven en elkaar feedback geven; begrijpend lezen.",
        "dinsdag en donderdag",
    ),
    (
        "aanvraag3",
        ("Youssef", "el", "Idrissi"),
        "groep 5",
        "Lelystad",
        "",
        "Rekenen: modellen en automatiseren; coöperatieve werkvormen.",
        "maandag en woensdag",
    ),
    (
        "aanvraag4",
        ("Femke", "", "Vos"),
        "groep 6",
        "Dronten",
        "Jenaplan",
        "Wereldoriëntatie en gesprekskringen leiden.",
        "woensdag en vrijdag",
    ),
    # Open on the board:
    (
        "aanvraag5",
        ("Tim", "", "de Graaf"),
        "groep 7",
        "Lelystad",
        "Dalton",
        "Eigenaarschap van leerlingen en reflectie; video-coaching van mijn lessen.",
        "dinsdag en donderdag",
    ),
    (
        "aanvraag6",
        ("Lieke", "", "Prins"),
        "groep 4",
        "Almere",
        "",
        "Meertaligheid en woordenschat bij het jonge kind.",
        "maandag en dinsdag",
    ),
    (
        "aanvraag7",
        ("Jesse", "", "Kok"),
        "groep 1/2",
        "Lelystad",
        "",
        "Het jonge kind: spel en taalontwikkeling.",
        "donderdag en vrijdag",
    ),
    (
        "aanvraag8",
        ("Nina", "", "Dekker"),
        "groep 7/8",
        "Zeewolde",
        "Dalton",
        "Onderzoekend leren en praktijkonderzoek; talentontwikkeling.",
        "woensdag en vrijdag",
    ),
    (
        "aanvraag9",
        ("Sem", "", "Schouten"),
        "groep 8",
        "",
        "",
        "Klassenmanagement in een bovenbouwgroep.",
        "dinsdag en donderdag",
    ),
]

# (request, school, mentor, group); a duo names the request whose placement it joins.
MATCHED = [
    ("aanvraag1", "zevensprong", "mentor", "groep 3/4"),
    ("aanvraag3", "windroos", "mentor2", "groep 5"),
    ("aanvraag4", "lichtboei", "mentor_lichtboei", "groep 6"),
]
DUO = ("aanvraag2", "aanvraag1")  # Mila joins Sara in groep 3/4 of De Zevensprong


def _sem2(schooljaar):
    start = schooljaar.start_year + 1
    day = dt.date(start, 2, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7), dt.date(start, 6, 30)


def extend(context):
    if context.slug != "samen":
        return
    schooljaar = Schooljaar.current()
    starts_on, ends_on = _sem2(schooljaar)
    institute = context.partners["kpz"]
    period = PlacementPeriod.objects.create(
        partnership=context.partnership,
        institute=institute,
        schooljaar=schooljaar.start_year,
        starts_on=starts_on,
        ends_on=ends_on,
        **PERIOD,
    )
    persons = dict(context.persons)
    for key, (first, infix, last), school in MENTORS:
        persons[key] = _person(context, first, infix, last, Role.MENTOR, school=school)
    for school, (places, mentors) in CAPACITY.items():
        capacity = matching.open_capacity(
            context.actor, school=context.schools[school], period=period
        )
        matching.save_capacity(
            context.actor,
            capacity,
            places=[PlaceRow(*row) for row in places],
            mentors=[(persons[key], n) for key, n in mentors],
        )
    requests = {}
    for key, (first, infix, last), subject, region, school_type, wishes, days in REQUESTS:
        student = _person(context, first, infix, last, Role.STUDENT, partner="kpz")
        requests[key] = matching.create_request(
            context.actor,
            student=student,
            period=period,
            subject=subject,
            region=region,
            school_type=school_type,
            learning_wishes=wishes,
            days=days,
            instituutsopleider=context.persons["io"],
        )
    placements = {}
    for key, school, mentor, group in MATCHED:
        placements[key] = matching.assign(
            context.actor,
            requests[key],
            school=context.schools[school],
            mentor=persons[mentor],
            instituutsopleider=context.persons["io"],
            group=group,
        )
    second, first = DUO
    matching.assign(
        context.actor,
        requests[second],
        school=placements[first].school,
        mentor=placements[first].mentor,
        instituutsopleider=context.persons["io"],
        duo_with=placements[first],
    )


def _person(context, first, infix, last, role, *, school=None, partner=None):
    slug = f"{first}.{last}".lower().replace(" ", "")
    person = Person.objects.create(
        partnership=context.partnership,
        first_name=first,
        infix=infix,
        last_name=last,
        email=f"{slug}@samen.example",
    )
    RoleAssignment.objects.create(
        partnership=context.partnership,
        person=person,
        role=role,
        school=context.schools[school] if school else None,
        partner=context.partners[partner] if partner else None,
        schooljaar_from=Schooljaar.current().start_year - 1,
    )
    return person
