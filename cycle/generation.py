"""The kwaliteitscyclus as rows, and the review moments each schooljaar gets from them.

A partnership's cycle is a list of CycleActivity rows (seed 000's table: peilmoment, doel,
activiteit en instrument, betrokkenen), which coordinators edit. generate_schooljaar() turns
them into one schooljaar's ReviewMoments — every school's yearly evaluatiegesprek, the
two-yearly panel conversations, each school's scan once in four years, the internal peer
review of the cohort whose year it is, the national peer review once in six — and plans their
reminders. Running it again creates nothing twice, so beat runs it daily (tasks.py): a school
that entered the path since yesterday gets its "voor de start" and "start" moments. A
coordinator edits the rows and generates a schooljaar by hand through save_activity() and
generate() at the end.
"""

import calendar
import datetime as dt
import logging
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from partnerships.models import (
    Organisation,
    Partner,
    Partnership,
    School,
    TrainingStatus,
)
from samen.permissions import OutOfReach, Role
from samen.schooljaar import Schooljaar

from . import route, services
from .models import CycleActivity, CycleScope, Peilmoment, ReviewMoment

Kind = ReviewMoment.Kind
log = logging.getLogger(__name__)

#: Schools in the cycle: started with their nulmeting, or active opleidingsschool.
IN_CYCLE = (TrainingStatus.NULMETING, TrainingStatus.ACTIEF)
#: How many years each repeating peilmoment waits between two of its moments.
EVERY = {
    Peilmoment.JAARLIJKS: 1,
    Peilmoment.OM_HET_JAAR: 2,
    Peilmoment.VIER_JAAR: 4,
    Peilmoment.ZES_JAAR: 6,
}
#: The cohorts of the internal peer review: cohort n has it in first_schooljaar + n - 1, then
#: every four years (seed 000: "per '23-'24 in cohorten ingedeeld … eens per vier jaar").
COHORTS = 4
#: The peilmomenten of a school's route: made once per route, marked done by it (route.py).
ROUTE_MOMENTS = (Peilmoment.VOOR_DE_START, Peilmoment.START)


class Row(NamedTuple):
    """One row of the seed table, as CycleActivity's fields."""

    moment: str
    name: str
    goal: str
    activity: str
    kind: str
    participants: tuple
    participants_note: str
    scope: str
    months: tuple  # (month_from, month_to)
    first_schooljaar: int | None = None


SL, SO, MENTOR, IO = Role.SCHOOLLEIDER, Role.SCHOOLOPLEIDER, Role.MENTOR, Role.INSTITUUTSOPLEIDER
COOP, PC, IC = Role.COOPER, Role.PROJECTCOORDINATOR, Role.INSTITUUTSCOORDINATOR
TEAM = (SL, SO, MENTOR)  # "Team opleidingsschool"

# SAMEN's Kwaliteitscyclus (seed 000, "Kwaliteitscyclus Samen Opleiden en Professionaliseren"),
# row by row in the table's order, with the goal and activity in its own words. The seed gives
# no months: the windows are ours, chosen so that the yearly evaluatiegesprek feeds the next
# jaarplan and no school has two instruments in one term. The cycle "wordt per schooljaar
# '22-'23 in zijn geheel doorlopen": both panel conversations (om het jaar) count from
# 2022-2023; the national peer review is six years after the beoordelende peer review this
# kritische reflectie was written for (2022-2023). docs/kwaliteitscyclus.md: how each row is read.
# fmt: off
SAMEN_CYCLE = (
    # --- Voor de start (in the schooljaar a school enters the path: verkennend gesprek) ---
    Row(Peilmoment.VOOR_DE_START, "Scan en professioneel perspectief",
        "Draagvlak en bekendheid profiel opleidingsschool creëren of vergroten",
        "Scan Opleiden in de School / bespreken Professioneel perspectief",
        Kind.SCAN, TEAM, "Team opleidingsschool", CycleScope.SCHOOL, (9, 11)),
    Row(Peilmoment.VOOR_DE_START, "Verkennend gesprek",
        "Kansrijkheid en ambitie onderzoeken van school om vorm te kunnen geven aan SO&P zoals "
        "beschreven in Perspectief SAMEN",
        "Verkennend gesprek",
        Kind.VERKENNEND_GESPREK, (SL, SO, IO), "Schoolleider / schoolopleider / "
        "instituutsopleider", CycleScope.SCHOOL, (9, 10)),
    Row(Peilmoment.VOOR_DE_START, "Go / no-go van het bestuur",
        "Go-no go vanuit bestuur",
        "Afstemmingsgesprek",
        Kind.AFSTEMMINGSGESPREK, (Role.BESTUURDER, COOP), "Bestuurder / CoOP'er",
        CycleScope.SCHOOL, (11, 12)),
    # --- Start van de opleidingsschool (in the schooljaar of its nulmeting) ---
    Row(Peilmoment.START, "Nulmeting",
        "O-meting op basis waarvan school ontwikkelplan heeft. Na iedere vier jaar weer scan",
        "Uitkomsten Scan Opleiden in de School",
        Kind.NULMETING, (*TEAM, COOP, IO), "Team opleidingsschool / CoOP'er / IO'er",
        CycleScope.SCHOOL, (9, 12)),
    # --- Gedurende de kwaliteitscyclus: jaarlijks ---
    Row(Peilmoment.JAARLIJKS, "Evaluatiegesprek",
        "Jaarlijks wordt ingegaan op kwaliteit van en tevredenheid over de wijze waarop het "
        "samen opleiden en professionaliseren binnen de school vormgegeven wordt en wat het "
        "oplevert voor school-leerlingen-aankomende leraren-opleidingsinstituten, zodat "
        "uitkomst meegenomen kan worden in het daaropvolgende jaarplan van de school.",
        "Evaluatiegesprek waarbij het Gesprekskader wordt benut (jaarlijks), HRM-gesprek "
        "(jaarlijks)",
        Kind.EVALUATIEGESPREK, (SL, SO, COOP, IO, MENTOR),
        "Schoolleider / schoolopleider / CoOP'er / IO'er / mentor", CycleScope.SCHOOL, (3, 5)),
    Row(Peilmoment.JAARLIJKS, "HRM-gesprek instituutsopleiders",
        "Jaarlijks wordt ingegaan op kwaliteit van en tevredenheid over de wijze invulling "
        "wordt gegeven aan de rol van instituutsopleider en/of trainer SO&P, zodat uitkomst "
        "meegenomen kan worden in scholingstraject van instituutsopleiders en/of trainer SO&P.",
        "HRM-gesprek (jaarlijks)",
        Kind.HRM_GESPREK, (IC, IO), "Instituutscoördinatoren / IO'er / trainer SO&P",
        CycleScope.PARTNERSHIP, (4, 6)),
    Row(Peilmoment.JAARLIJKS, "Tevredenheidsenquête aankomende leraren",
        "Zicht krijgen op de mate waarin aankomende leraren tevreden zijn over de wijze waarop "
        "ze opgeleid, begeleid en beoordeeld worden binnen de opleidingsscholen",
        "Tevredenheidsenquête voor aankomende leraren (jaarlijks)",
        Kind.ENQUETE, (Role.STUDENT,), "Aankomende leraren", CycleScope.PARTNERSHIP, (4, 5)),
    Row(Peilmoment.JAARLIJKS, "Jaarplan Samen (projectgroep)",
        "Er wordt snel en adequaat ingespeeld op signalen/aandachtspunten/uitkomsten "
        "onderzoeken. Binnen deze afstemmingsmomenten wordt besproken hoe de visie en het beleid "
        "zoals vastgesteld in de Stuurgroep vorm krijgt binnen (de organisaties van het) "
        "partnerschap. Daarbij is ruimte voor eigen kleur, passend bij de betreffende "
        "organisatie, rechtdoend aan de voor iedereen geldende afspraken.",
        "Jaarplan Samen (jaarlijks)",
        Kind.JAARPLAN, (Role.PROJECTGROEP,), "Projectgroep Samen", CycleScope.PARTNERSHIP,
        (5, 6)),
    Row(Peilmoment.JAARLIJKS, "Jaarplan en financieel kader (stuurgroep)",
        "Afstemming van beleid, zodat SO&P op een gelijkvormige en gelijkwaardige manier wordt "
        "vormgegeven, met ruimte voor eigen kleur, passend bij het betreffende bestuur of "
        "stichting of partnerschap",
        "Jaarplan Samen, Financieel Kader SO&P-PVO (jaarlijks)",
        Kind.JAARPLAN, (Role.STUURGROEP,), "Stuurgroep Samen / Penvoerdersoverleg SO&P",
        CycleScope.PARTNERSHIP, (6, 7)),
    Row(Peilmoment.JAARLIJKS, "Netwerkbijeenkomst bestuur",
        "Door uitwisseling van informatie en het delen van ervaringen en onderzoeksresultaten "
        "op het gebied van SO&P kunnen sturen op het behalen van de doelen van SO&P",
        "Jaarplan Samen, Gesprekskader (jaarlijks)",
        Kind.NETWERKBIJEENKOMST, (SO, SL, IC, Role.BESTUURDER),
        "Netwerkbijeenkomst Bestuur (schoolopleiders en/of schoolleiders en/of "
        "instituutscoördinatoren, bestuurder sluit aan indien nodig of wenselijk)",
        CycleScope.BOARD, (1, 2)),
    # --- Om het jaar ---
    Row(Peilmoment.OM_HET_JAAR, "Panelgesprek aankomende leraren",
        "Ophalen van informatie over tevredenheid, gemis, behoeften en wensen ten aanzien van "
        "werkplekcurriculum en praktijk, om verbeterpunten te identificeren",
        "Panelgesprekken met aankomende leraren (om het jaar)",
        Kind.PANELGESPREK, (Role.STUDENT, SO, IO),
        "Aankomende leraren / verschillende actoren van de opleidingsscholen en "
        "opleidingsinstituten", CycleScope.PARTNERSHIP, (2, 3), 2022),
    Row(Peilmoment.OM_HET_JAAR, "Panelgesprek cluster opleidingsscholen",
        "Ophalen van informatie over invulling van SO&P op de werkvloer ten aanzien van inhoud, "
        "leeromgeving, organisatie en kwaliteit, om verbeterpunten te identificeren. De "
        "uitkomsten worden per waarborg meegenomen in de ontwikkeldoelen van het partnerschap "
        "en meegenomen in de jaarplannen.",
        "Panelgesprekken met cluster opleidingsscholen (om het jaar)",
        Kind.PANELGESPREK, (SO, SL, COOP, PC, IC),
        "Verschillende actoren van de opleidingsscholen / CoOP'er / projectcoördinator / "
        "instituutscoördinatoren", CycleScope.PARTNERSHIP, (2, 3), 2022),
    # --- Elke vier jaar ---
    Row(Peilmoment.VIER_JAAR, "Scan Opleiden in de School",
        "De scan helpt om inzicht te krijgen waar de school staat qua ontwikkeling naar een "
        "professionele leergemeenschap, en wat volgende stappen in deze ontwikkeling naar "
        "opleidingsschool zouden kunnen zijn",
        "Scan Opleiden in de School",
        Kind.SCAN, (*TEAM, IO, COOP), "Team opleidingsschool / IO'er / eventueel CoOP'er",
        CycleScope.SCHOOL, (10, 12), 2023),
    Row(Peilmoment.VIER_JAAR, "Interne peer review",
        "De opleidingsscholen worden per '23-'24 in cohorten ingedeeld, zodat ieder jaar peer "
        "reviews/panelgesprekken plaatsvinden en iedere OS eens per vier jaar betrokken wordt "
        "bij een ontwikkelingsgerichte peerreview. Net als de scan worden de peerreviews benut "
        "om kwaliteit per OS, maar ook van het hele netwerk SO&P inclusief partnerschap, in "
        "beeld te brengen voor verdere ontwikkeling",
        "Peerreview m.b.v. Gesprekskader / Scan Opleiden in de School",
        Kind.PEERREVIEW_INTERN, (SL, SO, MENTOR, IO, COOP),
        "Verschillende actoren binnen de opleidingsscholen / opleidingsinstituten",
        CycleScope.COHORT, (1, 4), 2023),
    # --- Elke zes jaar (landelijk) ---
    Row(Peilmoment.ZES_JAAR, "Landelijke peer review",
        "Deelname aan ontwikkelingsgerichte peerreview als opleidingsschool op het moment dat "
        "de beoordelende peerreview met positief resultaat is doorlopen; de peerreviews binnen "
        "de cohorten dienen als midterm-review.",
        "Ontwikkelingsgerichte peerreview (landelijk)",
        Kind.PEERREVIEW_LANDELIJK, (PC, COOP, IC, Role.STUURGROEP, Role.PROJECTGROEP),
        "Projectgroep / stuurgroep / coördinatoren", CycleScope.PARTNERSHIP, (1, 6), 2028),
)
# fmt: on


@transaction.atomic
def seed_cycle(partnership, rows=SAMEN_CYCLE):
    """Gives a partnership the kwaliteitscyclus `rows` (default: SAMEN's, seed 000), unless it
    has one already: seeding twice, or over a cycle its coordinators edited, adds nothing."""
    if CycleActivity.objects.filter(partnership=partnership).exists():
        return []
    return CycleActivity.objects.bulk_create(
        CycleActivity(
            partnership=partnership,
            moment=row.moment,
            name=row.name,
            goal=row.goal,
            activity=row.activity,
            kind=row.kind,
            participants=[str(r) for r in row.participants],
            participants_note=row.participants_note,
            scope=row.scope,
            month_from=row.months[0],
            month_to=row.months[1],
            first_schooljaar=row.first_schooljaar,
            order=i,
        )
        for i, row in enumerate(rows, start=1)
    )


# --- Windows ----------------------------------------------------------------------------------


def _in_schooljaar(year, month):
    """The calendar year of `month` in schooljaar `year` (August–July)."""
    return year if month >= 8 else year + 1


def window(activity, year):
    """(first day, last day) of the activity's months in schooljaar `year`."""
    start = dt.date(_in_schooljaar(year, activity.month_from), activity.month_from, 1)
    end_year = _in_schooljaar(year, activity.month_to)
    last = calendar.monthrange(end_year, activity.month_to)[1]
    end = dt.date(end_year, activity.month_to, last)
    if end < start:  # a window that wraps past July: it ends in the next calendar year
        end = dt.date(end.year + 1, end.month, calendar.monthrange(end.year + 1, end.month)[1])
    return start, end


def _shifted(activity, year, since):
    """A school's route moment: the activity's window, or — when the school took the step
    after the window began — a window as long, beginning on the day it took it, and ending
    no later than the schooljaar's last day."""
    start, end = window(activity, year)
    if since is None or since <= start:
        return start, end
    return since, max(since, min(since + (end - start), Schooljaar(year).last_day))


# --- Who gets a moment in a schooljaar ----------------------------------------------------------


def runs_in(activity, year):
    """Does a repeating activity of the whole partnership or a board come round in `year`?"""
    every = EVERY.get(activity.moment)
    if every is None:
        return False
    first = activity.first_schooljaar if activity.first_schooljaar is not None else year
    return (year - first) % every == 0


def scan_due(school, activity, year, started):
    """Is a school's four-yearly scan due in `year`? Four years after its 0-meting, and every
    four years on (seed 000: "Na iedere vier jaar weer scan"); when the portal does not know
    its 0-meting, in its cohort's year, with its peer review ("Peerreview m.b.v.
    Gesprekskader/ Scan opleiden in de School"); without either, never."""
    if started is not None:
        return year > started and (year - started) % 4 == 0
    return school.cohort is not None and cohort_of_year(activity, year) == school.cohort


def cohort_of_year(activity, year):
    """The cohort whose internal peer review falls in `year` (1–4)."""
    first = activity.first_schooljaar if activity.first_schooljaar is not None else year
    return (year - first) % COHORTS + 1


def _title(activity, place=None):
    return f"{activity.name} – {place}" if place is not None else activity.name


def _boards(partnership, year):
    """The boards that are partners of the partnership in schooljaar `year`."""
    sj = Schooljaar(year)
    return list(
        Partner.objects.filter(
            partnership=partnership,
            organisation__kind=Organisation.Kind.BOARD,
            joined_on__lte=sj.last_day,
        )
        .exclude(left_on__lt=sj.first_day)
        .select_related("organisation")
    )


def _moment(partnership, activity, year, *, school=None, partner=None, span=None):
    """The unsaved moment `activity` makes in schooljaar `year` at a school, of a board or of
    the partnership, in its window (or `span`), with its cycle_key."""
    start, end = span or window(activity, year)
    key = f"{activity.pk}:" + (f"s{school.pk}" if school else f"b{partner.pk}" if partner else "p")
    return ReviewMoment(
        partnership=partnership,
        schooljaar=year,
        kind=activity.kind,
        school=school,
        partner=partner,
        title=_title(activity, school.name if school else partner),
        starts_on=start,
        due_on=end,
        cycle_activity=activity,
        cycle_key=key,
    )


def planned_moments(partnership, year):
    """The moments the cycle asks for in schooljaar `year`, unsaved, each with its cycle_key
    (docs/kwaliteitscyclus.md reads the seed's table row by row):

    - voor de start: schools whose latest verkennend gesprek falls in `year`;
    - start: schools whose board gave its go in `year` (or, when the portal knows of no go,
      whose nulmeting falls in it): their 0-meting;
    - jaarlijks / om het jaar / elke zes jaar: per its scope (partnership once, each board,
      each school in the cycle) in the years it comes round;
    - elke vier jaar, per school: its scan four years after its 0-meting, and every four years
      on (scan_due);
    - cohort: the schools of the cohort whose year it is (cohort_of_year).
    A school is in the cycle from the schooljaar of its nulmeting while it is active
    (training_status nulmeting or actief); schools that stopped get no new moments. The route
    moments the route has done are marked done (route.Route.done_on).
    """
    activities = list(CycleActivity.objects.filter(partnership=partnership, is_active=True))
    if not activities:
        return []
    schools = list(School.objects.filter(partnership=partnership).select_related(None))
    found = route.routes(schools)
    boards = _boards(partnership, year)
    no_route = route.Route()

    def in_cycle(school):
        started = found.get(school.pk, no_route).started_year
        return school.training_status in IN_CYCLE and (started is None or started <= year)

    planned = []

    def add(activity, *, school=None, partner=None, span=None):
        moment = _moment(partnership, activity, year, school=school, partner=partner, span=span)
        if school is not None and activity.moment in ROUTE_MOMENTS:
            moment.done_on = found.get(school.pk, no_route).done_on(moment.kind)
            moment.route_entry = found.get(school.pk, no_route).entry_year or 0
        planned.append(moment)

    for activity in activities:
        if activity.moment == Peilmoment.VOOR_DE_START:
            for school in schools:
                entered = found.get(school.pk, no_route).entered
                if entered and route.Route(entered).entry_year == year:
                    add(activity, school=school, span=_shifted(activity, year, entered))
        elif activity.moment == Peilmoment.START:
            for school in schools:
                start = found.get(school.pk, no_route).start
                if start and start[0] == year:
                    add(activity, school=school, span=_shifted(activity, year, start[1]))
        elif activity.scope == CycleScope.COHORT:
            cohort = cohort_of_year(activity, year)
            for school in schools:
                if school.cohort == cohort and in_cycle(school):
                    add(activity, school=school)
        elif activity.scope == CycleScope.SCHOOL and activity.moment == Peilmoment.VIER_JAAR:
            for school in schools:
                started = found.get(school.pk, no_route).started_year
                if in_cycle(school) and scan_due(school, activity, year, started):
                    add(activity, school=school)
        elif not runs_in(activity, year):
            continue
        elif activity.scope == CycleScope.SCHOOL:
            for school in schools:
                if in_cycle(school):
                    add(activity, school=school)
        elif activity.scope == CycleScope.BOARD:
            for board in boards:
                add(activity, partner=board)
        else:
            add(activity)
    return planned


def _generated(partnership):
    return ReviewMoment.objects.filter(partnership=partnership).exclude(cycle_key="")


def _route_moments(partnership):
    return _generated(partnership).filter(cycle_activity__moment__in=ROUTE_MOMENTS)


@transaction.atomic
def generate_schooljaar(partnership, year, *, today=None):
    """Brings schooljaar `year`'s review moments in line with the partnership's cycle, plans
    the reminders of those it creates (services.plan_reminders), and returns those.

    Guarantees: idempotent — a moment the cycle asks for is created once (its cycle_key, and a
    unique constraint on it, decide), however often this runs; a school's route moment once
    per route, in whichever schooljaar it was made. Moments already there keep their dates
    and reminders. Reconciled with what changed since:
    - a route moment that the school's route has since done is marked done on that day
      (route.mark_done), in any schooljaar;
    - a moment of the year that the cycle no longer asks for (a school stopped or changed
      cohort, a row was edited or switched off) is deleted, unless it was held or a reminder
      of it went out: those stay, as they were. Route moments are never deleted.
    Runs in the partnership's scope (callers: the task, the command, the cycle page, the demo).
    """
    planned = planned_moments(partnership, year)
    existing = set(
        _generated(partnership).filter(schooljaar=year).values_list("cycle_key", flat=True)
    )
    # A route moment of the same route made in another schooljaar (by an earlier reading of
    # the route: the start in the nulmeting's schooljaar) counts as made.
    entries = {m.cycle_key: m.route_entry for m in planned if hasattr(m, "route_entry")}
    for key, schooljaar in (
        _route_moments(partnership)
        .filter(cycle_key__in=entries)
        .values_list("cycle_key", "schooljaar")
    ):
        if schooljaar >= entries[key]:
            existing.add(key)
    created = ReviewMoment.objects.bulk_create([m for m in planned if m.cycle_key not in existing])
    open_route = _route_moments(partnership).filter(
        done_on__isnull=True, kind__in=route.ROUTE_KINDS
    )
    route.mark_done(list(open_route), route.routes(open_route.values_list("school_id", flat=True)))
    stale = (
        _generated(partnership)
        .filter(schooljaar=year, done_on__isnull=True)
        .exclude(cycle_key__in=[m.cycle_key for m in planned])
        .exclude(cycle_activity__moment__in=ROUTE_MOMENTS)
        .exclude(notifications__done_at__isnull=False)
    )
    stale.delete()
    services.plan_reminders([m for m in created if m.done_on is None], today=today)
    return created


def schooljaren_to_generate(today):
    """This schooljaar, and from 1 June also the next: its moments (and their first reminders,
    30 days before September's windows close) are there before the summer."""
    current = Schooljaar.of(today).start_year
    years = [current]
    if (today.month, today.day) >= (6, 1) and today.month < 8:
        years.append(current + 1)
    return years


def missing_cohorts(partnership):
    """How many schools in the cycle have no cohort yet (they get no internal peer review)."""
    return School.objects.filter(
        partnership=partnership, training_status__in=IN_CYCLE, cohort__isnull=True
    ).count()


def describe(activity):
    """How often an activity comes round, in words, for the cycle page."""
    if activity.scope == CycleScope.COHORT:
        return _("elk jaar één cohort; elke school eens per vier jaar")
    return str(Peilmoment(activity.moment).label)


def generate_due(today=None):
    """Beat's daily run: every active partnership's moments for schooljaren_to_generate(),
    each partnership in its own scope and transaction. Returns how many moments it created.

    Safe to run twice at once: a moment is created once (generate_schooljaar), and a race
    between two runs ends in the unique constraint, rolling back only that partnership's run,
    which the next day's run completes.
    """
    today = today or timezone.localdate()
    created = 0
    with scopes_disabled():  # the list of tenants, not their rows: each is entered below
        partnerships = list(Partnership.objects.filter(is_active=True))
    for partnership in partnerships:
        with scope(partnership=partnership):
            for year in schooljaren_to_generate(today):
                try:
                    created += len(generate_schooljaar(partnership, year, today=today))
                except IntegrityError:
                    log.warning("Cycle of %s for %s generated twice at once", partnership, year)
    return created


# --- The coordinators' operations: editing the cycle, generating a schooljaar --------------


@transaction.atomic
def save_activity(actor, activity):
    """Saves a row of the kwaliteitscyclus (new or changed). Guarantees: only a coordinator
    for the whole partnership (cycle.manage); moments generated before keep their dates."""
    activity.partnership = actor.partnership
    if activity.pk is not None:
        actor.require("cycle.manage", activity)
    activity.save()
    actor.require("cycle.manage", activity)
    return activity


@transaction.atomic
def generate(actor, year):
    """Generates schooljaar `year`'s moments from the cycle (generate_schooljaar) for a
    coordinator who may manage the cycle; returns the moments created."""
    # The cycle has no school: only an assignment for the whole partnership reaches it.
    if not actor.can("cycle.manage"):
        raise OutOfReach()
    return generate_schooljaar(actor.partnership, year)
