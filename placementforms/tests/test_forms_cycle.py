"""The forms of the gouden driehoek: opened on confirmation on the template's published
version, answered by each in their role (autosave), submitted and signed in turn with a
confirmation, locked, reopened by the instituutsopleider with a reason; the mails that tell a
signer it is their turn and remind of due forms; the PDF; afgerond only after the signed
eindbeoordeling (or a coordinator's override).

The tenant (tests/fixtures.py) has an institute with a published template per kind, a period
and a placement (concept) whose startgesprek is open.
"""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfReader

from documents.models import Render, RenderStatus
from documents.services import request_render
from documents.tests.support import wait_for_render
from formtemplates.models import FormTemplate
from notifications import services as notifications
from notifications.models import Notification
from placementforms import services as forms
from placementforms.models import PlacementForm
from placements import services
from placements.models import PlacementEvent
from placements.models import PlacementStatus as S
from questionnaires import services as engine
from questionnaires.models import Answer, ResponseStatus, Signature, VersionStatus
from samen.errors import DomainError
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor

GOALS = "Ik wil leren differentiëren in drie niveaus (didactisch bekwaam)."


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def form_url(tenant, name="placementforms:detail", kind="start", placement=None):
    return url(tenant, name, pk=(placement or tenant.placement).pk, kind=kind)


def confirm(tenant, placement=None):
    """Moves the placement to bevestigd (which opens its forms); returns {kind: form}."""
    placement = placement or tenant.placement
    with tenant.scope():
        for status in (S.VOORGESTELD, S.BEVESTIGD):
            placement = services.transition(actor(tenant), placement, status)
        return {f.kind: f for f in PlacementForm.objects.filter(placement=placement)}


def fresh(form):
    with scopes_disabled():
        return PlacementForm.objects.select_related("response__version", "placement").get(
            pk=form.pk
        )


def signatures(form):
    with scopes_disabled():
        return list(Signature.objects.filter(response=form.response_id).order_by("pk"))


def answers(form):
    with scopes_disabled():
        return dict(
            Answer.objects.filter(response=form.response_id).values_list("question__key", "value")
        )


def fill_and_submit(tenant, form):
    """Student's goals, the mentor's advies; the mentor submits."""
    with tenant.scope():
        forms.save_answers(actor(tenant, "student"), form, {"leerdoelen": GOALS})
        forms.save_answers(actor(tenant, "mentor"), form, {"advies": "Voldoende"})
        return forms.submit(actor(tenant, "mentor"), form)


def sign_all(tenant, form):
    form = fill_and_submit(tenant, form)
    with tenant.scope():
        form = forms.sign(actor(tenant, "student"), form)
        form = forms.sign(actor(tenant, "mentor"), form)
        forms.save_answers(actor(tenant, "io"), form, {"oordeel": "Behaald"})
        return forms.sign(actor(tenant, "io"), form)


# --- Opening: which template, which version, until when ------------------------------------


def test_confirming_a_placement_opens_its_forms_with_due_dates_from_its_dates(samen):
    opened = confirm(samen)
    assert set(opened) == {"start", "tussentijds", "eind"}
    placement = samen.placement
    assert opened["start"].due_on == placement.starts_on + dt.timedelta(days=14)
    assert opened["tussentijds"].due_on == dt.date(2026, 11, 18)  # halfway 7 Sep – 29 Jan
    assert opened["eind"].due_on == placement.ends_on
    for form in opened.values():
        assert form.response.status == ResponseStatus.DRAFT
        assert form.response.version.status == VersionStatus.PUBLISHED
    # Confirming again (lopend) opens nothing twice.
    with samen.scope():
        services.transition(actor(samen), placement, S.LOPEND)
        assert PlacementForm.objects.filter(placement=placement).count() == 3


def test_the_most_specific_published_template_is_chosen(samen):
    with samen.scope():
        p, institute = samen.partnership, samen.institute
        phase_only = f.form_template(p, institute, "eind", phase="hoofdfase", name="Fase")
        exact = f.form_template(
            p, institute, "eind", programme="pabo_voltijd", phase="hoofdfase", name="Precies"
        )
        other = f.form_template(p, institute, "eind", programme="vo", name="VO")
        assert forms.template_for(samen.placement, "eind") == exact
        # A template without a published version is passed over.
        exact.questionnaire.versions.update(status=VersionStatus.DRAFT)
        assert forms.template_for(samen.placement, "eind") == phase_only
        assert other != phase_only
        # No period, no template: the placement has no forms to open.
        samen.placement.period = None
        assert forms.template_for(samen.placement, "eind") is None


def test_a_running_placement_keeps_its_version_when_a_new_one_is_published(samen):
    opened = confirm(samen)
    with samen.scope():
        template = FormTemplate.objects.get(institute=samen.institute, kind="eind")
        first = opened["eind"].response.version
        draft = engine.draft_version(template.questionnaire)
        engine.publish(draft)
        assert fresh(opened["eind"]).response.version == first
        # A placement confirmed now starts on the new version.
        later = f.PlacementFactory(
            partnership=samen.partnership,
            school=samen.school,
            period=samen.placement_period,
            student=f.PersonFactory(partnership=samen.partnership),
            mentor=samen.people["mentor"],
            instituutsopleider=samen.people["io"],
        )
        forms.open_forms(actor(samen), later)
        assert later.forms.get(kind="eind").response.version == draft


def test_a_verlenging_moves_the_due_dates_of_forms_not_yet_submitted(samen):
    opened = confirm(samen)
    sign_all(samen, opened["start"])
    with samen.scope():
        services.extend(actor(samen), samen.placement, ends_on=dt.date(2027, 3, 5), reason="Ziek")
    assert fresh(opened["eind"]).due_on == dt.date(2027, 3, 5)
    # The tussentijdse was due 18 November and is late on the world day (2 December): it
    # keeps its date and stays late, unless the coordinator chooses otherwise (below).
    assert fresh(opened["tussentijds"]).due_on == dt.date(2026, 11, 18)
    assert fresh(opened["start"]).due_on == opened["start"].due_on  # signed: stays


def test_a_verlenging_moves_a_late_form_only_when_asked_and_logs_that_it_was_late(samen):
    opened = confirm(samen)
    with samen.scope():
        services.extend(
            actor(samen),
            samen.placement,
            ends_on=dt.date(2027, 3, 5),
            reason="Ziek",
            move_overdue=True,
        )
        event = samen.placement.events.latest("at")
    assert fresh(opened["tussentijds"]).due_on == dt.date(2026, 12, 5)  # halfway 7 Sep – 5 Mar
    assert {
        "form": "tussentijds",
        "old": "2026-11-18",
        "new": "2026-12-05",
        "was_overdue": True,
    } in event.details["due"]


def test_a_due_date_in_the_schools_holiday_moves_to_the_last_day_before_it(samen):
    """The voorjaarsvakantie 2027 of regions noord and midden is 20–28 February
    (samen/schoolvakanties.py); a placement ending on 26 February has its eindbeoordeling
    due on Friday 19 February — for a school in region zuid (holiday 6–14 February) on the
    26th itself."""
    opened = confirm(samen)
    with samen.scope():
        services.extend(actor(samen), samen.placement, ends_on=dt.date(2027, 2, 26), reason="Ziek")
    assert fresh(opened["eind"]).due_on == dt.date(2027, 2, 19)
    with scopes_disabled():
        samen.school.vakantieregio = "zuid"
        samen.school.save(update_fields=["vakantieregio"])
        placement = samen.placement.__class__.objects.get(pk=samen.placement.pk)
    assert forms.due_date(placement, "eind") == dt.date(2027, 2, 26)


def test_opening_plans_due_and_overdue_reminders(samen):
    opened = confirm(samen)
    eind = opened["eind"]
    with scopes_disabled():
        days = sorted(
            Notification.objects.filter(kind=forms.DUE, placement_form=eind).values_list(
                "send_on", flat=True
            )
        )
    assert days == [eind.due_on - dt.timedelta(days=3), eind.due_on + dt.timedelta(days=1)]
    # A form already overdue when opened (the tussentijdse, due 18 November) is reminded today.
    with scopes_disabled():
        start_days = set(
            Notification.objects.filter(
                kind=forms.DUE, placement_form=opened["tussentijds"]
            ).values_list("send_on", flat=True)
        )
    assert timezone.localdate() in start_days


# --- Who answers what ---------------------------------------------------------------------


def test_each_answers_their_own_questions(samen):
    form = samen.placement_form
    with samen.scope():
        # The student: the learning goals, not the mentor's advies.
        forms.save_answers(
            actor(samen, "student"), form, {"leerdoelen": GOALS, "advies": "Onvoldoende"}
        )
        # The mentor: the advies (and the shared questions).
        forms.save_answers(actor(samen, "mentor"), form, {"advies": "Voldoende"})
        # The instituutsopleider: only the judgement, not the learning goals.
        forms.save_answers(
            actor(samen, "io"), form, {"leerdoelen": "Overschreven", "oordeel": "Behaald"}
        )
    assert answers(form) == {"leerdoelen": GOALS, "advies": "Voldoende", "oordeel": "Behaald"}


def test_people_outside_the_triangle_answer_nothing(samen):
    form = samen.placement_form
    for who in ("schoolopleider", "coordinator", "stuurgroep"):
        with samen.scope(), pytest.raises(DomainError):
            forms.save_answers(actor(samen, who), form, {"leerdoelen": "x"})
    assert answers(form) == {}


def test_a_value_that_does_not_clean_is_refused_and_the_rest_saved(samen):
    form = samen.placement_form
    with samen.scope():
        errors = forms.save_answers(
            actor(samen, "student"), form, {"leerdoelen": GOALS, "klimaat": "9"}
        )
    assert set(errors) == {"klimaat"}
    assert answers(form) == {"leerdoelen": GOALS}


# --- Submit, sign in turn, lock, reopen -----------------------------------------------------


def test_submitting_needs_the_shared_required_answers_and_the_student_or_mentor(samen):
    form = samen.placement_form
    with samen.scope():
        with pytest.raises(DomainError, match="verplichte"):
            forms.submit(actor(samen, "mentor"), form)
        forms.save_answers(actor(samen, "student"), form, {"leerdoelen": GOALS})
        with pytest.raises(DomainError, match="aankomende leraar of de mentor"):
            forms.submit(actor(samen, "io"), form)
        forms.submit(actor(samen, "student"), form)
        event = samen.placement.events.get(kind=PlacementEvent.Kind.FORM_SUBMITTED)
    assert fresh(form).response.status == ResponseStatus.SUBMITTED
    assert event.details == {"form": "start"} and event.by == samen.people["student"]
    # The first signer is told it is her turn.
    with scopes_disabled():
        assert Notification.objects.filter(
            kind=forms.TURN % "student", placement_form=form
        ).exists()


def test_signatures_follow_the_order_and_the_last_locks_the_form(samen):
    form = fill_and_submit(samen, samen.placement_form)
    with samen.scope():
        with pytest.raises(DomainError, match="nog niet aan de beurt"):
            forms.sign(actor(samen, "mentor"), form)
        form = forms.sign(actor(samen, "student"), form)
        with pytest.raises(DomainError, match="nog niet aan de beurt"):
            forms.sign(actor(samen, "student"), form)
        form = forms.sign(actor(samen, "mentor"), form)
        # The examiner's judgement is required before their signature.
        with pytest.raises(DomainError, match="verplichte"):
            forms.sign(actor(samen, "io"), form)
        forms.save_answers(actor(samen, "io"), form, {"oordeel": "Behaald"})
        form = forms.sign(actor(samen, "io"), form)
        signed = list(
            samen.placement.events.filter(kind=PlacementEvent.Kind.FORM_SIGNED).values_list(
                "details__role", flat=True
            )
        )
    assert signed == ["student", "mentor", "instituutsopleider"]
    form = fresh(form)
    assert form.response.status == ResponseStatus.LOCKED and form.response.locked_at
    with samen.scope(), pytest.raises(DomainError, match="afgerond"):
        forms.save_answers(actor(samen, "student"), form, {"leerdoelen": "Later"})
    with scopes_disabled():
        turns = set(Notification.objects.filter(placement_form=form).values_list("kind", flat=True))
    assert {forms.TURN % r for r in ("student", "mentor", "instituutsopleider")} <= turns


def test_only_the_instituutsopleider_reopens_with_a_reason_and_the_log_keeps_it(samen):
    form = sign_all(samen, samen.placement_form)
    with samen.scope():
        for who in ("mentor", "student", "coordinator"):
            with pytest.raises(OutOfReach):
                forms.reopen(actor(samen, who), form, "Zomaar")
        with pytest.raises(DomainError, match="reden"):
            forms.reopen(actor(samen, "io"), form, "  ")
        forms.reopen(actor(samen, "io"), form, "Het advies mist de onderbouwing.")
        event = samen.placement.events.get(kind=PlacementEvent.Kind.FORM_REOPENED)
    form = fresh(form)
    assert form.response.status == ResponseStatus.DRAFT
    assert signatures(form) == []
    assert answers(form)["leerdoelen"] == GOALS  # the answers stay
    assert event.reason == "Het advies mist de onderbouwing."
    assert event.details["form"] == "start"
    assert [s["role"] for s in event.details["removed"]] == [
        "student",
        "mentor",
        "instituutsopleider",
    ]


# --- Afgerond --------------------------------------------------------------------------------


def test_afgerond_needs_the_signed_eindbeoordeling_or_a_recorded_override(samen):
    opened = confirm(samen)
    with samen.scope():
        placement = services.transition(actor(samen), samen.placement, S.LOPEND)
        with pytest.raises(DomainError, match="eindbeoordeling"):
            services.transition(actor(samen), placement, S.AFGEROND)
    sign_all(samen, opened["eind"])
    with samen.scope():
        placement = services.transition(actor(samen), placement, S.AFGEROND)
    assert placement.status == S.AFGEROND


def test_a_coordinator_closes_without_eindbeoordeling_with_reason_and_confirmation(
    samen, client_for
):
    confirm(samen)
    with samen.scope():
        services.transition(actor(samen), samen.placement, S.LOPEND)
    client = client_for(samen.users["coordinator"])
    detail = client.get(url(samen, "placements:detail", pk=samen.placement.pk)).content.decode()
    assert "Afronden zonder eindbeoordeling" in detail
    close = url(samen, "placementforms:close_without_eind", pk=samen.placement.pk)
    page = client.get(close).content.decode()
    assert "Afronden zonder eindbeoordeling?" in page
    refused = client.post(close, {"confirm": "1", "reason": " "})
    assert "Geef een reden op" in refused.content.decode()
    with samen.scope():
        samen.placement.refresh_from_db()
    assert samen.placement.status == S.LOPEND
    client.post(close, {"confirm": "1", "reason": "Beoordeeld door de examencommissie."})
    with samen.scope():
        samen.placement.refresh_from_db()
        event = samen.placement.events.filter(kind=PlacementEvent.Kind.STATUS).latest("at")
    assert samen.placement.status == S.AFGEROND
    assert event.details == {"override": True}
    assert event.reason == "Beoordeeld door de examencommissie."
    story = client.get(url(samen, "placements:detail", pk=samen.placement.pk)).content.decode()
    assert "Afgerond zonder ondertekende eindbeoordeling" in story
    # The mentor has no such action.
    assert client_for(samen.users["mentor"]).get(close).status_code == 404


# --- Pages -----------------------------------------------------------------------------------


def test_the_student_types_and_autosave_answers_with_the_time(samen, client_for):
    client = client_for(samen.users["student"])
    page = client.get(form_url(samen)).content.decode()
    assert 'hx-post="' + form_url(samen, "placementforms:autosave") in page
    assert "Mijn leerdoelen" in page
    response = client.post(
        form_url(samen, "placementforms:autosave"), {"q_leerdoelen": GOALS}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Opgeslagen om" in body
    assert answers(samen.placement_form) == {"leerdoelen": GOALS}
    # A level that does not exist: the error shows at its field (out of band), the rest saved.
    body = client.post(
        form_url(samen, "placementforms:autosave"),
        {"q_leerdoelen": GOALS + "!", "q_klimaat": "7"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'id="error-q_klimaat"' in body and 'hx-swap-oob="true"' in body
    assert "behalve wat hierboven in rood staat" in body
    assert answers(samen.placement_form)["leerdoelen"] == GOALS + "!"


def test_without_javascript_the_save_button_saves(samen, client_for):
    client = client_for(samen.users["mentor"])
    response = client.post(
        form_url(samen), {"q_leerdoelen": GOALS, "q_advies": "Voldoende"}, follow=True
    )
    assert "Uw antwoorden zijn opgeslagen." in response.content.decode()
    assert answers(samen.placement_form) == {"leerdoelen": GOALS, "advies": "Voldoende"}
    # A bad value is shown at its field and nothing of it is stored.
    page = client.post(form_url(samen), {"q_klimaat": "8"}).content.decode()
    assert "field-error" in page
    assert "klimaat" not in answers(samen.placement_form)


def test_submit_and_sign_ask_for_confirmation_first(samen, client_for):
    with samen.scope():
        forms.save_answers(actor(samen, "student"), samen.placement_form, {"leerdoelen": GOALS})
    mentor = client_for(samen.users["mentor"])
    submit = form_url(samen, "placementforms:submit")
    assert "indienen?" in mentor.get(submit).content.decode()
    mentor.post(submit)  # no confirm: only the question again
    assert fresh(samen.placement_form).response.status == ResponseStatus.DRAFT
    done = mentor.post(submit, {"confirm": "1"}, follow=True).content.decode()
    assert "Het formulier is ingediend." in done
    assert fresh(samen.placement_form).response.status == ResponseStatus.SUBMITTED

    student = client_for(samen.users["student"])
    sign = form_url(samen, "placementforms:sign")
    page = student.get(sign).content.decode()
    assert "Door te ondertekenen verklaart u" in page
    student.post(sign)
    assert len(signatures(samen.placement_form)) == 0
    student.post(sign, {"confirm": "1"})
    assert signatures(samen.placement_form)[0].role == "student"
    # Out of turn: the IO's confirmation shows the refusal, nothing is signed.
    refused = client_for(samen.users["io"]).post(sign, {"confirm": "1"}).content.decode()
    assert "nog niet aan de beurt" in refused
    assert len(signatures(samen.placement_form)) == 1


def test_a_locked_form_is_read_only_with_signatures_times_and_a_pdf_button(samen, client_for):
    sign_all(samen, samen.placement_form)
    for who in ("student", "mentor", "io", "schoolopleider", "coordinator"):
        page = client_for(samen.users[who]).get(form_url(samen)).content.decode()
        assert GOALS in page
        assert "<textarea" not in page
        assert "Door iedereen ondertekend op" in page
        assert page.count("Ondertekend door") == 3
        assert "PDF maken" in page


def test_the_io_reopens_through_a_reason_and_a_confirmation_and_the_story_shows_it(
    samen, client_for
):
    sign_all(samen, samen.placement_form)
    client = client_for(samen.users["io"])
    reopen = form_url(samen, "placementforms:reopen")
    assert "Reden" in client.get(reopen).content.decode()
    assert "Geef een reden op" in client.post(reopen, {"reason": ""}).content.decode()
    step = client.post(reopen, {"reason": "Eindoordeel herzien"}).content.decode()
    assert "Ja, heropenen" in step
    assert fresh(samen.placement_form).response.status == ResponseStatus.LOCKED
    client.post(reopen, {"reason": "Eindoordeel herzien", "confirm": "1"})
    assert fresh(samen.placement_form).response.status == ResponseStatus.DRAFT
    story = client.get(url(samen, "placements:detail", pk=samen.placement.pk)).content.decode()
    assert "Formulier heropend: Startgesprek" in story
    assert "Eindoordeel herzien" in story
    assert "Handtekening vervallen" in story
    # The mentor may not reopen: 404 on the page.
    assert client_for(samen.users["mentor"]).get(reopen).status_code == 404


def test_the_placement_page_lists_its_forms_with_status_due_date_and_next_signer(samen, client_for):
    fill_and_submit(samen, samen.placement_form)
    page = client_for(samen.users["mentor"]).get(
        url(samen, "placements:detail", pk=samen.placement.pk)
    )
    body = page.content.decode()
    assert "Formulieren" in body and "Startgesprek" in body
    assert "Wacht op handtekening: Aankomende leraar" in body
    assert "uiterlijk 21 september 2026" in body


# --- Who sees which forms ---------------------------------------------------------------


def other_placement(tenant, **people):
    """A placement at the tenant's school with its own student and mentor, with a form."""
    with scopes_disabled():
        p = tenant.partnership
        placement = f.PlacementFactory(
            partnership=p, school=tenant.school, period=tenant.placement_period, **people
        )
        f.open_placement_form(placement)
    return placement


def test_a_mentor_never_opens_another_mentors_students_form(samen, client_for):
    theirs = other_placement(samen, instituutsopleider=samen.people["io"])
    client = client_for(samen.users["mentor"])
    for name in ("placementforms:detail", "placementforms:submit", "placementforms:sign"):
        assert client.get(form_url(samen, name, placement=theirs)).status_code == 404
    assert (
        client.post(form_url(samen, "placementforms:autosave", placement=theirs)).status_code == 404
    )
    listing = client.get(url(samen, "placementforms:list")).content.decode()
    assert str(theirs.student) not in listing
    assert str(samen.people["student"]) in listing


def test_a_student_never_opens_another_students_form(samen, client_for):
    theirs = other_placement(samen, mentor=samen.people["mentor"])
    client = client_for(samen.users["student"])
    assert client.get(form_url(samen, placement=theirs)).status_code == 404
    assert client.get(form_url(samen, "placementforms:sign", placement=theirs)).status_code == 404
    listing = client.get(url(samen, "placementforms:list")).content.decode()
    assert "Mijn formulieren" in listing
    assert str(theirs.student) not in listing


def test_the_io_sees_all_their_students_across_schools(samen, client_for):
    with scopes_disabled():
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
        theirs = f.PlacementFactory(
            partnership=samen.partnership,
            school=elsewhere,
            period=samen.placement_period,
            instituutsopleider=samen.people["io"],
        )
        f.open_placement_form(theirs)
    not_mine = other_placement(samen)
    client = client_for(samen.users["io"])
    assert client.get(form_url(samen, placement=theirs)).status_code == 200
    assert client.get(form_url(samen, placement=not_mine)).status_code == 404
    listing = client.get(url(samen, "placementforms:list")).content.decode()
    assert str(theirs.student) in listing and str(not_mine.student) not in listing


def test_a_schoolopleider_sees_the_forms_of_their_schools_only(samen, client_for):
    here = other_placement(samen)
    with scopes_disabled():
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
        there = f.PlacementFactory(
            partnership=samen.partnership, school=elsewhere, period=samen.placement_period
        )
        f.open_placement_form(there)
    client = client_for(samen.users["schoolopleider"])
    assert client.get(form_url(samen, placement=here)).status_code == 200
    assert client.get(form_url(samen, placement=there)).status_code == 404
    # Reading is not answering.
    assert (
        client.post(form_url(samen, "placementforms:autosave", placement=here)).status_code == 404
    )


def test_another_partnership_gets_404_on_every_form_url(samen, other, client_for):
    client = client_for(other.users["coordinator"])
    for name in (
        "placementforms:detail",
        "placementforms:submit",
        "placementforms:sign",
        "placementforms:reopen",
    ):
        assert client.get(form_url(samen, name)).status_code == 404
    assert client.post(form_url(samen, "placementforms:autosave")).status_code == 404


def test_the_coordinator_filters_forms_not_yet_submitted(samen, client_for):
    opened = confirm(samen)
    fill_and_submit(samen, opened["tussentijds"])
    client = client_for(samen.users["coordinator"])
    listing = url(samen, "placementforms:list")
    rows = client.get(listing, {"kind": "start", "state": "open"}, HTTP_HX_REQUEST="true")
    body = rows.content.decode()
    assert "Startgesprek" in body and "Tussentijdse beoordeling" not in body
    submitted = client.get(listing, {"state": "ingediend"}, HTTP_HX_REQUEST="true")
    assert "Tussentijdse beoordeling" in submitted.content.decode()
    late = client.get(listing, {"state": "te_laat", "phase": "hoofdfase"}).content.decode()
    assert "Concept (te laat)" in late  # the startgesprek was due on 21 September
    other_phase = client.get(listing, {"phase": "propedeuse"}, HTTP_HX_REQUEST="true")
    assert "Geen formulieren gevonden." in other_phase.content.decode()
    export = client.get(listing, {"export": "csv"})
    assert b"Startgesprek" in b"".join(export.streaming_content)


def test_the_dashboard_counts_due_and_overdue_forms_and_what_waits_for_me(samen, client_for):
    opened = confirm(samen)
    fill_and_submit(samen, opened["eind"])
    dashboard = reverse("dashboard", kwargs={"partnership_slug": samen.partnership.slug})
    page = client_for(samen.users["coordinator"]).get(dashboard).content.decode()
    # Start (21 Sep) and tussentijds (18 Nov) are overdue; the eind is submitted.
    assert '<strong data-count="overdue">2</strong>' in page
    student = client_for(samen.users["student"]).get(dashboard).content.decode()
    assert '<strong data-count="waiting">1</strong>' in student
    assert "Eindbeoordeling" in student


# --- Mails --------------------------------------------------------------------------------


def test_the_waiting_signer_gets_one_mail_with_a_link_when_it_is_their_turn(samen, smtp_server):
    form = fill_and_submit(samen, samen.placement_form)
    notifications.send_due()
    turn = [m for m in smtp_server.inbox.received if "handtekening" in m.subject]
    assert [m.rcpt_tos for m in turn] == [[samen.people["student"].email]]
    assert form.get_absolute_url() in turn[0].body
    with samen.scope():
        forms.sign(actor(samen, "student"), form)
    notifications.send_due()
    turn = [m for m in smtp_server.inbox.received if "handtekening" in m.subject]
    assert [m.rcpt_tos[0] for m in turn] == [
        samen.people["student"].email,
        samen.people["mentor"].email,
    ]


def test_due_reminders_go_to_the_signers_of_a_draft_only(samen, smtp_server):
    opened = confirm(samen)
    eind = opened["eind"]
    day = eind.due_on - dt.timedelta(days=forms.REMIND_DAYS_BEFORE)
    notifications.send_due(today=day)
    reminders = [m for m in smtp_server.inbox.received if "Eindbeoordeling" in m.subject]
    assert sorted(r for m in reminders for r in m.rcpt_tos) == sorted(
        samen.people[k].email for k in ("student", "mentor", "io")
    )
    assert "uiterlijk" in reminders[0].subject.lower()
    # Submitted before the overdue day: no "te laat" mail.
    fill_and_submit(samen, eind)
    notifications.send_due(today=eind.due_on + dt.timedelta(days=1))
    assert not [
        m
        for m in smtp_server.inbox.received
        if m.subject.startswith("Te laat") and "Eindbeoordeling" in m.subject
    ]


# --- The PDF ------------------------------------------------------------------------------


@pytest.mark.celery
def test_a_locked_form_renders_as_pdf_with_answers_and_signatures(samen, celery_worker, client):
    form = sign_all(samen, samen.placement_form)
    with samen.scope():
        render = request_render(actor(samen, "student"), fresh(form), forms.PDF)
    render = wait_for_render(render.pk)
    assert render.status == RenderStatus.READY, render.error
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render.pdf.read())).pages)
    assert "Startgesprek" in text and "differentiëren" in text
    assert "Voldoende" in text and "Behaald" in text
    for who in ("student", "mentor", "io"):
        assert str(samen.people[who]) in text
    # The student downloads it; a mentor of another student does not.
    client.force_login(samen.users["student"])
    download = client.get(
        reverse("documents:render_download", args=[samen.partnership.slug, render.pk])
    )
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    with scopes_disabled():
        assert Render.objects.get(pk=render.pk).target == fresh(form)
