"""Demo rows for the network: overlegstructuur, certificates and expertise.

Called by demo.data for each demo partnership, inside its scope. SAMEN follows the
overlegstructuur of seed 000 (stuurgroep, projectgroep, the networks of CoOP'ers and of
schoolopleiders, a kenniskring); VO Groningen (seed 003) gets a stuurgroep and the
opleidingsteam of its network. Meetings are spread around today, so every body shows both
past and planned meetings whenever the demo is loaded.
"""

import datetime as dt

from django.utils import timezone

from network import services
from network.models import Body, Certificate, ExpertiseArea, Meeting

K = Body.Kind

# body: (kind, name, description, ((person key, function), ...), meetings)
# meetings: ((days from today, hour, location), ...)
# fmt: off
SAMEN_BODIES = [
    (K.STUURGROEP, "Stuurgroep SAMEN",
     "Bestuurders van de vier besturen en de twee hogescholen: beleid, financiën en personele "
     "kaders, en tijd voor inhoudelijke vraagstukken en casussen. Stelt het jaarplan vast.",
     (("stuurgroep", "voorzitter"), ("coordinator", "secretaris"), ("ic_kpz", ""))),
    (K.PROJECTGROEP, "Projectgroep SAMEN",
     "CoOP'ers en instituutscoördinatoren: de spin in het web richting stuurgroep, "
     "opleidingsscholen en opleidingsinstituten. Stelt het concept-jaarplan op.",
     (("coordinator", "voorzitter"), ("cooper_school", ""), ("ic_kpz", ""))),
    (K.NETWERK_COOPERS, "Netwerk van CoOP'ers",
     "Het overkoepelend CoOP-overleg: ervaringen en voorbeelden delen, ook met CoOP'ers van "
     "andere partnerschappen.",
     (("coordinator", ""), ("cooper_school", ""))),
    (K.NETWERK_SCHOOLOPLEIDERS, "Netwerk van schoolopleiders SKO",
     "Netwerkbijeenkomsten van de schoolopleiders van SKO, voorbereid door de CoOP'er.",
     (("coordinator", "organisator"), ("schoolopleider", ""))),
    (K.KENNISKRING, "Kenniskring Jonge kind",
     "Mentoren, schoolopleiders en instituutsopleiders onderzoeken samen het leren van het "
     "jonge kind in groep 1-2.",
     (("io", "voorzitter"), ("mentor", ""), ("mentor3", ""), ("schoolopleider", ""))),
]

VO_BODIES = [
    (K.STUURGROEP, "Stuurgroep Onderwijsregio VO Groningen",
     "Sturen op inhoud en kwaliteit op het niveau van de onderwijsregio.",
     (("stuurgroep", "voorzitter"), ("coordinator", "secretaris"))),
    (K.OVERIG, "Opleidingsteam netwerk Groningen Stad",
     "Het opleidingsteam van de hub Hunzecollege en zijn partnerscholen.",
     (("schoolopleider", "coördinator opleidingsteam"), ("io", ""), ("mentor", ""),
      ("mentor2", ""))),
]

#: (days from today, hour, location): one past and two planned meetings per body.
MEETINGS = ((-45, 15, "Lelystad, bestuursbureau SKO"), (21, 15, "Online (Teams)"),
            (84, 10, "Zwolle, Hogeschool KPZ"))
VO_MEETINGS = ((-30, 16, "Groningen, Hunzecollege"), (35, 16, "Online (Teams)"))

SAMEN_AREAS = {
    "Jonge kind": ("mentor", "mentor3", "io"),
    "Rekenen": ("mentor2",),
    "Taal en lezen": ("mentor", "io"),
    "Passend onderwijs": ("mentor3", "schoolleider"),
    "Begeleiden van zij-instromers": ("schoolopleider", "coordinator"),
    "Praktijkonderzoek": ("schoolopleider", "io"),
}
VO_AREAS = {
    "Vakdidactiek bètavakken": ("mentor",),
    "Begeleiden van zij-instromers": ("schoolopleider",),
    "Praktijkonderzoek": ("io", "schoolopleider"),
}
# fmt: on


def extend(context):
    """`context` is a demo.data.DemoContext (partnership, slug, schools, persons, partners)."""
    today = timezone.localdate()
    if context.slug == "samen":
        _bodies(context, SAMEN_BODIES, MEETINGS, today)
        # Two of the three SAMEN mentors followed the mentorentraining, but Fatima el Amrani's
        # certificate has expired: the trained overview shows 1 of 3 until the coordinator
        # records this year's training for the others.
        _certificate(context, "mentor", Certificate.Kind.MENTORENTRAINING, today, 400, None)
        _certificate(context, "mentor3", Certificate.Kind.MENTORENTRAINING, today, 1200, -30)
        _certificate(
            context, "schoolopleider", Certificate.Kind.SCHOOLOPLEIDERSTRAINING, today, 700, None
        )
        _certificate(context, "coordinator", Certificate.Kind.TRAIN_DE_TRAINER, today, 300, None)
        _areas(context, SAMEN_AREAS)
    else:
        _bodies(context, VO_BODIES, VO_MEETINGS, today)
        _certificate(context, "mentor", Certificate.Kind.MENTORENTRAINING, today, 200, 900)
        _certificate(
            context, "schoolopleider", Certificate.Kind.SCHOOLOPLEIDERSTRAINING, today, 500, None
        )
        _areas(context, VO_AREAS)


def _bodies(context, bodies, meetings, today):
    start_of_year = dt.date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    for i, (kind, name, description, members) in enumerate(bodies):
        body = Body.objects.create(
            partnership=context.partnership, kind=kind, name=name, description=description
        )
        for key, function in members:
            services.add_member(
                context.actor, body, context.persons[key], function=function, since=start_of_year
            )
        for days, hour, location in meetings:
            day = today + dt.timedelta(days=days + 3 * i)  # bodies meet on different days
            Meeting.objects.create(
                partnership=context.partnership,
                body=body,
                starts_at=timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour)),
                location=location,
            )


def _certificate(context, key, kind, today, days_ago, valid_days):
    """A certificate obtained `days_ago`; valid until today + `valid_days` (None: no end)."""
    services.record_training(
        context.actor,
        people=[context.persons[key]],
        kind=kind,
        obtained_on=today - dt.timedelta(days=days_ago),
        valid_until=None if valid_days is None else today + dt.timedelta(days=valid_days),
    )


def _areas(context, areas):
    for name, keys in areas.items():
        area = ExpertiseArea.objects.create(partnership=context.partnership, name=name)
        area.people.add(*(context.persons[k] for k in keys))
