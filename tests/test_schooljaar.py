import datetime as dt

import pytest

from samen.schooljaar import Schooljaar


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 7, 31), "2025-2026"),
        (dt.date(2026, 8, 1), "2026-2027"),
        (dt.date(2027, 1, 15), "2026-2027"),
    ],
)
def test_schooljaar_runs_from_1_august_to_31_july(day, expected):
    assert str(Schooljaar.of(day)) == expected


def test_schooljaar_bounds_and_membership():
    sj = Schooljaar.parse("2026-2027")
    assert sj.first_day == dt.date(2026, 8, 1)
    assert sj.last_day == dt.date(2027, 7, 31)
    assert dt.date(2027, 7, 31) in sj
    assert dt.date(2027, 8, 1) not in sj


def test_schooljaar_rejects_a_range_that_is_not_one_year():
    with pytest.raises(ValueError, match="geen schooljaar"):
        Schooljaar.parse("2026-2028")
