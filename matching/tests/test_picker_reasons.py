"""The matching board's searches offer only what can be assigned, and say why a school or a
mentor searched for is missing (issue 18 §3): a full school reads "… zit vol in …", not
"Niets gevonden."."""

from django.urls import reverse

from matching.tests.test_capacity_matching import ask, assign, offer, person_with, student


def search(client, tenant, picker, text, **values):
    url = reverse("picker", kwargs={"partnership_slug": tenant.partnership.slug, "picker": picker})
    response = client.get(url, {"picker_q": text, **values})
    assert response.status_code == 200
    return response.content.decode()


def fill(tenant):
    """The school's one place in the period, taken."""
    offer(tenant, places=(("groep 5", 1, False),), mentors=[(tenant.people["mentor"], 3)])
    assign(tenant, ask(tenant, student(tenant, "Een")))


def test_a_full_school_is_not_offered_and_the_search_says_it_is_full(samen, client_for):
    fill(samen)
    client = client_for(samen.users["coordinator"])
    found = search(client, samen, "matching-school", "Zonnebloem", period=samen.period.pk)
    assert "data-picker-option" not in found
    assert f"{samen.school.name} zit vol in {samen.period.name}" in found
    assert "Niets gevonden" not in found


def test_the_mentor_search_of_a_full_school_says_the_school_is_full(samen, client_for):
    fill(samen)
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    found = search(
        client,
        samen,
        "matching-mentor",
        mentor.last_name,
        school=samen.school.pk,
        period=samen.period.pk,
    )
    assert "data-picker-option" not in found
    assert f"{samen.school.name} zit vol in {samen.period.name}" in found


def test_the_mentor_search_says_which_mentor_has_no_room_or_is_not_offered(samen, client_for):
    colleague = person_with(samen, "mentor", school=samen.school, name="Collegajuf")
    offer(samen, places=(("groep 5", 3, False),), mentors=[(samen.people["mentor"], 1)])
    assign(samen, ask(samen, student(samen, "Een")))
    client = client_for(samen.users["coordinator"])
    values = {"school": samen.school.pk, "period": samen.period.pk}
    full = search(client, samen, "matching-mentor", samen.people["mentor"].last_name, **values)
    assert "geen ruimte meer" in full
    absent = search(client, samen, "matching-mentor", "Collegajuf", **values)
    assert f"{colleague} staat bij {samen.school.name} niet als beschikbare mentor" in absent


def test_a_school_with_room_is_offered_as_before(samen, client_for):
    offer(samen, places=(("groep 5", 2, False),), mentors=[(samen.people["mentor"], 3)])
    client = client_for(samen.users["coordinator"])
    found = search(client, samen, "matching-school", "Zonnebloem", period=samen.period.pk)
    assert "data-picker-option" in found and samen.school.name in found
