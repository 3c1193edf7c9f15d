from django.conf import settings


def test_dutch_even_for_an_english_browser(client, db):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in body
    assert "Inloggen" in body


def test_english_when_chosen_with_the_language_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body


def test_login_page_does_not_invite_to_sign_up_while_sign_up_is_closed(client, db):
    body = client.get("/accounts/login/").content.decode()
    assert "registreer" not in body
    assert 'class="button"' in body
