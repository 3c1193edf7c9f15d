"""The pages that change the kwaliteitscyclus, as the people who use them see them: a row of
the cycle, generating a schooljaar (a button whose refusal comes back as a message), marking a
moment done (asked on the confirmation, a refusal shown there) and renewing one's agenda
address (asked first)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cycle import services
from cycle.models import CalendarToken, CycleActivity
from samen.schooljaar import Schooljaar


def url(tenant, name, **kwargs):
    return reverse(f"cycle:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def _row(tenant):
    with scopes_disabled():
        return CycleActivity.objects.create(
            partnership=tenant.partnership,
            moment="jaarlijks",
            name="Evaluatiegesprek",
            goal="Kwaliteit en tevredenheid",
            activity="Evaluatiegesprek",
            kind="evaluatiegesprek",
            participants=["schoolopleider"],
            scope="school",
            month_from=3,
            month_to=5,
        )


def test_a_row_of_the_cycle_is_edited_under_its_name_and_added_under_a_heading(samen, client):
    row = _row(samen)
    client.force_login(samen.users["coordinator"])
    page = client.get(url(samen, "cycle_edit", pk=row.pk)).content.decode()
    assert "<h1>Evaluatiegesprek</h1>" in page
    assert "Momenten die al gemaakt zijn, houden hun datum" in page
    assert f'href="{url(samen, "cycle")}">← Kwaliteitscyclus' in page
    page = client.get(url(samen, "cycle_create")).content.decode()
    assert "<h1>Activiteit toevoegen</h1>" in page


def test_generating_another_year_is_refused_as_a_message_on_the_cycle(samen, client):
    client.force_login(samen.users["coordinator"])
    page = client.get(url(samen, "cycle")).content.decode()
    this_year = Schooljaar.current()
    for year in (this_year, Schooljaar(this_year.start_year + 1)):
        assert f'<option value="{year.start_year}">{year}</option>' in page
    response = client.post(url(samen, "cycle_generate"), {"schooljaar": 1999}, follow=True)
    assert response.redirect_chain[-1][0] == url(samen, "cycle")
    assert "Kies dit of het volgende schooljaar." in response.content.decode()
    assert client.get(url(samen, "cycle_generate")).status_code == 405


def test_marking_a_moment_done_in_the_future_is_refused_on_the_confirmation(samen, client):
    with samen.scope():
        moment = services.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=timezone.localdate() + dt.timedelta(days=20),
            title="Evaluatiegesprek Zonnebloem",
        )
    client.force_login(samen.users["schoolopleider"])
    page = client.get(url(samen, "moment_done", pk=moment.pk)).content.decode()
    assert "‘Evaluatiegesprek Zonnebloem’ afronden?" in page and "Ja, afronden" in page
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        url(samen, "moment_done", pk=moment.pk),
        {"outcome_note": "Gehouden", "done_on": tomorrow.isoformat(), "confirm": "1"},
    )
    assert response.status_code == 200
    assert "Een moment kan niet in de toekomst zijn afgerond." in response.content.decode()
    with samen.scope():
        moment.refresh_from_db()
        assert moment.done_on is None


def test_renewing_the_agenda_address_asks_first(samen, client):
    client.force_login(samen.users["schoolopleider"])
    client.get(url(samen, "agenda"))
    with scopes_disabled():
        old = CalendarToken.objects.get(person=samen.people["schoolopleider"]).token
    page = client.get(url(samen, "agenda_reset")).content.decode()
    assert "Agenda-koppeling vernieuwen?" in page and "button-danger" in page
    client.post(url(samen, "agenda_reset"))  # not confirmed: the address stays
    with scopes_disabled():
        assert CalendarToken.objects.get(person=samen.people["schoolopleider"]).token == old
    response = client.post(url(samen, "agenda_reset"), {"confirm": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == url(samen, "agenda")
    assert "Uw agenda-koppeling is vernieuwd." in response.content.decode()
    with scopes_disabled():
        assert CalendarToken.objects.get(person=samen.people["schoolopleider"]).token != old
