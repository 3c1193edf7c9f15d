"""The lifecycle leaves no form behind (issue 18 §3): an overstap closes the old placement's
forms that can no longer be completed and gives the new one due dates outside the school
holidays; its mentor search offers the new school's mentors and a wrong one is refused before
the confirmation; a verlenging says which due dates move and keeps a late form late unless
asked; a reopened form shows its reason to its three signers and is due afresh.

The fixture's placement runs 7 September 2026 – 29 January 2027 (the world day is 2 December
2026): startgesprek due 21 September, tussentijdse 18 November, eind 29 January.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from placementforms import notifications as form_notifications
from placementforms import services as forms
from placementforms.models import PlacementForm
from placementforms.selectors import status_label
from placementforms.tests.test_forms_cycle import confirm, form_url, fresh, sign_all
from placements.models import Placement, PlacementEvent
from placements.tests import test_lifecycle as lifecycle_tests
from placements.tests.test_lifecycle import move, running
from samen.errors import DomainError
from tests.fixtures import actor

elsewhere = lifecycle_tests.elsewhere  # the fixture: another school with its own mentor


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def forms_of(placement):
    with scopes_disabled():
        return {
            f.kind: f
            for f in PlacementForm.objects.filter(placement=placement).select_related(
                "response__version", "placement"
            )
        }


# --- Overstap ----------------------------------------------------------------------------------


def test_an_overstap_closes_the_old_forms_that_can_no_longer_be_completed(samen, elsewhere):
    school, mentor = elsewhere
    placement = running(samen)
    continuation = move(samen, placement, school, mentor)  # on 2 November 2026
    old = forms_of(placement)
    # Due after the last day at the old school: closed, with the move as the reason.
    for kind in ("tussentijds", "eind"):
        assert old[kind].is_closed, kind
        assert "De Klimop" in old[kind].closed_reason
        assert status_label(old[kind]) == "Gesloten (overstap)"
        assert not old[kind].is_overdue(dt.date(2027, 3, 1))
    # The startgesprek was due before the move: its conversation happened there.
    assert not old["start"].is_closed
    # Kept and readable, never changed or reminded.
    with samen.scope(), pytest.raises(DomainError, match="gesloten"):
        forms.save_answers(actor(samen, "student"), old["eind"], {"leerdoelen": "Nog iets"})
    assert form_notifications.due_recipients(old["eind"]) == []
    # The move's log names them; the new placement has forms of its own.
    with samen.scope():
        event = placement.events.get(kind=PlacementEvent.Kind.OVERSTAP)
    assert event.details["closed_forms"] == ["tussentijds", "eind"]
    assert set(forms_of(continuation)) == {"start", "tussentijds", "eind"}


def test_the_former_mentor_sees_the_closed_forms_as_closed_not_late(samen, elsewhere, client_for):
    school, mentor = elsewhere
    placement = running(samen)
    move(samen, placement, school, mentor)
    client = client_for(samen.users["mentor"])
    late = client.get(url(samen, "placementforms:list"), {"state": "te_laat"}).content.decode()
    # The startgesprek was due 21 September, before the move: still late; the tussentijdse
    # (18 November) came after it: closed, so not late.
    assert form_url(samen, kind="start", placement=placement) in late
    assert form_url(samen, kind="tussentijds", placement=placement) not in late
    everything = client.get(url(samen, "placementforms:list")).content.decode()
    assert everything.count(">Gesloten (overstap)</span>") == 2
    page = client.get(form_url(samen, kind="eind", placement=placement)).content.decode()
    assert "Gesloten op" in page and "overgestapt naar De Klimop" in page
    assert "Indienen" not in page


def test_the_new_placements_due_dates_avoid_the_school_holidays(samen, elsewhere):
    """A move on 7 December 2026: the startgesprek (21 December) and the tussentijdse (halfway,
    2 January) fall in the kerstvakantie (19 December – 3 January, samen/schoolvakanties.py);
    they move to the nearest day outside it: Friday 18 December and Monday 4 January."""
    school, mentor = elsewhere
    continuation = move(samen, running(samen), school, mentor, move_on=dt.date(2026, 12, 7))
    new = forms_of(continuation)
    assert new["start"].due_on == dt.date(2026, 12, 18)
    assert new["tussentijds"].due_on == dt.date(2027, 1, 4)
    assert new["eind"].due_on == dt.date(2027, 1, 29)


def overstap_data(school, mentor, **extra):
    return {
        "school": school.pk,
        "mentor": mentor.pk,
        "move_on": "2026-11-02",
        "reason": "Verhuisd",
        **extra,
    }


def test_the_overstap_confirmation_names_the_forms_it_closes(samen, elsewhere, client_for):
    school, mentor = elsewhere
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    asked = client.post(
        url(samen, "placements:overstap", pk=placement.pk), overstap_data(*elsewhere)
    )
    body = asked.content.decode()
    assert "bevestigen" in body
    assert "Gesloten door de overstap" in body
    assert "Tussentijdse beoordeling, Eindbeoordeling" in body


def test_a_mentor_of_another_school_is_refused_before_the_confirmation(
    samen, elsewhere, client_for
):
    school, _mentor = elsewhere
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:overstap", pk=placement.pk),
        overstap_data(school, samen.people["mentor"]),  # no confirm: the first step
    )
    body = response.content.decode()
    assert "geen Mentor / werkplekbegeleider of Vakbegeleider op De Klimop" in body
    assert 'name="move_on"' in body  # the form again, not the confirmation
    assert "Ja, overstap vastleggen" not in body


def search(client, tenant, picker, text, **values):
    target = reverse(
        "picker", kwargs={"partnership_slug": tenant.partnership.slug, "picker": picker}
    )
    response = client.get(target, {"picker_q": text, **values})
    assert response.status_code == 200
    return response.content.decode()


def test_the_overstap_mentor_search_offers_the_new_schools_mentors_and_says_why_not_others(
    samen, elsewhere, client_for
):
    school, mentor = elsewhere
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    page = client.get(url(samen, "placements:overstap", pk=placement.pk)).content.decode()
    assert "/kies/overstap-mentor/" in page
    values = {"school": school.pk, "move_on": "2026-11-02"}
    found = search(client, samen, "overstap-mentor", "Klimopmentor", **values)
    assert "data-picker-option" in found and "Klimopmentor" in found
    old_mentor = samen.people["mentor"]
    missing = search(client, samen, "overstap-mentor", old_mentor.last_name, **values)
    assert "data-picker-option" not in missing
    assert f"{old_mentor} is in 2026-2027 geen Mentor / werkplekbegeleider" in missing
    first = search(client, samen, "overstap-mentor", "Klimopmentor")
    assert "Kies eerst de nieuwe school" in first


# --- Verlenging --------------------------------------------------------------------------------


def test_the_verlenging_confirmation_says_which_due_dates_move_and_which_stay_late(
    samen, client_for
):
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    target = url(samen, "placements:extend", pk=placement.pk)
    form_page = client.get(target).content.decode()
    assert 'name="move_overdue"' in form_page  # two forms are late: the choice is offered
    data = {"ends_on": "2027-03-05", "reason": "Ziek geweest"}
    body = client.post(target, data).content.decode().lower()
    assert "eindbeoordeling: uiterlijk 29 januari 2027 → 5 maart 2027" in body
    assert "tussentijdse beoordeling: blijft uiterlijk 18 november 2026 en blijft te laat" in body
    moved = client.post(target, {**data, "move_overdue": "on"}).content.decode().lower()
    assert (
        "tussentijdse beoordeling: was te laat (uiterlijk 18 november 2026); wordt uiterlijk "
        "5 december 2026 en staat dan niet meer als te laat"
    ) in moved
    with samen.scope():
        assert Placement.objects.get(pk=placement.pk).ends_on == placement.ends_on  # asked only
    client.post(target, {**data, "confirm": "1"})
    assert forms_of(placement)["tussentijds"].due_on == dt.date(2026, 11, 18)
    assert forms_of(placement)["tussentijds"].is_overdue(dt.date(2026, 12, 2))


# --- Reopen ------------------------------------------------------------------------------------


def test_a_reopened_form_gets_a_fresh_due_date_and_shows_its_reason_to_all_signers(
    samen, client_for
):
    opened = confirm(samen)
    start = sign_all(samen, opened["start"])  # due 21 September
    with samen.scope():
        forms.reopen(actor(samen, "io"), start, "De leerdoelen moeten concreter.")
    reopened = fresh(start)
    assert reopened.due_on == dt.date(2026, 12, 16)  # two weeks after the world day
    assert status_label(reopened) == "Concept"  # not "te laat"
    for who in ("student", "mentor", "io"):
        page = client_for(samen.users[who]).get(form_url(samen, kind="start")).content.decode()
        assert "De leerdoelen moeten concreter." in page, who
        assert "heropend" in page.lower(), who
        assert "16 december 2026" in page.lower(), who
