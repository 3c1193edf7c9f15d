"""The jaarplan's submission is asked first and warns of waarborgen without a goal; its
adoption names the stuurgroep meeting (overlegstructuur) where it was decided (issue 18 §3)."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from network.models import Body
from pdca import services as pdca
from pdca.models import Jaarplan
from samen.errors import DomainError
from tests import factories as f
from tests.fixtures import actor


def url(tenant, name, **kwargs):
    return reverse(f"pdca:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def test_submitting_asks_first_and_names_the_waarborgen_without_a_goal(samen, client):
    plan = samen.pdca.jaarplan  # a concept with one goal, at waarborg 1
    client.force_login(samen.users["projectgroep"])
    detail = client.get(url(samen, "jaarplan", pk=plan.pk)).content.decode()
    assert url(samen, "jaarplan_submit", pk=plan.pk) in detail
    page = client.get(url(samen, "jaarplan_submit", pk=plan.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert f"‘{plan.title}’ ter vaststelling aanbieden?" in body
    assert "Let op: bij 3 van de vier waarborgen staat nog geen doel" in body
    for name in ("Waarborg 2: Leeromgeving", "Waarborg 3: Organisatie", "Waarborg 4"):
        assert name in body
    assert "Waarborg 1: Lerende leraar" not in body
    # Without the confirmation nothing happens; with it, the plan lies ter vaststelling.
    client.post(url(samen, "jaarplan_submit", pk=plan.pk))
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.CONCEPT
    response = client.post(url(samen, "jaarplan_submit", pk=plan.pk), {"confirm": "1"})
    assert response.status_code == 302
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.TER_VASTSTELLING


def test_a_plan_with_a_goal_at_every_waarborg_is_submitted_without_a_warning(samen, client):
    plan = samen.pdca.jaarplan
    with samen.scope():
        for waarborg in (2, 3, 4):
            pdca.save_goal(actor(samen, "projectgroep"), plan, waarborg=waarborg, title="Doel")
    client.force_login(samen.users["projectgroep"])
    body = client.get(url(samen, "jaarplan_submit", pk=plan.pk)).content.decode()
    assert "ter vaststelling aanbieden?" in body
    assert "staat nog geen doel" not in body


@pytest.fixture
def meetings(samen, other):
    """The stuurgroep's meeting a week ago; besides it, what the adoption must not offer: the
    projectgroep's meeting, the stuurgroep's next meeting, and another partnership's."""
    with scopes_disabled():
        held = f.MeetingFactory(partnership=samen.partnership, body__name="Stuurgroep Samen")
        return {
            "held": held,
            "projectgroep": f.MeetingFactory(
                partnership=samen.partnership,
                body__kind=Body.Kind.PROJECTGROEP,
                body__name="Projectgroep Samen",
            ),
            "next": f.MeetingFactory(
                partnership=samen.partnership,
                body=held.body,
                starts_at=dt.datetime(2027, 1, 20, 15, 0, tzinfo=dt.UTC),
                location="Volgende keer",
            ),
            "other": f.MeetingFactory(partnership=other.partnership, body__name="Stuurgroep X"),
        }


def test_the_adoption_names_the_stuurgroep_meeting_and_the_plan_shows_it(samen, meetings, client):
    plan = samen.pdca.jaarplan
    with samen.scope():
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
    client.force_login(samen.users["stuurgroep"])
    page = client.get(url(samen, "jaarplan_adopt", pk=plan.pk)).content.decode()
    assert "Vergadering van de stuurgroep" in page
    # The picker offers the stuurgroep's meetings held so far, of this partnership only.
    picker = reverse(
        "picker",
        kwargs={"partnership_slug": samen.partnership.slug, "picker": "stuurgroep-meeting"},
    )
    options = client.get(picker, {"picker_q": "Samen"}).content.decode()
    assert "Stuurgroep Samen, 25 november 2026" in options
    assert "Projectgroep" not in options and "20 januari" not in options
    assert "Stuurgroep X" not in client.get(picker, {"picker_q": "X"}).content.decode()

    # Without a meeting, or with one that is not offered: asked again, nothing changed.
    refused = [None, meetings["projectgroep"], meetings["next"], meetings["other"]]
    for meeting in refused:
        data = {"confirm": "1", **({"meeting": meeting.pk} if meeting else {})}
        response = client.post(url(samen, "jaarplan_adopt", pk=plan.pk), data)
        assert response.status_code == 200
        assert "Kies " in response.content.decode()
        with samen.scope():
            plan.refresh_from_db()
            assert plan.status == Jaarplan.Status.TER_VASTSTELLING

    response = client.post(
        url(samen, "jaarplan_adopt", pk=plan.pk),
        {"confirm": "1", "meeting": meetings["held"].pk},
    )
    assert response.status_code == 302
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.VASTGESTELD
        assert plan.adopted_in == meetings["held"]
    detail = client.get(url(samen, "jaarplan", pk=plan.pk)).content.decode()
    assert "Vastgesteld in de vergadering: Stuurgroep Samen, 25 november 2026." in detail


def test_the_service_refuses_an_adoption_at_another_bodys_meeting(samen, meetings):
    plan = samen.pdca.jaarplan
    with samen.scope():
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
        for meeting in (None, meetings["projectgroep"], meetings["next"]):
            with pytest.raises(DomainError, match="Kies de vergadering van de stuurgroep"):
                pdca.adopt_jaarplan(actor(samen, "stuurgroep"), plan, meeting)
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.TER_VASTSTELLING
        pdca.adopt_jaarplan(actor(samen, "stuurgroep"), plan, meetings["held"])
        plan.refresh_from_db()
        assert plan.adopted_in == meetings["held"]
