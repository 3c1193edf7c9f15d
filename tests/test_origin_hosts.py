"""Whose Host header the portal's links follow (samen.origin), where they follow one at all.

In the demo links follow the address the portal is reached on, but what the background
mails to everyone (a reminder the Celery worker sends) follows only a signed-in person's
request: an anonymous request (a login page, a feed read by its token) with a Host header of
someone's choosing does not redirect everyone's mails; any port passes ALLOWED_HOSTS.
"""

from django.urls import reverse

from samen import origin


def test_an_anonymous_request_does_not_change_the_address_the_background_mails(
    samen, client, links_follow_request
):
    client.force_login(samen.users["coordinator"])
    home = reverse("dashboard", args=[samen.partnership.slug])
    assert client.get(home, HTTP_HOST="demo.example:8123").status_code == 200
    client.logout()
    login = client.get(reverse("account_login"), HTTP_HOST="demo.example:6666")
    assert login.status_code == 200
    origin.forget()  # the worker is another process: it reads what the web process recorded
    assert origin.base_url() == "http://demo.example:8123"
