"""The Dutch school holidays (schoolvakanties) per holiday region: noord, midden, zuid.

The minister advises the dates of each schooljaar's herfst-, kerst-, voorjaars- and meivakantie
per region and fixes the zomervakantie (rijksoverheid.nl/onderwerpen/schoolvakanties); schools
keep to them with a few days' margin of their own. The table below holds those dates for the
schooljaren the portal plans in, one line per holiday, Saturday to Sunday as published. It is
data, not a rule: a new schooljaar is added here (docs/schoolvakanties.md says how it was
filled and what to check). A school with no region (`School.vakantieregio` blank) is treated
as if it were in all three: a day that is a holiday anywhere is avoided, so a due date never
falls in its holiday, whatever its region turns out to be. Years outside the table have no
holidays known, and nothing is moved then.

Used for the due dates of the placement forms (placementforms.services.due_date), which
avoid a holiday where the placement's days allow.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regio(models.TextChoices):
    NOORD = "noord", _("Noord")
    MIDDEN = "midden", _("Midden")
    ZUID = "zuid", _("Zuid")


@dataclass(frozen=True)
class Vakantie:
    name: str
    first_day: dt.date
    last_day: dt.date
    regions: frozenset

    def __contains__(self, day):
        return self.first_day <= day <= self.last_day


def _d(text):
    return dt.date.fromisoformat(text)


ALL = frozenset(Regio.values)
N, M, Z = frozenset({"noord"}), frozenset({"midden"}), frozenset({"zuid"})

#: (name, first day, last day, regions): Saturday to Sunday, as the Rijksoverheid publishes them.
_TABLE = (
    # 2025-2026
    ("herfstvakantie", "2025-10-18", "2025-10-26", N | M),
    ("herfstvakantie", "2025-10-11", "2025-10-19", Z),
    ("kerstvakantie", "2025-12-20", "2026-01-04", ALL),
    ("voorjaarsvakantie", "2026-02-21", "2026-03-01", N),
    ("voorjaarsvakantie", "2026-02-14", "2026-02-22", M | Z),
    ("meivakantie", "2026-04-25", "2026-05-03", ALL),
    ("zomervakantie", "2026-07-04", "2026-08-16", N),
    ("zomervakantie", "2026-07-18", "2026-08-30", M),
    ("zomervakantie", "2026-07-11", "2026-08-23", Z),
    # 2026-2027
    ("herfstvakantie", "2026-10-17", "2026-10-25", ALL),
    ("kerstvakantie", "2026-12-19", "2027-01-03", ALL),
    ("voorjaarsvakantie", "2027-02-20", "2027-02-28", N | M),
    ("voorjaarsvakantie", "2027-02-06", "2027-02-14", Z),
    ("meivakantie", "2027-04-24", "2027-05-02", ALL),
    ("zomervakantie", "2027-07-03", "2027-08-15", N),
    ("zomervakantie", "2027-07-17", "2027-08-29", M),
    ("zomervakantie", "2027-07-10", "2027-08-22", Z),
)

VAKANTIES = tuple(Vakantie(name, _d(a), _d(b), regions) for name, a, b, regions in _TABLE)


def holiday_on(day, region=""):
    """The holiday `day` falls in for a school in `region` (blank: in any region), or None."""
    for vakantie in VAKANTIES:
        if day in vakantie and (not region or region in vakantie.regions):
            return vakantie
    return None


def avoid(day, region="", *, earliest=None, latest=None):
    """`day`, or the nearest day outside the school's holidays within [earliest, latest]: the
    last day before the holiday or the first after it, whichever is closer (before on a tie);
    `day` itself when the holiday fills the whole span."""
    vakantie = holiday_on(day, region)
    if vakantie is None:
        return day
    candidates = []
    before = vakantie.first_day - dt.timedelta(days=1)
    while holiday_on(before, region):  # regions' holidays may adjoin
        before -= dt.timedelta(days=1)
    after = vakantie.last_day + dt.timedelta(days=1)
    while holiday_on(after, region):
        after += dt.timedelta(days=1)
    if earliest is None or before >= earliest:
        candidates.append(before)
    if latest is None or after <= latest:
        candidates.append(after)
    if not candidates:
        return day
    return min(candidates, key=lambda c: (abs((c - day).days), c))
