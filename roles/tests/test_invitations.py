"""Invitations: an account for a person, a link to choose a password, and a verified address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django_scopes import scopes_disabled

from roles import services
from roles.models import Person, Role, User
from samen.errors import DomainError
from tests import factories as f
from tests.fixtures import actor, clear_cache


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_cache()  # allauth's rate limits
    yield
    clear_cache()


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
        services.invite(actor(other), person, request)
    person.refresh_from_db()
    assert person.user == existing
    assert existing.has_usable_password()
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    assert "U heeft al een account bij Samen" in mailoutbox[0].body


def test_invite_requires_an_email_address(samen, rf):
    with samen.scope():
        person = Person.objects.create(partnership=samen.partnership, first_name="A", last_name="B")
        with pytest.raises(DomainError, match="geen e-mailadres"):
            services.invite(actor(samen), person, rf.get("/"))


def test_a_person_with_an_account_is_not_invited_again(samen, rf, mailoutbox):
    with samen.scope(), pytest.raises(DomainError, match="al een account"):
        services.invite(actor(samen), samen.people["mentor"], rf.get("/"))
    assert mailoutbox == []


def test_an_invitation_can_be_sent_again_until_a_password_is_chosen(
    samen, newcomer, rf, mailoutbox
):
    with samen.scope():
        services.invite(actor(samen), newcomer, rf.get("/"))
        services.invite(actor(samen), newcomer, rf.get("/"))
    assert len(mailoutbox) == 2
    assert User.objects.filter(email="noor.bakker@example.org").count() == 1


def test_mentor_cannot_invite(client_for, samen, newcomer, mailoutbox):
    response = client_for(samen.users["mentor"]).post(invite_url(samen, newcomer))
    assert response.status_code == 404
    assert mailoutbox == []


# --- Finding 8: an invitation never re-targets an account -------------------------------------


def edit_url(tenant, person):
    return reverse(
        "roles:person_edit", kwargs={"partnership_slug": tenant.partnership.slug, "pk": person.pk}
    )


def change_address(client, tenant, person, email):
    return client.post(
        edit_url(tenant, person),
        {"first_name": person.first_name, "last_name": person.last_name, "email": email},
    )


def test_re_inviting_after_an_address_change_invites_the_new_address_with_a_new_account(
    client_for, samen, newcomer, mailoutbox
):
    """Before: a 500 (IntegrityError) on the second invitation."""
    client = client_for(samen.users["coordinator"])
    client.post(invite_url(samen, newcomer))
    old_account = User.objects.get(email="noor.bakker@example.org")
    old_link = link_in(mailoutbox[0].body)

    change_address(client, samen, newcomer, "noor@nieuw.example")
    response = client.post(invite_url(samen, newcomer))

    assert response.status_code == 302
    new_account = User.objects.get(email="noor@nieuw.example")
    assert mailoutbox[1].to == ["noor@nieuw.example"]
    assert f"/{_uid(new_account)}-" in link_in(mailoutbox[1].body)
    # The pending account of the wrong address is gone, and its link with it.
    assert not User.objects.filter(pk=old_account.pk).exists()
    assert client.get(old_link, follow=True).context["token_fail"]


def test_the_address_of_an_active_account_is_not_changed_by_a_coordinator(
    client_for, samen, mailoutbox
):
    mentor = samen.people["mentor"]
    client = client_for(samen.users["coordinator"])
    response = change_address(client, samen, mentor, "kaper@evil.example")
    assert "Alleen de persoon zelf wijzigt het adres" in response.content.decode()
    with scopes_disabled():
        mentor.refresh_from_db()
    assert mentor.email == samen.users["mentor"].email
    assert mentor.user == samen.users["mentor"]


def test_a_coordinator_cannot_take_over_a_pending_account_of_another_partnership(
    client_for, samen, other, mailoutbox
):
    """The account was invited by the other partnership and has no password (nor a primary
    address row). Linking it by its address, changing the address and inviting again sent
    the link for THAT account to the attacker's mailbox."""
    with scopes_disabled():
        victim_person = f.PersonFactory(
            partnership=other.partnership, first_name="Vera", email="vera@school.example"
        )
    victim = User.objects.create_user(email="vera@school.example")
    victim.set_unusable_password()
    victim.save()
    with scopes_disabled():
        victim_person.user = victim
        victim_person.save()

    client = client_for(samen.users["coordinator"])
    with scopes_disabled():
        bait = f.PersonFactory(
            partnership=samen.partnership, first_name="Vera", email="vera@school.example"
        )
    client.post(invite_url(samen, bait))
    change_address(client, samen, bait, "kaper@evil.example")
    client.post(invite_url(samen, bait))

    victim.refresh_from_db()
    assert not victim.has_usable_password()
    assert not EmailAddress.objects.filter(user=victim, email="kaper@evil.example").exists()
    for mail in mailoutbox:
        if mail.to == ["kaper@evil.example"]:
            assert f"/{_uid(victim)}-" not in mail.body
    # The first invitation went to the victim's own mailbox only.
    assert [m.to for m in mailoutbox if f"/{_uid(victim)}-" in m.body] in (
        [],
        [["vera@school.example"]],
    )
    with scopes_disabled():
        victim_person.refresh_from_db()
    assert victim_person.user == victim


def test_an_active_account_is_linked_by_its_verified_address_and_gets_no_reset_link(
    samen, other, rf, mailoutbox
):
    existing = other.users["mentor"]  # has a password and a verified address
    with scopes_disabled():
        person = f.PersonFactory(partnership=samen.partnership, email=existing.email)
    password = existing.password
    with samen.scope():
        services.invite(actor(samen), person, rf.get("/"))
    existing.refresh_from_db()
    assert existing.password == password
    (mail,) = mailoutbox
    assert mail.to == [existing.email]
    assert "/accounts/password/reset/key/" not in mail.body


def test_an_active_account_with_an_unverified_address_is_not_linked(samen, rf, mailoutbox):
    account = User.objects.create_user(email="half@example.org", password="Lang-genoeg-12")
    EmailAddress.objects.create(user=account, email=account.email, primary=True, verified=False)
    with scopes_disabled():
        person = f.PersonFactory(partnership=samen.partnership, email=account.email)
    with samen.scope(), pytest.raises(DomainError, match="niet bevestigd"):
        services.invite(actor(samen), person, rf.get("/"))
    with scopes_disabled():
        person.refresh_from_db()
    assert person.user is None
    assert mailoutbox == []


def test_inviting_twice_creates_one_account_and_one_address(samen, newcomer, rf, mailoutbox):
    with samen.scope():
        services.invite(actor(samen), newcomer, rf.get("/"))
        services.invite(actor(samen), newcomer, rf.get("/"))
    user = User.objects.get(email="noor.bakker@example.org")
    assert EmailAddress.objects.filter(user=user).count() == 1
    assert len(mailoutbox) == 2 and all(m.to == [user.email] for m in mailoutbox)


def _uid(user):
    from allauth.account.utils import user_pk_to_url_str

    return user_pk_to_url_str(user)
