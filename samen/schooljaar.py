"""The Dutch school year (schooljaar): 1 August – 31 July, written "2025-2026".

Stored as the calendar year it starts in (an integer), so it sorts and compares simply.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

START_MONTH = 8


@dataclass(frozen=True, order=True)
class Schooljaar:
    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> "Schooljaar":
        return cls(day.year if day.month >= START_MONTH else day.year - 1)

    @classmethod
    def current(cls) -> "Schooljaar":
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, text: str) -> "Schooljaar":
        first, _, second = text.strip().partition("-")
        start = int(first)
        if second and int(second) != start + 1:
            raise ValueError(f"{text!r} is geen schooljaar")
        return cls(start)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start_year, START_MONTH, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start_year + 1, START_MONTH, 1) - dt.timedelta(days=1)

    def __contains__(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"


def schooljaar_choices(around: int | None = None, before: int = 3, after: int = 2):
    base = around or Schooljaar.current().start_year
    return [(y, str(Schooljaar(y))) for y in range(base - before, base + after + 1)]
