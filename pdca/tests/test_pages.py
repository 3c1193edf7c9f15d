"""The pages that change the quality cycle, as the people who use them see them: each form
page with its heading and its way back, each irreversible step asked first, a button's refusal
as a message on the page it came from, and a reader who gets the page but not its form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pdca import services as pdca
from pdca.models import FollowUpAction, JaarplanActivity
from tests.fixtures import actor


def url(tenant, name, **kwargs):
    return reverse(f"pdca:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


@pytest.mark.parametrize(
    ("name", "pk", "heading", "back"),
    [
        ("gesprekskader_start", None, "Gesprekskader starten", "gesprekskaders"),
        ("item_add", "kader", "Item toevoegen", "kader"),
        ("item_edit", "item", "Item bewerken", "kader"),
        ("jaarplan_create", None, "Nieuw jaarplan", "jaarplannen"),
        ("goal_add", "jaarplan", "Doel toevoegen", "jaarplan"),
        ("goal_edit", "goal", "Doel bewerken", "jaarplan"),
        ("activity_add", "goal", "Activiteit toevoegen", "jaarplan"),
        ("activity_edit", "activity", "Activiteit bewerken", "jaarplan"),
        ("dialogue_create", None, "Dialoogsessie vastleggen", "dialogues"),
        ("dialogue_edit", "session", "Dialoogsessie bewerken", "session"),
        ("finding_add", "session", "Opbrengst vastleggen", "session"),
        ("next_step_add", "session", "Vervolgstap vastleggen", "session"),
        ("action_create", "finding", "Vervolgactie vastleggen", "session"),
    ],
)
def test_each_form_page_has_its_heading_and_its_way_back(samen, client, name, pk, heading, back):
    world = samen.pdca
    client.force_login(samen.users["projectgroep"])
    response = client.get(url(samen, name, **({"pk": getattr(world, pk).pk} if pk else {})))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    with samen.scope():
        if back in ("gesprekskaders", "jaarplannen", "dialogues"):
            back_url = url(samen, back)
        else:
            back_url = getattr(world, back).get_absolute_url()
    assert f'href="{back_url}"' in page


def test_a_goal_added_from_a_waarborg_starts_with_it_and_goes_back_to_the_plan(samen, client):
    plan = samen.pdca.jaarplan
    client.force_login(samen.users["projectgroep"])
    page = client.get(url(samen, "goal_add", pk=plan.pk), {"waarborg": 3}).content.decode()
    assert '<option value="3" selected>' in page
    response = client.post(
        url(samen, "goal_add", pk=plan.pk), {"waarborg": 3, "title": "Nieuw", "description": ""}
    )
    with samen.scope():
        assert response["Location"] == plan.get_absolute_url()
        assert plan.goals.filter(title="Nieuw", waarborg=3).exists()


def test_a_refused_status_button_comes_back_as_a_message_and_a_get_changes_nothing(samen, client):
    plan = samen.pdca.jaarplan
    client.force_login(samen.users["projectgroep"])
    # Submitting asks first: a GET shows the question and submits nothing.
    response = client.get(url(samen, "jaarplan_submit", pk=plan.pk))
    assert response.status_code == 200
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == "concept"
    # Reopening a concept is refused: the message is on the plan's page.
    response = client.post(url(samen, "jaarplan_reopen", pk=plan.pk), follow=True)
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "Alleen van een vastgesteld jaarplan" in response.content.decode()


def test_adopting_asks_first_and_is_sent_back_without_asking(samen, client):
    plan = samen.pdca.jaarplan
    with samen.scope():
        pdca.submit_jaarplan(actor(samen, "projectgroep"), plan)
    client.force_login(samen.users["stuurgroep"])
    page = client.get(url(samen, "jaarplan_adopt", pk=plan.pk)).content.decode()
    assert f"‘{plan.title}’ vaststellen?" in page
    assert "U stelt versie 1 vast namens de stuurgroep." in page
    response = client.post(url(samen, "jaarplan_return", pk=plan.pk), follow=True)
    assert "Het jaarplan is teruggestuurd naar de projectgroep." in response.content.decode()
    # A concept is not adopted: the refusal is shown on the confirmation, nothing changed.
    response = client.post(url(samen, "jaarplan_adopt", pk=plan.pk), {"confirm": "1"})
    assert response.status_code == 200
    assert "Alleen een jaarplan dat ter vaststelling ligt" in response.content.decode()
    with samen.scope():
        plan.refresh_from_db()
        assert plan.status == "concept"


def test_deleting_an_activity_names_it_and_says_it_cannot_be_undone(samen, client):
    activity = samen.pdca.activity
    client.force_login(samen.users["projectgroep"])
    page = client.get(url(samen, "activity_delete", pk=activity.pk)).content.decode()
    assert f"Activiteit ‘{activity.title}’ verwijderen?" in page
    assert "De activiteit verdwijnt uit het concept. Dit kan niet ongedaan worden gemaakt." in page
    assert "button-danger" in page
    response = client.post(url(samen, "activity_delete", pk=activity.pk), {"confirm": "1"})
    with samen.scope():
        assert response["Location"] == samen.pdca.jaarplan.get_absolute_url()
        assert not JaarplanActivity.objects.filter(pk=activity.pk).exists()


def test_an_activitys_owner_records_progress_without_a_way_into_the_plan(samen, client):
    activity = samen.pdca.activity
    with samen.scope():
        activity.owner = samen.people["mentor"]
        activity.save()
    client.force_login(samen.users["mentor"])
    page = client.get(url(samen, "activity", pk=activity.pk)).content.decode()
    assert "<h2>Voortgang</h2>" in page
    assert samen.pdca.jaarplan.get_absolute_url() not in page  # the plan would answer 404
    assert f'href="{reverse("dashboard", args=[samen.partnership.slug])}">← Overzicht' in page
    response = client.post(url(samen, "activity", pk=activity.pk), {"status": "gedaan"})
    assert response["Location"] == url(samen, "activity", pk=activity.pk)


def test_an_actions_reader_sees_it_without_its_form_and_cannot_post_it(samen, client):
    action = samen.pdca.action
    client.force_login(samen.users["stuurgroep"])  # reads the cycle, writes none of it
    page = client.get(url(samen, "action", pk=action.pk)).content.decode()
    assert f"<h1>{action.title}</h1>" in page and "<form" not in page.split("<main")[-1]
    response = client.post(url(samen, "action", pk=action.pk), {"status": "gedaan", "notes": ""})
    assert response.status_code == 404
    client.force_login(samen.users["projectgroep"])
    page = client.get(url(samen, "action", pk=action.pk)).content.decode()
    assert 'name="status"' in page
    response = client.post(url(samen, "action", pk=action.pk), {"status": "bogus", "notes": ""})
    assert (
        response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()
    )
    response = client.post(url(samen, "action", pk=action.pk), {"status": "gedaan", "notes": ""})
    assert response["Location"] == url(samen, "action", pk=action.pk)
    with samen.scope():
        assert FollowUpAction.objects.get(pk=action.pk).done_on == timezone.localdate()


def test_a_finding_that_fails_on_the_sessions_page_is_shown_again_on_its_own(samen, client):
    session = samen.pdca.session
    client.force_login(samen.users["projectgroep"])
    response = client.post(
        url(samen, "finding_add", pk=session.pk),
        {"finding-item": samen.pdca.item.pk, "finding-text": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Opbrengst vastleggen</h1>" in page and 'name="finding-text"' in page


def test_an_action_from_a_finding_of_another_instrument_has_no_page_here(samen, client):
    with samen.scope():
        finding = pdca.record_finding(
            source=samen.dossier, schooljaar=samen.pdca.session.schooljaar, waarborg=1, text="x"
        )
    client.force_login(samen.users["projectgroep"])
    assert client.get(url(samen, "action_create", pk=finding.pk)).status_code == 404
