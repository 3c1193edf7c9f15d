"""One form, several people (or tabs) at once: the submit and the signatures are serialised.

Each request runs in a thread of its own with its own database connection (a file on SQLite,
the test database on PostgreSQL), all released at the same moment. On SQLite that is the
embedded demo's case: `select_for_update()` does nothing there, so the writers must queue up
(WAL, a busy timeout, `BEGIN IMMEDIATE`: samen/settings.py); on PostgreSQL the row lock does
it. Either way the request that lost the race is told what happened (the form was submitted
already, it is not their turn yet) — never an HTTP 500 — and the data is recorded once, in
turn. A request that waited too long for another's lock is told to try again: on its form
for a step, a 503 for anything else.
"""

import contextlib
import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from placementforms import services as forms
from placementforms.models import PlacementForm
from placements.models import PlacementEvent
from questionnaires.models import ResponseStatus, Signature
from tests.fixtures import actor

pytestmark = pytest.mark.django_db(transaction=True)

GOALS = "Ik wil leren differentiëren in drie niveaus (didactisch bekwaam)."


def step_url(tenant, step):
    return reverse(
        f"placementforms:{step}",
        kwargs={
            "partnership_slug": tenant.partnership.slug,
            "pk": tenant.placement.pk,
            "kind": "start",
        },
    )


def post_at_once(users, path):
    """Each user confirms `path` in a thread of their own, all at the same moment; returns the
    responses in the order of `users`."""
    clients = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(users))
    responses = [None] * len(users)

    def run(index):
        try:
            start.wait(timeout=30)
            responses[index] = clients[index].post(path, {"confirm": "1"})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def statuses(responses):
    return [r.status_code for r in responses]


def fill(tenant):
    with tenant.scope():
        forms.save_answers(actor(tenant, "student"), tenant.placement_form, {"leerdoelen": GOALS})
        forms.save_answers(actor(tenant, "mentor"), tenant.placement_form, {"advies": "Voldoende"})


def submitted_events(tenant):
    with scopes_disabled():
        return PlacementEvent.objects.filter(
            placement=tenant.placement, kind=PlacementEvent.Kind.FORM_SUBMITTED
        ).count()


def signed_roles(tenant):
    with scopes_disabled():
        return list(
            Signature.objects.filter(response=tenant.placement_form.response_id)
            .order_by("signed_at", "pk")
            .values_list("role", flat=True)
        )


def test_three_simultaneous_submits_record_one_and_tell_the_others(samen):
    fill(samen)
    mentor = samen.users["mentor"]
    responses = post_at_once([mentor, mentor, samen.users["student"]], step_url(samen, "submit"))

    assert 500 not in statuses(responses)
    assert sorted(statuses(responses)) == [200, 200, 302]
    refused = [r.content.decode() for r in responses if r.status_code == 200]
    assert all("al ingediend" in page for page in refused)
    with scopes_disabled():
        samen.placement_form.response.refresh_from_db()
    assert samen.placement_form.response.status == ResponseStatus.SUBMITTED
    assert submitted_events(samen) == 1


def test_three_simultaneous_signatures_of_one_signer_record_one(samen):
    fill(samen)
    with samen.scope():
        forms.submit(actor(samen, "mentor"), samen.placement_form)
    student = samen.users["student"]
    responses = post_at_once([student] * 3, step_url(samen, "sign"))

    assert 500 not in statuses(responses)
    assert sorted(statuses(responses)) == [200, 200, 302]
    assert signed_roles(samen) == ["student"]


def test_the_three_signers_at_once_sign_in_turn_or_are_told_to_wait(samen):
    fill(samen)
    with samen.scope():
        forms.submit(actor(samen, "mentor"), samen.placement_form)
        forms.save_answers(actor(samen, "io"), samen.placement_form, {"oordeel": "Behaald"})
    # The signers as their users (tenant.users) and as their signatures record them.
    signers = {"io": "instituutsopleider", "mentor": "mentor", "student": "student"}
    responses = post_at_once([samen.users[user] for user in signers], step_url(samen, "sign"))

    assert 500 not in statuses(responses)
    roles = signed_roles(samen)
    # In turn, however the threads were scheduled: all three when the student's came first.
    assert roles == ["student", "mentor", "instituutsopleider"][: len(roles)]
    assert roles  # the student's turn came first: at least they signed
    for role, response in zip(signers.values(), responses, strict=True):
        if role not in roles:
            assert "aan de beurt" in response.content.decode()


@pytest.fixture
def short_lock_wait():
    """Requests wait 0.2 s for a lock instead of SQLite's 20 s busy timeout (PostgreSQL: a
    lock_timeout, which it has none of by default)."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    saved = dict(options)
    if connection.vendor == "sqlite":
        options["timeout"] = 0.2
    else:
        options["options"] = "-c lock_timeout=200"
    connection.close()
    yield
    options.clear()
    options.update(saved)
    connection.close()


@contextlib.contextmanager
def form_locked_by_another(tenant):
    """Another connection (a thread's) holds the form's row lock — on SQLite the write lock
    of its IMMEDIATE transaction — until the block ends."""
    locked, done = threading.Event(), threading.Event()

    def hold():
        try:
            with scopes_disabled(), transaction.atomic():
                PlacementForm.objects.select_for_update().get(pk=tenant.placement_form.pk)
                locked.set()
                done.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        yield
    finally:
        done.set()
        holder.join(timeout=30)


def test_a_submit_that_waits_too_long_for_the_lock_is_told_to_try_again(
    samen, client_for, short_lock_wait
):
    fill(samen)
    mentor = client_for(samen.users["mentor"])
    with form_locked_by_another(samen):
        response = mentor.post(step_url(samen, "submit"), {"confirm": "1"})

    assert response.status_code == 200  # the confirmation again, with what happened
    assert "Probeer het opnieuw." in response.content.decode()
    with scopes_disabled():
        samen.placement_form.response.refresh_from_db()
    assert samen.placement_form.response.status == ResponseStatus.DRAFT
    assert submitted_events(samen) == 0
    # The lock gone, trying again works.
    assert mentor.post(step_url(samen, "submit"), {"confirm": "1"}).status_code == 302


def test_an_autosave_that_waits_too_long_for_the_lock_gets_a_503_to_retry(
    samen, client_for, short_lock_wait
):
    student = client_for(samen.users["student"])
    client = Client(raise_request_exception=False)
    client.cookies = student.cookies
    with form_locked_by_another(samen):
        response = client.post(
            step_url(samen, "autosave"), {"q_leerdoelen": GOALS}, HTTP_HX_REQUEST="true"
        )

    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "Even bezet" in page and "Probeer het opnieuw." in page
