"""The school holidays per region (samen/schoolvakanties.py) and how a due date avoids them."""

import datetime as dt

from samen import schoolvakanties as v

D = dt.date


def test_a_day_in_one_regions_holiday_is_a_holiday_there_and_for_an_unknown_region():
    carnaval = D(2027, 2, 9)  # zuid's voorjaarsvakantie, 6–14 February 2027
    assert v.holiday_on(carnaval, "zuid").name == "voorjaarsvakantie"
    assert v.holiday_on(carnaval, "noord") is None
    assert v.holiday_on(carnaval, "").name == "voorjaarsvakantie"  # unknown: every region's


def test_a_due_date_moves_to_the_nearer_side_of_the_holiday_within_the_placement():
    # Kerstvakantie 19 December 2026 – 3 January 2027.
    assert v.avoid(D(2026, 12, 21), "noord") == D(2026, 12, 18)  # 3 days back, 14 ahead
    assert v.avoid(D(2027, 1, 2), "noord") == D(2027, 1, 4)  # 15 days back, 2 ahead
    # The placement ends in the holiday: only the day before it is inside the placement.
    assert v.avoid(D(2027, 1, 2), "noord", latest=D(2027, 1, 2)) == D(2026, 12, 18)
    # A placement wholly inside the holiday keeps its date: the period does not allow.
    inside = {"earliest": D(2026, 12, 20), "latest": D(2027, 1, 2)}
    assert v.avoid(D(2026, 12, 28), "noord", **inside) == D(2026, 12, 28)


def test_a_day_outside_any_holiday_and_a_year_without_data_stay_as_they_are():
    assert v.avoid(D(2026, 11, 18), "") == D(2026, 11, 18)
    assert v.avoid(D(2030, 12, 25), "") == D(2030, 12, 25)  # not in the table: nothing known
