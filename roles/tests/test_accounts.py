"""Accounts through allauth: login, e-mail verification, rate limits, reset, sign-up, MFA, admin."""

import re
import time

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse
from django_scopes import scopes_disabled

from roles.models import Role, User
from tests import clock
from tests import factories as f
from tests.factories import PASSWORD
from tests.fixtures import clear_cache

LOGIN_URL = "/accounts/login/"
TOO_MANY_ATTEMPTS_NL = "Te veel inlogpogingen. Probeer het later nogmaals."


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth keeps its rate limits (and used TOTP codes) in the cache.
    clear_cache()
    yield
    clear_cache()


def login(client, email, password, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


def dashboard_url(tenant):
    return reverse("dashboard", kwargs={"partnership_slug": tenant.partnership.slug})


def link_in(message, pattern):
    """The path of the first link in an e-mail body that matches `pattern`."""
    match = re.search(r"https?://[^/\s]+(" + pattern + r")", message.body)
    assert match, f"no link matching {pattern!r} in:\n{message.body}"
    return match.group(1)


#: The first second of a TOTP window (30 s each, counted from the epoch), on the world day.
TOTP_WINDOW_START = clock.WORLD_DAY
assert TOTP_WINDOW_START.timestamp() % 30 == 0


@pytest.fixture
def totp_window():
    """The clock stands still at the start of a TOTP window: the code an authenticator app
    shows is still the current one when the server checks it, however slow the test runs."""
    with time_machine.travel(TOTP_WINDOW_START, tick=False):
        yield


def current_totp_code(secret):
    """The code an authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# --- Login and e-mail verification ---------------------------------------------------


def test_verified_user_logs_in_with_email_and_lands_on_dashboard(client, samen):
    user = samen.users["mentor"]

    response = login(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session.get("_auth_user_id") == str(user.pk)
    home = client.get(response.url)
    assert home.status_code == 302
    assert home.url == dashboard_url(samen)
    dashboard = client.get(home.url)
    assert dashboard.status_code == 200
    assert "Partnerschap Samen Test" in dashboard.content.decode()


def test_wrong_password_does_not_log_in(client, samen):
    response = login(client, samen.users["mentor"].email, "not-the-password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_unverified_user_gets_verification_mail_and_the_link_verifies(client, samen, mailoutbox):
    user = User.objects.create_user("nieuw@samen-test.test", PASSWORD, first_name="Nieuw")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = login(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Verifieer je e-mailadres" in page.content.decode()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert mail.subject.startswith("[Samen] ")
    confirm_path = link_in(mail, r"/accounts/confirm-email/[^/\s]+/")

    assert client.get(confirm_path).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified  # a GET does not confirm
    confirmed = client.post(confirm_path)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # And now the password login goes through.
    client.logout()
    assert login(client, user.email, PASSWORD).url == reverse("home")
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_sixth_login_attempt_is_refused_even_with_the_right_password(client, samen):
    user = samen.users["coordinator"]
    for attempt in range(5):
        response = login(client, user.email, f"wrong-password-{attempt}")
        assert response.status_code == 200
        assert TOO_MANY_ATTEMPTS_NL not in response.content.decode()

    response = login(client, user.email, PASSWORD)

    assert response.status_code == 200
    assert TOO_MANY_ATTEMPTS_NL in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The limit is per e-mail address: another account still logs in.
    other = samen.users["mentor"]
    assert login(client, other.email, PASSWORD).status_code == 302


def test_password_reset_by_mail_sets_a_new_password(client, samen, mailoutbox):
    user = samen.users["schoolopleider"]
    new_password = "paarse-olifant-fietst-7"

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    key_path = link_in(mailoutbox[0], r"/accounts/password/reset/key/[^/\s]+/")
    form_page = client.get(key_path, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else key_path
    done = client.post(set_password_path, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")

    client.logout()
    assert login(client, user.email, PASSWORD).status_code == 200  # old password is gone
    assert "_auth_user_id" not in client.session
    assert login(client, user.email, new_password).status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_signup_is_closed_by_default(client, db, settings):
    assert settings.SAMEN_OPEN_SIGNUP is False
    email = "indringer@example.org"

    page = client.get(reverse("account_signup"))
    response = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "lang-genoeg-wachtwoord",
            "password2": "lang-genoeg-wachtwoord",
        },
    )

    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email=email).exists()
    assert not EmailAddress.objects.filter(email=email).exists()


# --- MFA ----------------------------------------------------------------------------------


def test_mfa_required_for_coordinator_and_stuurgroep_not_for_mentor(client, samen, settings):
    settings.SAMEN_REQUIRE_MFA = True
    activate_url = reverse("mfa_activate_totp")

    for key in ("coordinator", "stuurgroep"):
        client.force_login(samen.users[key])
        response = client.get(dashboard_url(samen))
        assert response.status_code == 302, key
        assert response.url == activate_url, key
        # Still required on the next page: the redirect did not mark the session as OK.
        assert client.get(dashboard_url(samen)).url == activate_url, key
        # The way to the set-up page (allauth first asks for the password again) is open.
        setup = client.get(activate_url, follow=True)
        assert setup.status_code == 200, key
        assert setup.redirect_chain[-1][0].startswith("/accounts/"), key
        client.logout()

    client.force_login(samen.users["mentor"])
    assert client.get(dashboard_url(samen)).status_code == 200


def test_coordinator_without_totp_is_led_through_the_totp_setup_after_login(
    client, samen, settings, totp_window
):
    settings.SAMEN_REQUIRE_MFA = True
    coordinator = samen.users["coordinator"]
    activate_url = reverse("mfa_activate_totp")

    response = login(client, coordinator.email, PASSWORD)
    assert response.status_code == 302
    landed = client.get(response.url, follow=True)

    # home -> dashboard -> TOTP set-up, where allauth first asks for the password again.
    assert landed.status_code == 200
    assert activate_url in [url for url, _status in landed.redirect_chain]
    reauth_url = landed.redirect_chain[-1][0]
    assert reauth_url.startswith(reverse("account_reauthenticate"))
    setup = client.post(reauth_url, {"password": PASSWORD}, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0] == activate_url
    assert 'name="code"' in setup.content.decode()

    secret = client.session["mfa.totp.secret"]  # the secret shown to the user as a QR code
    activated = client.post(activate_url, {"code": current_totp_code(secret)})

    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=coordinator, type="totp").count() == 1
    assert client.get(dashboard_url(samen)).status_code == 200


def test_coordinator_with_totp_reaches_dashboard(client, samen, settings):
    settings.SAMEN_REQUIRE_MFA = True
    coordinator = samen.users["coordinator"]
    client.force_login(coordinator)
    assert client.get(dashboard_url(samen)).status_code == 302

    TOTP.activate(coordinator, generate_totp_secret())

    assert client.get(dashboard_url(samen)).status_code == 200


def test_mfa_not_enforced_when_switched_off(client, samen, settings):
    settings.SAMEN_REQUIRE_MFA = False
    client.force_login(samen.users["coordinator"])

    assert client.get(dashboard_url(samen)).status_code == 200


def test_login_with_totp_asks_for_and_accepts_the_current_code(
    client, samen, settings, totp_window
):
    settings.SAMEN_REQUIRE_MFA = True
    coordinator = samen.users["coordinator"]
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    assert Authenticator.objects.filter(user=coordinator, type="totp").count() == 1

    response = login(client, coordinator.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not logged in before the second step
    assert client.get(dashboard_url(samen)).status_code == 302
    stage = client.get(response.url)
    assert stage.status_code == 200
    assert 'name="code"' in stage.content.decode()

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    if current_totp_code(secret) != "000000":
        assert wrong.status_code == 200
        assert "_auth_user_id" not in client.session

    done = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})

    assert done.status_code == 302
    assert client.session.get("_auth_user_id") == str(coordinator.pk)
    assert client.get(done.url, follow=True).redirect_chain[-1][0] == dashboard_url(samen)
    assert client.get(dashboard_url(samen)).status_code == 200


# --- Admin ----------------------------------------------------------------------------------


def test_admin_login_redirects_to_allauth(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_coordinator_never_reaches_the_admin(client, samen):
    client.force_login(samen.users["coordinator"])

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert all(url.startswith("/admin/") for url, _status in response.redirect_chain)
    templates = {t.name for t in response.templates}
    assert "admin/index.html" not in templates
    assert "Samen platformbeheer" not in response.content.decode()


def test_superuser_reaches_the_admin(client, db):
    admin = User.objects.create_superuser("beheer@samen.test", PASSWORD)
    client.force_login(admin)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "admin/index.html" in {t.name for t in response.templates}


# --- Partnership picker --------------------------------------------------------------------


def test_user_in_two_partnerships_gets_the_picker(client, samen, other):
    user = samen.users["io"]
    with scopes_disabled():
        person = f.PersonFactory(
            partnership=other.partnership,
            user=user,
            first_name="Io",
            last_name="Tweemaal",
            email=user.email,
        )
        f.RoleAssignmentFactory(
            partnership=other.partnership,
            person=person,
            role=Role.INSTITUUTSOPLEIDER,
            partner=other.institute,
        )
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Partnerschap Samen Test" in content
    assert "Andere Regio" in content
    assert dashboard_url(samen) in content
    assert dashboard_url(other) in content
    assert client.get(dashboard_url(other)).status_code == 200


def test_user_in_one_partnership_is_redirected(client, samen, other):
    client.force_login(samen.users["io"])

    response = client.get("/")

    assert response.status_code == 302
    assert response.url == dashboard_url(samen)
