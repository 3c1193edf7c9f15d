"""Operations of the partnership's network: overlegstructuur, professionalisation, expertise.

Plain functions, each one transaction; a refused operation raises `DomainError` with a Dutch
message the view shows. Every write takes `actor` (samen.permissions.Access) and checks what it
changes against that person's reach inside its transaction. Reads that must stay fast whatever
the partnership's size (`trained_overview`, `bodies_with_summary`) live here too, with their
query budget stated.
"""

import datetime as dt
from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from roles.models import Role, RoleAssignment
from samen.errors import DomainError
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar

from .models import (
    BodyMembership,
    Certificate,
    ExpertiseArea,
    Meeting,
)

# --- Overlegstructuur ----------------------------------------------------------------------


def current_membership_q(today: dt.date, prefix: str = "") -> Q:
    """Memberships that still run today ("lid tot" is inclusive)."""
    return Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": today})


def bodies_with_summary(bodies):
    """`bodies` annotated with `member_count` (current members) and `next_meeting` (a datetime
    or None). One query, whatever the number of bodies, members and meetings."""
    today = timezone.localdate()
    next_meeting = (
        Meeting.objects.filter(body=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return bodies.annotate(
        member_count=Count(
            "memberships", filter=current_membership_q(today, "memberships__"), distinct=True
        ),
        next_meeting=Subquery(next_meeting),
    )


def members_of(body):
    """The body's memberships, current members first, then former ones (`is_current`: the
    membership runs today, as current_membership_q says), each group by name."""
    today = timezone.localdate()
    memberships = list(body.memberships.select_related("person"))
    for m in memberships:
        m.is_current = m.until is None or m.until >= today
    memberships.sort(key=lambda m: (not m.is_current, m.person.last_name, m.person.first_name))
    return memberships


def meetings_of(body):
    """(upcoming, past): the body's meetings from now on, soonest first, and those before,
    latest first."""
    now = timezone.now()
    meetings = list(body.meetings.order_by("starts_at"))
    return [m for m in meetings if m.starts_at >= now], [m for m in meetings if m.starts_at < now][
        ::-1
    ]


@transaction.atomic
def save_body(actor, body):
    """Creates or changes a body of the overlegstructuur."""
    body.partnership = actor.partnership
    body.save()
    actor.require("body.manage", body)
    return body


@transaction.atomic
def save_meeting(actor, meeting):
    """Creates or changes a meeting of a body the actor manages."""
    actor.require("body.manage", meeting.body)
    meeting.partnership = actor.partnership
    meeting.save()
    return meeting


@transaction.atomic
def add_member(actor, body, person, *, function="", since=None, until=None):
    """Adds `person` to `body`. Guarantees: one current membership per person and body, and
    never a member from another partnership."""
    actor.require("body.manage", body)
    if person.partnership_id != body.partnership_id:
        raise DomainError(_("Deze persoon hoort niet bij dit partnerschap."))
    if since and until and until < since:
        raise DomainError(_("De einddatum ligt vóór de begindatum."))
    today = timezone.localdate()
    if until is None or until >= today:
        duplicate = BodyMembership.objects.filter(body=body, person=person).filter(
            current_membership_q(today)
        )
        if duplicate.exists():
            raise DomainError(
                _("%(person)s is al lid van %(body)s.") % {"person": person, "body": body}
            )
    return BodyMembership.objects.create(
        partnership=body.partnership,
        body=body,
        person=person,
        function=function,
        since=since,
        until=until,
    )


@transaction.atomic
def end_membership(actor, membership, on: dt.date | None = None):
    """Ends a membership on `on` (default today); the person stays listed as a former member."""
    actor.require("body.manage", membership.body)
    on = on or timezone.localdate()
    if membership.until is not None and membership.until < on:
        raise DomainError(_("Dit lidmaatschap is al beëindigd."))
    if membership.since and on < membership.since:
        raise DomainError(_("De einddatum ligt vóór de begindatum."))
    membership.until = on
    membership.save(update_fields=["until"])
    return membership


@transaction.atomic
def remove_membership(actor, membership):
    """Deletes a membership that was recorded by mistake (no trace remains)."""
    actor.require("body.manage", membership.body)
    membership.delete()


# --- Professionalisation -------------------------------------------------------------------


def valid_certificate_q(today: dt.date, prefix: str = "") -> Q:
    """Certificates that are valid today: no end date, or one that has not passed."""
    return Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})


@dataclass
class RecordedTraining:
    created: list
    skipped: list  # people who already held this certificate of this date


@transaction.atomic
def record_training(
    actor, *, people, kind, obtained_on, name="", valid_until=None
) -> RecordedTraining:
    """Records one training for many people at once (e.g. the 50 mentors who followed the
    mentorentraining on one date). All or nothing; a person who already holds a certificate
    of this kind obtained on this date is skipped, so submitting twice records nothing twice.
    """
    partnership = actor.partnership
    people = list(people)
    if not people:
        raise DomainError(_("Kies ten minste één persoon."))
    if any(p.partnership_id != partnership.pk for p in people):
        raise DomainError(_("Deze persoon hoort niet bij dit partnerschap."))
    if kind not in Certificate.Kind.values:
        raise DomainError(_("Onbekende training."))
    if valid_until and valid_until < obtained_on:
        raise DomainError(_("‘Geldig tot’ ligt vóór de datum waarop de training is behaald."))
    existing = set(
        Certificate.objects.filter(
            person__in=people, kind=kind, obtained_on=obtained_on
        ).values_list("person_id", flat=True)
    )
    skipped = [p for p in people if p.pk in existing]
    created = Certificate.objects.bulk_create(
        [
            Certificate(
                partnership=partnership,
                person=p,
                kind=kind,
                name=name,
                obtained_on=obtained_on,
                valid_until=valid_until,
            )
            for p in people
            if p.pk not in existing
        ]
    )
    ids = [c.pk for c in created]
    if actor.filter("certificate.manage", Certificate.objects.filter(pk__in=ids)).count() != len(
        ids
    ):
        raise OutOfReach()
    return RecordedTraining(created=created, skipped=skipped)


@transaction.atomic
def delete_certificate(actor, certificate):
    actor.require("certificate.manage", certificate)
    certificate.delete()


# --- The trained overview: "are our mentors trained?" --------------------------------------

#: Which certificate counts as trained for which role.
TRAINED_BY = {
    Role.MENTOR: Certificate.Kind.MENTORENTRAINING,
    Role.SCHOOLOPLEIDER: Certificate.Kind.SCHOOLOPLEIDERSTRAINING,
}


@dataclass
class TrainedCount:
    active: int = 0
    trained: int = 0

    @property
    def percentage(self) -> int | None:
        return round(100 * self.trained / self.active) if self.active else None


@dataclass
class TrainedRow:
    """One line of the overview: a school, a board or the total."""

    label: str
    board: str = ""
    mentors: TrainedCount = field(default_factory=TrainedCount)
    schoolopleiders: TrainedCount = field(default_factory=TrainedCount)


@dataclass
class TrainedOverview:
    schooljaar: Schooljaar
    schools: list
    boards: list
    total: TrainedRow


def trained_overview(schools, schooljaar: Schooljaar, today: dt.date) -> TrainedOverview:
    """Per school, per board and in total: the active mentors (and schoolopleiders) this
    schooljaar, and how many of them hold a valid mentorentraining (schoolopleiderstraining).

    Active: a MENTOR (SCHOOLOPLEIDER) role assignment with `school` set to that school, active
    in `schooljaar`. Trained: a certificate of the matching kind obtained on or before
    `today` with no end date or one on or after `today`. A person active at two schools
    counts at both schools, but once for a board and once in the total.

    Two queries whatever the number of schools and people: the schools, and one flat list of
    (school, person, role, trained) rows counted here.
    """
    schools = list(schools.select_related("board__organisation").order_by("name"))
    school_ids = [s.pk for s in schools]
    rows = (
        RoleAssignment.objects.active_in(schooljaar)
        .filter(school_id__in=school_ids, role__in=list(TRAINED_BY))
        .annotate(
            mentor_trained=Exists(_valid_certificates(Role.MENTOR, today)),
            so_trained=Exists(_valid_certificates(Role.SCHOOLOPLEIDER, today)),
        )
        .values_list("school_id", "person_id", "role", "mentor_trained", "so_trained")
        .distinct()
    )
    # school or board or total -> role -> {person_id: trained}
    people = {}
    board_of = {s.pk: s.board_id for s in schools}
    for school_id, person_id, role, mentor_trained, so_trained in rows:
        trained = mentor_trained if role == Role.MENTOR else so_trained
        for key in (("school", school_id), ("board", board_of[school_id]), ("total", None)):
            bucket = people.setdefault(key, {}).setdefault(role, {})
            bucket[person_id] = bucket.get(person_id, False) or trained

    def counts(key, role):
        found = people.get(key, {}).get(role, {})
        return TrainedCount(active=len(found), trained=sum(found.values()))

    def fill(row, key):
        row.mentors = counts(key, Role.MENTOR)
        row.schoolopleiders = counts(key, Role.SCHOOLOPLEIDER)
        return row

    school_rows = [
        fill(TrainedRow(label=s.name, board=str(s.board)), ("school", s.pk)) for s in schools
    ]
    boards = {}
    for s in schools:
        boards.setdefault(s.board_id, str(s.board))
    board_rows = sorted(
        (fill(TrainedRow(label=name), ("board", pk)) for pk, name in boards.items()),
        key=lambda r: r.label,
    )
    total = fill(TrainedRow(label=str(_("Totaal"))), ("total", None))
    return TrainedOverview(schooljaar, school_rows, board_rows, total)


def _valid_certificates(role, today):
    return Certificate.objects.filter(
        person_id=OuterRef("person_id"), kind=TRAINED_BY[role], obtained_on__lte=today
    ).filter(valid_certificate_q(today))


#: Sort keys of the overview table: ?sorteer=<key> or -<key>.
OVERVIEW_ORDERINGS = {
    "school": lambda r: r.label.lower(),
    "mentoren": lambda r: (r.mentors.percentage is None, r.mentors.percentage or 0),
    "schoolopleiders": lambda r: (
        r.schoolopleiders.percentage is None,
        r.schoolopleiders.percentage or 0,
    ),
}


def sort_rows(rows, ordering: str):
    """Sorts overview rows; rows without people stay at the end in either direction."""
    key = ordering.lstrip("-")
    if key not in OVERVIEW_ORDERINGS:
        return rows
    descending = ordering.startswith("-")
    sort_key = OVERVIEW_ORDERINGS[key]
    if key == "school":
        return sorted(rows, key=sort_key, reverse=descending)
    present = [r for r in rows if sort_key(r)[0] is False]
    absent = [r for r in rows if sort_key(r)[0] is True]
    return sorted(present, key=lambda r: sort_key(r)[1], reverse=descending) + absent


def overview_dataset(overview: TrainedOverview) -> tablib.Dataset:
    """The overview as a table with Dutch column headers (CSV/XLSX export)."""
    data = tablib.Dataset(
        headers=[
            _("Soort"),
            _("Naam"),
            _("Bestuur"),
            _("Mentoren actief"),
            _("Mentoren getraind"),
            _("Mentoren getraind (%)"),
            _("Schoolopleiders actief"),
            _("Schoolopleiders getraind"),
            _("Schoolopleiders getraind (%)"),
        ],
        title=str(_("Getraind %(jaar)s") % {"jaar": overview.schooljaar}),
    )

    def line(kind, row):
        m, s = row.mentors, row.schoolopleiders
        data.append(
            [
                kind,
                row.label,
                row.board,
                m.active,
                m.trained,
                "" if m.percentage is None else m.percentage,
                s.active,
                s.trained,
                "" if s.percentage is None else s.percentage,
            ]
        )

    for row in overview.schools:
        line(str(_("School")), row)
    for row in overview.boards:
        line(str(_("Bestuur")), row)
    line(str(_("Totaal")), overview.total)
    return data


# --- Expertise -----------------------------------------------------------------------------


@transaction.atomic
def save_area(actor, *, name, area=None):
    """Creates or renames an expertise area; names are unique per partnership (any case)."""
    partnership = actor.partnership
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Geef het expertisegebied een naam."))
    clash = ExpertiseArea.objects.filter(name__iexact=name)
    if area is not None:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        raise DomainError(_("Het expertisegebied ‘%(name)s’ bestaat al.") % {"name": name})
    if area is None:
        area = ExpertiseArea.objects.create(partnership=partnership, name=name)
    else:
        area.name = name
        area.save(update_fields=["name"])
    actor.require("expertise.manage", area)
    return area


@transaction.atomic
def delete_area(actor, area):
    """Deletes an area; the people who had it simply no longer list it."""
    actor.require("expertise.manage", area)
    area.delete()


@transaction.atomic
def set_expertise(actor, person, areas):
    """Gives `person` exactly `areas` (all of this partnership): everyone their own, the
    coordinators anyone's in reach."""
    actor.require("expertise.edit", person)
    areas = list(areas)
    if any(a.partnership_id != person.partnership_id for a in areas):
        raise DomainError(_("Dit expertisegebied hoort bij een ander partnerschap."))
    person.expertise.set(areas)
