"""Plan, Do, Check, Act: the Gesprekskader per schooljaar, the jaarplan's lifecycle and
versions, dialogue sessions with findings, next steps and actions, the overviews — and who
may do which (policy tests written by hand)."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from pdca import services as pdca
from pdca.catalogue import CATALOGUE
from pdca.models import (
    DialogueSession,
    Finding,
    FollowUpAction,
    Gesprekskader,
    Jaarplan,
    JaarplanActivity,
    JaarplanVersion,
    NextStep,
)
from roles.access import access_for
from samen.errors import DomainError
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar
from tests import clock
from tests import factories as f
from tests.fixtures import actor

YEAR = Schooljaar.of(clock.WORLD_DAY.date()).start_year  # the world's schooljaar


def url(tenant, name, **kwargs):
    return reverse(f"pdca:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


# --- The Gesprekskader, versioned per schooljaar ---------------------------------------------


def test_a_first_gesprekskader_starts_from_the_catalogue_with_the_seeds_items(samen):
    with samen.scope():
        kader = pdca.start_gesprekskader(actor(samen, "projectgroep"), YEAR - 3)
        texts = list(kader.items.values_list("text", flat=True))
    assert len(texts) == sum(len(items) for *_rest, items in CATALOGUE)
    assert any(t.startswith("de praktijkplaats en het opleidingsinstituut leiden") for t in texts)
    assert any(t.startswith("SO&P is zichtbaar in strategische beleidsplannen") for t in texts)


def test_this_years_gesprekskader_is_a_copy_and_editing_it_leaves_last_years_alone(samen):
    writer = actor(samen, "projectgroep")
    with samen.scope():
        last = pdca.seed_gesprekskader(samen.partnership, YEAR + 1)
        new = pdca.start_gesprekskader(writer, YEAR + 2)
        assert new.based_on == last
        assert new.items.count() == last.items.count()
        item = new.items.get(waarborg=4, subtheme="Zicht op kwaliteit", number=1)
        pdca.save_item(
            writer,
            new,
            item,
            waarborg=4,
            theme=item.theme,
            subtheme=item.subtheme,
            number=1,
            text="Nieuw geformuleerd item",
        )
        old = last.items.get(waarborg=4, subtheme="Zicht op kwaliteit", number=1)
        assert old.text.startswith("SO&P is zichtbaar")
        assert (
            new.items.get(waarborg=4, subtheme="Zicht op kwaliteit", number=1).text
            == "Nieuw geformuleerd item"
        )
        with pytest.raises(DomainError, match="al een gesprekskader"):
            pdca.start_gesprekskader(writer, YEAR + 2)


def test_only_the_projectgroep_and_projectcoordinator_edit_the_gesprekskader(samen, client):
    with samen.scope():
        with pytest.raises(OutOfReach):
            pdca.start_gesprekskader(actor(samen, "stuurgroep"), YEAR + 3)
        assert not Gesprekskader.objects.filter(schooljaar=YEAR + 3).exists()
    client.force_login(samen.users["stuurgroep"])
    assert client.get(url(samen, "gesprekskader", pk=samen.pdca.kader.pk)).status_code == 200
    assert client.get(url(samen, "item_edit", pk=samen.pdca.item.pk)).status_code == 404
    client.force_login(samen.users["mentor"])
    assert client.get(url(samen, "gesprekskader", pk=samen.pdca.kader.pk)).status_code == 404


# --- Plan: the jaarplan ----------------------------------------------------------------------


def _draft(client, samen):
    """The projectgroep drafts the fixture's jaarplan through the pages: a goal, an activity."""
    plan = samen.pdca.jaarplan
    client.force_login(samen.users["projectgroep"])
    response = client.post(
        url(samen, "goal_add", pk=plan.pk),
        {"waarborg": 4, "title": "SO&P zichtbaar op websites", "description": ""},
    )
    assert response.status_code == 302
    with samen.scope():
        goal = plan.goals.get(title="SO&P zichtbaar op websites")
    response = client.post(
        url(samen, "activity_add", pk=goal.pk),
        {
            "title": "Websitecheck",
            "owner": samen.people["schoolopleider"].pk,
            "starts_on": f"{YEAR + 1}-03-01",
            "ends_on": f"{YEAR + 1}-06-30",
        },
    )
    assert response.status_code == 302
    return plan, goal


def test_the_projectgroep_drafts_and_submits_the_stuurgroep_sees_and_adopts(samen, client):
    plan, _goal = _draft(client, samen)
    submit = url(samen, "jaarplan_submit", pk=plan.pk)
    assert client.post(submit, {"confirm": "1"}).status_code == 302
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.TER_VASTSTELLING
        version = plan.versions.get()
    titles = [g["title"] for g in version.snapshot["goals"]]
    assert "SO&P zichtbaar op websites" in titles
    # The projectgroep does not adopt.
    assert client.get(url(samen, "jaarplan_adopt", pk=plan.pk)).status_code == 404

    client.force_login(samen.users["stuurgroep"])
    dashboard = client.get(reverse("dashboard", args=[samen.partnership.slug])).content.decode()
    assert "Te vast te stellen" in dashboard and plan.title in dashboard
    confirm = client.get(url(samen, "jaarplan_adopt", pk=plan.pk))
    assert "Ja, vaststellen" in confirm.content.decode()
    client.post(url(samen, "jaarplan_adopt", pk=plan.pk))  # without the confirmation: nothing
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.TER_VASTSTELLING
    with scopes_disabled():
        meeting = f.MeetingFactory(partnership=samen.partnership)
    client.post(url(samen, "jaarplan_adopt", pk=plan.pk), {"confirm": "1", "meeting": meeting.pk})
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.VASTGESTELD
        version.refresh_from_db()
        assert version.adopted_by == samen.people["stuurgroep"]
    dashboard = client.get(reverse("dashboard", args=[samen.partnership.slug])).content.decode()
    assert "Te vast te stellen" not in dashboard


def test_an_adopted_jaarplan_is_read_only_until_a_new_concept_version(samen, client):
    plan, goal = _draft(client, samen)
    with scopes_disabled():
        meeting = f.MeetingFactory(partnership=samen.partnership)
    with samen.scope():
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
        pdca.adopt_jaarplan(actor(samen, "stuurgroep"), plan, meeting)
        with pytest.raises(DomainError, match="kan niet meer worden gewijzigd"):
            pdca.save_goal(actor(samen, "projectgroep"), plan, waarborg=1, title="Stiekem")
    # Through the page: a Dutch message, nothing changed, no 500.
    response = client.post(url(samen, "goal_add", pk=plan.pk), {"waarborg": 1, "title": "Stiekem"})
    assert response.status_code == 200
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    with samen.scope():
        assert not plan.goals.filter(title="Stiekem").exists()
        # Progress (Do) is not a change of the plan: the owner records it.
        activity = JaarplanActivity.objects.get(goal=goal)
    client.force_login(samen.users["schoolopleider"])
    response = client.post(
        url(samen, "activity", pk=activity.pk), {"status": "bezig", "notes": "Lijst gemaakt"}
    )
    assert response.status_code == 302
    with samen.scope():
        activity.refresh_from_db()
        assert (activity.status, activity.notes) == ("bezig", "Lijst gemaakt")
        # A new concept version starts from it; the adopted version stays.
        pdca.reopen_jaarplan(actor(samen, "projectgroep"), plan)
        pdca.save_goal(actor(samen, "projectgroep"), plan, waarborg=3, title="Nieuw doel")
        pdca.save_goal(actor(samen, "projectgroep"), plan, goal, waarborg=4, title="Anders")
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
        assert list(plan.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
        assert JaarplanVersion.objects.get(jaarplan=plan, number=1).adopted_at is not None
    client.force_login(samen.users["stuurgroep"])
    diff = client.get(url(samen, "jaarplan_diff", pk=plan.pk), {"van": 1, "naar": 2})
    body = diff.content.decode()
    assert 'class="diff-added"' in body
    assert "Nieuw doel" in body
    assert "Anders" in body and "SO&amp;P zichtbaar op websites" in body  # changed: old and new
    assert client.get(url(samen, "jaarplan_diff", pk=plan.pk), {"van": "x"}).status_code == 200


def test_the_difference_names_added_removed_and_unchanged_lines():
    old = {"title": "Plan", "goals": [{"waarborg": 1, "title": "A", "activities": []}]}
    new = {"title": "Plan", "goals": [{"waarborg": 2, "title": "B", "activities": []}]}
    lines = pdca.difference(old, new)
    assert ("same", "Titel: Plan") in lines
    assert ("removed", "Doel (Lerende leraar): A") in lines
    assert ("added", "Doel (Leeromgeving): B") in lines


def test_only_the_stuurgroep_adopts(samen):
    plan = samen.pdca.jaarplan
    with samen.scope():
        pdca.save_goal(actor(samen, "projectgroep"), plan, waarborg=1, title="Doel")
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
        for who in ("projectgroep", "coordinator", "mentor"):
            with pytest.raises(OutOfReach):
                pdca.adopt_jaarplan(actor(samen, who), plan, None)
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.TER_VASTSTELLING
        # Sent back for changes, it is a concept again.
        pdca.return_jaarplan(actor(samen, "stuurgroep"), plan)
        plan.refresh_from_db()
        assert plan.status == Jaarplan.Status.CONCEPT


def test_an_empty_plan_cannot_be_submitted_and_a_second_plan_for_a_year_is_refused(samen, client):
    client.force_login(samen.users["projectgroep"])
    with samen.scope():
        samen.pdca.jaarplan.goals.all().delete()
    submit = url(samen, "jaarplan_submit", pk=samen.pdca.jaarplan.pk)
    # Said before it is asked, and again when confirmed anyway: nothing changes.
    assert "Voeg eerst minstens één doel toe." in client.get(submit).content.decode()
    response = client.post(submit, {"confirm": "1"}, follow=True)
    assert "Voeg eerst minstens één doel toe." in response.content.decode()
    with samen.scope():
        samen.pdca.jaarplan.refresh_from_db()
        assert samen.pdca.jaarplan.status == Jaarplan.Status.CONCEPT
    response = client.post(url(samen, "jaarplan_create"), {"schooljaar": YEAR, "title": "Dubbel"})
    assert response.status_code == 200
    assert "Er is al een jaarplan voor" in response.content.decode()


def test_an_activity_ending_before_it_starts_is_refused_in_dutch(samen, client):
    client.force_login(samen.users["projectgroep"])
    response = client.post(
        url(samen, "activity_add", pk=samen.pdca.goal.pk),
        {"title": "Verkeerd om", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()
    with samen.scope():
        assert not JaarplanActivity.objects.filter(title="Verkeerd om").exists()


@pytest.mark.parametrize("who", ["mentor", "student", "schoolopleider", "io"])
def test_a_mentor_or_student_never_opens_a_jaarplan(samen, client, who):
    client.force_login(samen.users[who])
    assert client.get(url(samen, "jaarplan", pk=samen.pdca.jaarplan.pk)).status_code == 404
    assert client.get(url(samen, "jaarplannen")).status_code == 404
    assert client.get(url(samen, "overview")).status_code == 404


def test_an_outsider_gets_404_on_the_jaarplan_and_the_session(samen, other, client):
    client.force_login(other.users["stuurgroep"])
    assert client.get(url(samen, "jaarplan", pk=samen.pdca.jaarplan.pk)).status_code == 404
    own_slug = reverse(
        "pdca:jaarplan",
        kwargs={"partnership_slug": other.partnership.slug, "pk": samen.pdca.jaarplan.pk},
    )
    assert client.get(own_slug).status_code == 404
    with samen.scope(), pytest.raises(OutOfReach):
        pdca.adopt_jaarplan(actor(other, "stuurgroep"), samen.pdca.jaarplan, None)


# --- Check: dialogue sessions -------------------------------------------------------------------


def test_a_dialogue_session_records_findings_next_steps_and_an_action(samen, client):
    client.force_login(samen.users["projectgroep"])
    item = samen.pdca.item
    response = client.post(
        url(samen, "dialogue_create"),
        {
            "held_on": Schooljaar.current().first_day.isoformat(),
            "title": "Netwerkbijeenkomst instituutsopleiders",
            "context": "netwerkbijeenkomst",
            "participants": [samen.people["io"].pk, samen.people["schoolopleider"].pk],
            "guests": "Twee trainers",
            "items": [item.pk],
        },
    )
    assert response.status_code == 302
    with samen.scope():
        session = DialogueSession.objects.get(title="Netwerkbijeenkomst instituutsopleiders")
    page = client.get(session.get_absolute_url()).content.decode()
    for prompt in ("Waaruit blijkt dat?", "Hoe kun je dit zien?", "Hoe wordt het geborgd?"):
        assert prompt in page
    client.post(
        url(samen, "finding_add", pk=session.pk),
        {"finding-item": item.pk, "finding-text": "Veilig."},
    )
    client.post(
        url(samen, "next_step_add", pk=session.pk),
        {
            "step-kind": "ik_ga",
            "step-text": "terugblikken met mentor en student",
            "step-person": samen.people["io"].pk,
            "step-item": item.pk,
        },
    )
    client.post(
        url(samen, "next_step_add", pk=session.pk),
        {"step-kind": "ik_wil", "step-text": "geschoold worden in gesprekken", "step-waarborg": 3},
    )
    with samen.scope():
        finding = Finding.objects.get(text="Veilig.")
        assert finding.source == session and finding.waarborg == item.waarborg
        steps = list(session.next_steps.order_by("kind"))
        assert [(s.kind, s.person, s.waarborg) for s in steps] == [
            ("ik_ga", samen.people["io"], 2),
            ("ik_wil", None, 3),
        ]
    response = client.post(
        url(samen, "action_create", pk=finding.pk),
        {
            "title": "Mentorentraining: experimenteren",
            "owner": samen.people["mentor"].pk,
            "due_on": "2020-01-01",
        },
    )
    assert response.status_code == 302
    with samen.scope():
        action = FollowUpAction.objects.get(title="Mentorentraining: experimenteren")
        assert (action.finding, action.waarborg, action.schooljaar) == (finding, 2, YEAR)
    assert (
        "Mentorentraining: experimenteren"
        in client.get(session.get_absolute_url()).content.decode()
    )

    # The overview per waarborg shows it as open and overdue; the look back lists it.
    client.force_login(samen.users["stuurgroep"])
    overview = client.get(url(samen, "overview")).content.decode()
    assert "Mentorentraining: experimenteren" in overview and "te laat" in overview
    look_back = client.get(url(samen, "look_back")).content.decode()
    assert "terugblikken met mentor en student" in look_back
    assert "Mentorentraining: experimenteren" in look_back

    # The owner (a mentor) marks it done; another mentor does not even see it.
    client.force_login(samen.users["mentor"])
    response = client.post(url(samen, "action", pk=action.pk), {"status": "gedaan", "notes": "Ok"})
    assert response.status_code == 302
    with samen.scope():
        action.refresh_from_db()
        assert action.status == "gedaan" and action.done_on is not None
        with pytest.raises(OutOfReach):
            pdca.set_action_status(actor(samen, "student"), action, status="open", notes="")


def test_a_participant_reads_the_session_they_took_part_in_and_no_other(samen, client):
    with samen.scope():
        samen.pdca.session.participants.add(samen.people["io"])
    client.force_login(samen.users["io"])
    assert client.get(samen.pdca.session.get_absolute_url()).status_code == 200
    assert client.get(url(samen, "dialogue_edit", pk=samen.pdca.session.pk)).status_code == 404
    with samen.scope():
        other_session = DialogueSession.objects.create(
            partnership=samen.partnership,
            held_on=dt.date(YEAR, 9, 1),
            schooljaar=YEAR,
            title="Andere sessie",
            context="anders",
        )
    assert client.get(other_session.get_absolute_url()).status_code == 404
    listing = client.get(url(samen, "dialogues")).content.decode()
    assert samen.pdca.session.title in listing and "Andere sessie" not in listing


def test_bad_input_in_a_session_gets_a_dutch_message_and_changes_nothing(samen, client):
    session = samen.pdca.session
    writer = actor(samen, "projectgroep")
    with samen.scope():
        with pytest.raises(DomainError, match="deelgenomen"):
            pdca.add_next_step(
                writer, session, kind="ik_ga", text="x", person=samen.people["mentor"], waarborg=1
            )
        last_year = pdca.seed_gesprekskader(samen.partnership, YEAR - 1)
        with pytest.raises(DomainError, match="Kies items uit het gesprekskader"):
            pdca.save_session(
                writer,
                session,
                held_on=session.held_on,
                title=session.title,
                context=session.context,
                items=[last_year.items.first()],
            )
        with pytest.raises(DomainError, match="besproken"):
            pdca.add_finding(writer, session, item=last_year.items.first(), text="x")
        with pytest.raises(OutOfReach):
            pdca.add_finding(actor(samen, "stuurgroep"), session, item=samen.pdca.item, text="x")
    client.force_login(samen.users["projectgroep"])
    response = client.post(
        url(samen, "finding_add", pk=session.pk), {"finding-item": "999999", "finding-text": ""}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(url(samen, "dialogue_create"), {"held_on": "gisteren", "title": ""})
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()
    with samen.scope():
        assert Finding.objects.filter(source_id=session.pk).count() == 1


def test_next_steps_are_ticked_in_the_look_back(samen, client):
    client.force_login(samen.users["projectgroep"])
    step = samen.pdca.step
    back = url(samen, "look_back")
    response = client.post(url(samen, "next_step_done", pk=step.pk), {"done": "1", "next": back})
    assert response["Location"] == back
    with samen.scope():
        step.refresh_from_db()
        assert step.done is True
    # An address elsewhere is not followed.
    response = client.post(
        url(samen, "next_step_done", pk=step.pk), {"done": "0", "next": "https://evil.example/"}
    )
    assert response["Location"] == samen.pdca.session.get_absolute_url()
    client.force_login(samen.users["stuurgroep"])
    assert client.post(url(samen, "next_step_done", pk=step.pk), {"done": "0"}).status_code == 404


# --- The outcome hook -------------------------------------------------------------------------


def test_another_instrument_registers_a_finding_and_an_action_follows_from_it(samen):
    """A later instrument (here the dossier stands in for a scan) registers its outcome with
    record_finding; a follow-up action points back at it, for the quality writers only."""
    with samen.scope():
        finding = pdca.record_finding(
            source=samen.dossier, schooljaar=YEAR, waarborg=3, text="De scan: rollen onduidelijk"
        )
        assert finding.source == samen.dossier
        with pytest.raises(OutOfReach):
            pdca.create_action(actor(samen, "stuurgroep"), finding, title="Nee")
        action = pdca.create_action(
            actor(samen, "coordinator"), finding, title="Rollen beschrijven"
        )
        assert (action.waarborg, action.finding) == (3, finding)
        with pytest.raises(DomainError):
            pdca.record_finding(source=samen.dossier, schooljaar=YEAR, waarborg=3, text="  ")
    with scopes_disabled():
        assert NextStep.objects.filter(partnership=samen.partnership).count() == 1


def test_a_board_scoped_role_writes_nothing_of_the_cycle(samen):
    """A CoOP'er of one board (a coordinator, but not for the whole partnership) reaches no
    partnership-level record: every write is refused in the service, nothing is saved."""
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role="projectgroep", partner=samen.board
        )
    scoped = access_for(user, samen.partnership)
    with samen.scope():
        with pytest.raises(OutOfReach):
            pdca.start_gesprekskader(scoped, YEAR + 5)
        with pytest.raises(OutOfReach):
            pdca.create_jaarplan(scoped, schooljaar=YEAR + 5, title="Nee")
        with pytest.raises(OutOfReach):
            pdca.save_goal(scoped, samen.pdca.jaarplan, waarborg=1, title="Nee")
        with pytest.raises(OutOfReach):
            pdca.save_session(scoped, held_on=dt.date(YEAR, 10, 1), title="Nee", context="anders")
        assert not Gesprekskader.objects.filter(schooljaar=YEAR + 5).exists()
        assert not Jaarplan.objects.filter(schooljaar=YEAR + 5).exists()
        assert not DialogueSession.objects.filter(title="Nee").exists()


def test_deleting_a_goal_asks_first_and_only_from_a_concept(samen, client):
    client.force_login(samen.users["projectgroep"])
    goal = samen.pdca.goal
    page = client.get(url(samen, "goal_delete", pk=goal.pk)).content.decode()
    assert "Ja, verwijderen" in page
    client.post(url(samen, "goal_delete", pk=goal.pk))  # not confirmed: kept
    with samen.scope():
        assert samen.pdca.jaarplan.goals.filter(pk=goal.pk).exists()
        pdca.submit_jaarplan(actor(samen, "projectgroep"), samen.pdca.jaarplan)
    response = client.post(url(samen, "goal_delete", pk=goal.pk), {"confirm": "1"}, follow=True)
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    with samen.scope():
        assert samen.pdca.jaarplan.goals.filter(pk=goal.pk).exists()
        pdca.return_jaarplan(actor(samen, "stuurgroep"), samen.pdca.jaarplan)
    client.post(url(samen, "activity_delete", pk=samen.pdca.activity.pk), {"confirm": "1"})
    client.post(url(samen, "goal_delete", pk=goal.pk), {"confirm": "1"})
    with samen.scope():
        assert not samen.pdca.jaarplan.goals.exists()
    client.force_login(samen.users["stuurgroep"])
    assert client.get(url(samen, "goal_delete", pk=goal.pk)).status_code == 404
