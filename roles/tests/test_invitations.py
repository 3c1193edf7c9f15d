"""Invitations: an account for a person, a link to choose a password, and a verified address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse
from django_scopes import scopes_disabled

from roles.models import Person, Role, User
from roles.services import people as services
from samen.errors import DomainError
from tests import factories as f


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # allauth's rate limits
    yield
    cache.clear()


@pytest.fixture
def newcomer(samen):
    with scopes_disabled():
        person = f.PersonFactory(
            partnership=samen.partnership,
            first_name="Noor",
            last_name="Bakker",
            email="noor.bakker@example.org",
        )
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role=Role.MENTOR, school=samen.school
        )
    return person


def invite_url(tenant, person):
    return reverse(
        "roles:person_invite",
        kwargs={"partnership_slug": tenant.partnership.slug, "pk": person.pk},
    )


def link_in(body):
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body)
    assert match, body
    return match.group(1)


def test_invitee_sets_a_password_through_the_link_and_lands_on_the_dashboard(
    client, client_for, samen, newcomer, mailoutbox
):
    coordinator = client_for(samen.users["coordinator"])
    response = coordinator.post(invite_url(samen, newcomer), follow=True)
    assert "Er is een uitnodiging gestuurd naar noor.bakker@example.org." in (
        response.content.decode()
    )
    coordinator.logout()

    (mail,) = mailoutbox
    assert mail.to == ["noor.bakker@example.org"]
    assert mail.subject == "[Samen] Uitnodiging voor Partnerschap Samen Test"
    assert "Beste Noor," in mail.body and "Kies via deze link een wachtwoord" in mail.body
    user = User.objects.get(email="noor.bakker@example.org")
    assert not user.has_usable_password()
    assert not EmailAddress.objects.get(user=user).verified
    with scopes_disabled():
        newcomer.refresh_from_db()
    assert newcomer.user == user and newcomer.invited_at is not None

    # The link: allauth stores the key in the session and asks for the new password.
    response = client.get(link_in(mail.body), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "Zomer-in-Lelystad-42", "password2": "Zomer-in-Lelystad-42"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post(
        "/accounts/login/",
        {"login": "noor.bakker@example.org", "password": "Zomer-in-Lelystad-42"},
        follow=True,
    )
    dashboard = reverse("dashboard", kwargs={"partnership_slug": samen.partnership.slug})
    assert response.redirect_chain[-1][0] == dashboard
    assert response.context["user"] == user


def test_the_link_works_once(client, client_for, samen, newcomer, mailoutbox):
    client_for(samen.users["coordinator"]).post(invite_url(samen, newcomer))
    client.logout()
    link = link_in(mailoutbox[0].body)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"password1": "Zomer-in-Lelystad-42", "password2": "Zomer-in-Lelystad-42"}
    )
    client.logout()
    response = client.get(link, follow=True)
    assert response.context["token_fail"]


def test_an_existing_account_is_linked_not_duplicated(samen, other, rf, mailoutbox):
    """One account, roles in two partnerships: the invitation links the existing login."""
    existing = samen.users["io"]
    with scopes_disabled():
        person = f.PersonFactory(partnership=other.partnership, email=existing.email.upper())
    request = rf.get("/")
    with other.scope():
        services.invite(person, other.users["coordinator"], request)
    person.refresh_from_db()
    assert person.user == existing
    assert existing.has_usable_password()
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    assert "U heeft al een account bij Samen" in mailoutbox[0].body


def test_invite_requires_an_email_address(samen, rf):
    with samen.scope():
        person = Person.objects.create(partnership=samen.partnership, first_name="A", last_name="B")
        with pytest.raises(DomainError, match="geen e-mailadres"):
            services.invite(person, samen.users["coordinator"], rf.get("/"))


def test_a_person_with_an_account_is_not_invited_again(samen, rf, mailoutbox):
    with samen.scope(), pytest.raises(DomainError, match="al een account"):
        services.invite(samen.people["mentor"], samen.users["coordinator"], rf.get("/"))
    assert mailoutbox == []


def test_an_invitation_can_be_sent_again_until_a_password_is_chosen(
    samen, newcomer, rf, mailoutbox
):
    with samen.scope():
        services.invite(newcomer, samen.users["coordinator"], rf.get("/"))
        services.invite(newcomer, samen.users["coordinator"], rf.get("/"))
    assert len(mailoutbox) == 2
    assert User.objects.filter(email="noor.bakker@example.org").count() == 1


def test_mentor_cannot_invite(client_for, samen, newcomer, mailoutbox):
    response = client_for(samen.users["mentor"]).post(invite_url(samen, newcomer))
    assert response.status_code == 404
    assert mailoutbox == []
