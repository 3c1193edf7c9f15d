"""Demo rows of the quality cycle (SAMEN only): the Gesprekskader of last and this schooljaar,
this year's jaarplan (adopted by the stuurgroep at its last meeting), and a contactmiddag for
schoolopleiders with the Gesprekskader: two findings, next steps and two follow-up actions
(seed 000).

- `coordinator@samen.example` (projectcoördinator) edits the Gesprekskader, drafts a new
  jaarplan version, records sessions, findings and actions, and ticks next steps in the
  terugblik.
- `stuurgroep@samen.example` reads it all and adopts a jaarplan that is ter vaststelling.
- `schoolopleider@samen.example` owns an activity and an action (her dashboard lists them);
  `io@samen.example` took part in the contactmiddag and reads that session back, nothing more.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from network.models import Body, Meeting
from pdca import services as pdca
from pdca.models import ActivityStatus, Waarborg
from samen.schooljaar import Schooljaar


def extend(context):
    if context.slug != "samen":
        return
    persons = context.persons
    year = Schooljaar.current()
    today = timezone.localdate()
    coordinator = dataclasses.replace(context.actor, person=persons["coordinator"])
    stuurgroep = dataclasses.replace(context.actor, person=persons["stuurgroep"])

    # Last year's Gesprekskader from the catalogue; this year's a copy, with one item sharpened
    # (last year's keeps its wording).
    pdca.seed_gesprekskader(context.partnership, year.start_year - 1)
    kader = pdca.start_gesprekskader(coordinator, year.start_year)
    website = kader.items.get(subtheme="Zicht op kwaliteit", number=1)
    pdca.save_item(
        coordinator,
        kader,
        website,
        waarborg=website.waarborg,
        theme=website.theme,
        subtheme=website.subtheme,
        number=website.number,
        text=website.text + ", en dat is aan het eind van het schooljaar nagegaan",
    )

    # Plan: drafted by the projectgroep (the projectcoördinator here), adopted by the stuurgroep.
    plan = pdca.create_jaarplan(
        coordinator, schooljaar=year.start_year, title=f"Jaarplan SAMEN {year}"
    )
    start = year.first_day
    goals = [
        (
            Waarborg.LERENDE_LERAAR,
            "Schoolplannen en websites laten zien dat je opleidingsschool bent",
            [
                (
                    "Netwerkbijeenkomst schoolleiders: SO&P in jaarplannen en op websites",
                    "coordinator",
                    150,
                    200,
                    ActivityStatus.BEZIG,
                ),
                (
                    "Websitecheck van alle opleidingsscholen",
                    "cooper_school",
                    300,
                    340,
                    ActivityStatus.GEPLAND,
                ),
            ],
        ),
        (
            Waarborg.LEEROMGEVING,
            "Het werkplekcurriculum samen doorontwikkelen",
            [
                (
                    "Contactmiddag schoolopleiders met het Gesprekskader (waarborg 2)",
                    "schoolopleider",
                    60,
                    90,
                    ActivityStatus.GEDAAN,
                ),
                (
                    "Studenten in de eerste twee leerjaren betrekken bij schoolbrede activiteiten",
                    "schoolopleider",
                    120,
                    330,
                    ActivityStatus.GEPLAND,
                ),
            ],
        ),
        (
            Waarborg.ORGANISATIE,
            "Schoolopleiders van besturen kunnen elkaars leergroepen begeleiden",
            [
                (
                    "Afspraken over uitwisseling in de stuurgroep",
                    "coordinator",
                    30,
                    120,
                    ActivityStatus.GEDAAN,
                )
            ],
        ),
        (
            Waarborg.KWALITEITSCULTUUR,
            "Het Gesprekskader in elke netwerkbijeenkomst benutten",
            [
                (
                    "Terugblik op de vervolgstappen in de laatste netwerkbijeenkomst",
                    "coordinator",
                    320,
                    345,
                    ActivityStatus.GEPLAND,
                )
            ],
        ),
    ]
    for waarborg, title, activities in goals:
        goal = pdca.save_goal(coordinator, plan, waarborg=waarborg, title=title)
        for name, owner, first, last, status in activities:
            activity = pdca.save_activity(
                coordinator,
                goal,
                title=name,
                owner=persons[owner],
                starts_on=start + dt.timedelta(days=first),
                ends_on=start + dt.timedelta(days=last),
            )
            if status != ActivityStatus.GEPLAND:
                pdca.set_activity_progress(coordinator, activity, status=status, notes="")
    pdca.submit_jaarplan(coordinator, plan)
    # Adopted at the stuurgroep's last meeting (demo/network.py: 45 days ago).
    meeting = (
        Meeting.objects.filter(body__kind=Body.Kind.STUURGROEP, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    pdca.adopt_jaarplan(stuurgroep, plan, meeting)

    # Check: the contactmiddag of seed 000, on two items of waarborg 2.
    held_on = max(year.first_day + dt.timedelta(days=45), today - dt.timedelta(days=21))
    held_on = min(held_on, today)
    sub = "Leeromgeving opleidingsschool en opleidingsinstituut"
    safe = kader.items.get(subtheme=sub, number=1)
    beyond = kader.items.get(subtheme=sub, number=7)
    session = pdca.save_session(
        coordinator,
        held_on=held_on,
        title="Contactmiddag schoolopleiders",
        context="contactmiddag",
        participants=[persons["schoolopleider"], persons["io"], persons["cooper_school"]],
        guests="Twee trainers van de mentorentraining (Hogeschool KPZ)",
        items=[safe, beyond],
    )
    found_safe = pdca.add_finding(
        coordinator,
        session,
        item=safe,
        text="De meeste mentoren creëren door hun open houding een veilige leeromgeving: ze "
        "maken tijd om lesopdrachten voor te bespreken en lesactiviteiten na te bespreken. "
        "Studenten nemen de aanpak van hun mentor wel snel als norm.",
    )
    found_beyond = pdca.add_finding(
        coordinator,
        session,
        item=beyond,
        text="Studenten zijn welkom bij teamactiviteiten, maar vooral in de laatste twee jaar "
        "van de opleiding worden ze uitgenodigd voor scholing en leerlingbesprekingen.",
    )
    pdca.create_action(
        coordinator,
        found_safe,
        title="Trainers van de mentorentraining vragen nadrukkelijk aandacht te besteden aan "
        "experimenteren",
        owner=persons["ic_kpz"],
        due_on=today + dt.timedelta(days=30),
    )
    pdca.create_action(
        coordinator,
        found_beyond,
        title="Met de CoOP'er agenderen: studenten in leerjaar 1 en 2 betrekken bij "
        "schoolbrede activiteiten",
        owner=persons["schoolopleider"],
        due_on=today - dt.timedelta(days=3),  # overdue: the overview shows it
    )
    pdca.add_next_step(
        coordinator,
        session,
        kind="ik_ga",
        person=persons["schoolopleider"],
        item=safe,
        text="mentoren bij de start van de stage uitnodigen om studenten expliciet te laten "
        "experimenteren",
    )
    pdca.add_next_step(
        coordinator,
        session,
        kind="ik_wil",
        item=beyond,
        text="weten hoe andere scholen eerstejaars bij het team betrekken",
    )
