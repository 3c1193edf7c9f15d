"""The rows of a file of placement requests, each checked as services.create_request would
check it — the student, the period, the instituutsopleider, their roles, one live request per
student and period — with a few queries for the whole file, not per row. The preview shows
these errors; services.import_requests saves all rows or none."""

from collections import defaultdict

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from placements.models import PlacementPeriod
from placements.services import holds_role
from roles.models import Person, Role
from samen.schooljaar import Schooljaar

from .models import PlacementRequest, RequestStatus

#: The optional columns: the request's field each fills, and its longest value.
_IMPORT_FIELDS = {
    "leerwensen": ("learning_wishes", 2000),
    "regio": ("region", 100),
    "schooltype": ("school_type", 100),
    "groep of vak": ("subject", 100),
    "reizen": ("travel", 200),
    "dagen": ("days", 100),
}


#: Dashes a spreadsheet or a keyboard types where a period's name has an en dash: the hyphen
#: (and minus, non-breaking hyphen, figure dash, em dash) all read as the same dash.
DASHES = str.maketrans(dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2212", "\u2013"))


def period_key(name):
    """How a period's name is matched: case, spacing and the kind of dash do not count
    ("Pabo voltijd jaar 2 - semester 2" finds "Pabo voltijd jaar 2 – semester 2")."""
    return " ".join(name.translate(DASHES).lower().split())


def checked_rows(actor, upload):
    """(number, row, errors, fields) for every row: each checked as create_request would,
    with two queries for the whole file, not per row."""
    rows = list(upload.rows())
    people = _people_by_email(row.get("e-mail") for _n, row in rows)
    periods = defaultdict(list)
    for period in actor.filter("matching.view", PlacementPeriod.objects.all()):
        periods[period_key(period.name)].append(period)
    # (student, period) -> the row that asks for it: a live request or one above in the file.
    taken = dict.fromkeys(
        PlacementRequest.objects.exclude(status=RequestStatus.WITHDRAWN).values_list(
            "student_id", "period_id"
        )
    )
    for number, row in rows:
        errors = list(upload.row_errors.get(number, []))
        student = _row_student(row, people, errors)
        period = _row_period(row, periods, errors)
        io = _row_instituutsopleider(row, errors)
        if student is not None and period is not None:
            _check_row_request(number, student, period, io, taken, errors)
        fields = {}
        for column, (field, longest) in _IMPORT_FIELDS.items():
            if len(row.get(column) or "") > longest:
                errors.append(
                    _("‘%(column)s’ is te lang (hoogstens %(max)s tekens).")
                    % {"column": column, "max": longest}
                )
            fields[field] = (row.get(column) or "").strip()
        yield number, row, errors, (student, period, io, fields)
    numbers = {n for n, _r in rows}
    for number, errors in upload.row_errors.items():
        if number not in numbers:
            yield number, {}, errors, None


def _people_by_email(emails):
    """lower-case e-mail -> the people of the partnership with it (one query)."""
    emails = {(email or "").strip().lower() for email in emails}
    people = defaultdict(list)
    for person in Person.objects.annotate(lower_email=Lower("email")).filter(
        lower_email__in=emails
    ):
        people[person.lower_email].append(person)
    return people


def _row_student(row, people, errors):
    email = (row.get("e-mail") or "").strip().lower()
    found = people.get(email, [])
    if not email:
        errors.append(_("Vul het e-mailadres van de aankomende leraar in."))
    elif not found:
        errors.append(
            _("Niemand in dit partnerschap heeft het e-mailadres %(email)s.") % {"email": email}
        )
    elif len(found) > 1:
        errors.append(_("Meer dan één persoon heeft het e-mailadres %(email)s.") % {"email": email})
    return found[0] if len(found) == 1 else None


def _row_period(row, periods, errors):
    name = (row.get("periode") or "").strip()
    matches = periods.get(period_key(name), [])
    if not matches:
        errors.append(
            _("‘%(period)s’ is geen stageperiode waarvoor u aanvragen mag invoeren.")
            % {"period": name}
        )
    elif len(matches) > 1:
        errors.append(
            _("Er zijn meerdere stageperiodes met de naam ‘%(period)s’.") % {"period": name}
        )
    return matches[0] if len(matches) == 1 else None


def _row_instituutsopleider(row, errors):
    email = (row.get("instituutsopleider") or "").strip().lower()
    if not email:
        return None
    found = Person.objects.filter(email__iexact=email)[:2]
    if len(found) != 1:
        errors.append(
            _("Geen (unieke) instituutsopleider met het e-mailadres %(email)s.") % {"email": email}
        )
        return None
    return found[0]


def _check_row_request(number, student, period, io, taken, errors):
    """The row's people hold their roles in the period's schooljaar, and the student asks
    once for the period: no live request yet, not twice in the file."""
    schooljaar = Schooljaar(period.schooljaar)
    if not holds_role(student, Role.STUDENT, schooljaar):
        errors.append(
            _("%(person)s is in %(sj)s geen aankomende leraar.")
            % {"person": student, "sj": schooljaar}
        )
    if io is not None and not holds_role(io, Role.INSTITUUTSOPLEIDER, schooljaar):
        errors.append(
            _("%(person)s is in %(sj)s geen instituutsopleider.") % {"person": io, "sj": schooljaar}
        )
    key = (student.pk, period.pk)
    if key not in taken:
        taken[key] = number
    elif taken[key] is None:
        errors.append(
            _("%(student)s heeft al een aanvraag voor %(period)s.")
            % {"student": student, "period": period.name}
        )
    else:
        errors.append(
            _("Dezelfde aankomende leraar en periode staan al in rij %(row)s.")
            % {"row": taken[key]}
        )
