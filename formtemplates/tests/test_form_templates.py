"""The forms' templates: an institute's coordinator edits a draft and publishes it; a published
version never changes and a form started on it keeps it; nobody else edits them."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from formtemplates import selectors, services
from formtemplates.models import FormTemplate
from formtemplates.seeds import ensure_form_templates
from questionnaires import services as engine
from questionnaires.models import Question, QuestionKind, Section, Version, VersionStatus
from roles.access import access_for
from roles.models import Role
from samen.errors import DomainError
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def institute_coordinator(tenant, institute):
    """An instituutscoördinator scoped to `institute`, logged in through their user."""
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=tenant.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership,
            person=person,
            role=Role.INSTITUUTSCOORDINATOR,
            partner=institute,
        )
    return user


@pytest.fixture
def seeded(samen):
    with scopes_disabled():
        # The test tenant's placement fills in small any-programme templates of its own;
        # the seeds are about the institute's real ones.
        FormTemplate.objects.filter(institute=samen.institute, programme="", phase="").delete()
        return ensure_form_templates(samen.institute)


def draft_of(template):
    return Version.objects.get(questionnaire=template.questionnaire, status=VersionStatus.DRAFT)


# --- The seeds ----------------------------------------------------------------------------------


def test_the_seeds_are_six_published_forms_and_a_second_run_changes_nothing(samen, seeded):
    with scopes_disabled():
        assert {(t.programme, t.kind) for t in seeded} == {
            (p, k) for p in ("", "vo") for k in ("start", "tussentijds", "eind")
        }
        again = ensure_form_templates(samen.institute)
        assert [t.pk for t in again] == [t.pk for t in seeded]
        assert FormTemplate.objects.filter(institute=samen.institute, programme="vo").count() == 3
        for template in seeded:
            versions = list(Version.objects.filter(questionnaire=template.questionnaire))
            assert [(v.number, v.status) for v in versions] == [(1, VersionStatus.PUBLISHED)]
            assert versions[0].signers == ["student", "mentor", "instituutsopleider"]
            assert engine.problems(versions[0]) == []


def test_the_startgesprek_asks_learning_goals_per_bekwaamheidseis_and_needs_from_school(seeded):
    with scopes_disabled():
        start = next(t for t in seeded if t.kind == "start" and t.programme == "")
        questions = Question.objects.filter(version__questionnaire=start.questionnaire)
        competences = {q.competence for q in questions if q.competence}
        assert {"Pedagogisch bekwaam", "Vakinhoudelijk bekwaam", "Vakdidactisch bekwaam"} <= (
            competences
        )
        assert questions.filter(key="nodig-van-school", required=True).exists()
        vo = next(t for t in seeded if t.kind == "start" and t.programme == "vo")
        texts = " ".join(
            Question.objects.filter(version__questionnaire=vo.questionnaire).values_list(
                "text", flat=True
            )
        )
        assert "vakbegeleider" in texts and "vak" in texts


def test_the_eindbeoordeling_has_the_mentors_advies_and_the_ios_judgement(seeded):
    with scopes_disabled():
        for eind in (t for t in seeded if t.kind == "eind"):
            questions = Question.objects.filter(version__questionnaire=eind.questionnaire)
            advies = questions.get(key="advies")
            assert advies.answered_by == ["mentor"] and advies.required
            oordeel = questions.get(key="eindoordeel")
            assert oordeel.answered_by == ["instituutsopleider"] and oordeel.required
            assert oordeel.options == ["Behaald", "Niet behaald"]
            scale = questions.filter(kind=QuestionKind.COMPETENCE)
            assert scale.count() == 8
            assert all(
                q.options == ["Onvoldoende", "In ontwikkeling", "Voldoende", "Goed"] for q in scale
            )


# --- Versions ------------------------------------------------------------------------------------


def test_a_published_version_never_changes(samen, seeded):
    with scopes_disabled():
        template = seeded[0]
        published = template.questionnaire.versions.get()
        question = Question.objects.filter(version=published).first()
        section = Section.objects.filter(version=published).first()
        before = (question.text, question.options)
        who = actor(samen)
        with pytest.raises(DomainError, match="gepubliceerd"):
            services.update_question(who, question, kind="text", text="Iets anders")
        with pytest.raises(DomainError, match="gepubliceerd"):
            services.add_section(who, published, title="Extra")
        with pytest.raises(DomainError, match="gepubliceerd"):
            services.delete_question(who, question)
        with pytest.raises(DomainError, match="gepubliceerd"):
            services.move_section(who, section, 1)
        question.refresh_from_db()
        assert (question.text, question.options) == before


def test_a_new_version_copies_the_last_and_a_started_form_keeps_its_version(samen, seeded):
    with scopes_disabled():
        template = next(t for t in seeded if t.kind == "start" and t.programme == "")
        v1 = template.questionnaire.versions.get()
        running = engine.start_response(v1)  # a placement's startgesprek, begun on v1
        who = actor(samen)
        v2 = services.new_draft(who, template)
        assert v2.number == 2 and v2.is_draft
        keys = lambda v: sorted(Question.objects.filter(version=v).values_list("key", flat=True))  # noqa: E731
        assert keys(v2) == keys(v1)
        question = Question.objects.get(version=v2, key="context")
        services.update_question(
            who, question, kind="text", text="In welke groep loop je stage?", max_length=800
        )
        services.publish(who, v2)
        v1.refresh_from_db()
        running.refresh_from_db()
        assert v1.status == VersionStatus.RETIRED
        assert running.version_id == v1.pk
        assert Question.objects.get(version=v1, key="context").text != question.text
        assert [v.response_count for v in selectors.versions_of(template)] == [0, 1]
        assert engine.start_response(template.questionnaire.published).version_id == v2.pk
        diff = selectors.difference(v1, v2)
        assert [(old.key, names) for old, _new, names in diff.changed] == [
            ("context", ["vraag", "maximale lengte"])
        ]
        assert diff.added == diff.removed == []


def test_publishing_an_empty_draft_says_why_not(samen):
    with scopes_disabled():
        template = services.create_template(
            actor(samen), institute=samen.institute, kind="eind", phase="hoofdfase"
        )
        with pytest.raises(DomainError, match="nog geen vragen"):
            services.publish(actor(samen), draft_of(template))
        assert draft_of(template).number == 1


def test_sections_and_questions_move_up_and_down(samen):
    with scopes_disabled():
        who = actor(samen)
        template = services.create_template(
            who, institute=samen.institute, kind="tussentijds", phase="propedeuse"
        )
        draft = draft_of(template)
        first = services.add_section(who, draft, title="Reflectie")
        second = services.add_section(who, draft, title="Bekwaamheden")
        services.move_section(who, second, -1)
        assert list(
            Section.objects.filter(version=draft)
            .order_by("position")
            .values_list("title", flat=True)
        ) == ["Bekwaamheden", "Reflectie"]
        a = services.add_question(who, first, kind="text", text="Wat ging goed?")
        b = services.add_question(who, first, kind="text", text="Wat ging goed?")
        assert a.key != b.key
        services.move_question(who, b, -1)
        assert list(
            Question.objects.filter(section=first).order_by("position").values_list("pk", flat=True)
        ) == [b.pk, a.pk]


# --- Reach ---------------------------------------------------------------------------------------


def test_an_institutes_coordinator_edits_only_its_own_institutes_templates(samen, client):
    with scopes_disabled():
        other_institute = f.PartnerFactory(
            partnership=samen.partnership, organisation__kind="institute"
        )
        theirs = f.draft_form_template(samen.partnership, other_institute, "Elders")
    user = institute_coordinator(samen, samen.institute)
    client.force_login(user)
    own = samen.form_template
    assert client.get(url(samen, "formtemplates:editor", pk=own.pk)).status_code == 200
    assert client.get(url(samen, "formtemplates:editor", pk=theirs.pk)).status_code == 404
    assert client.get(url(samen, "formtemplates:detail", pk=theirs.pk)).status_code == 404
    access = access_for(user, samen.partnership)
    with scopes_disabled():
        section = Section.objects.get(version__questionnaire=theirs.questionnaire)
        with pytest.raises(OutOfReach):
            services.add_question(access, section, kind="text", text="Ingebroken")
        with pytest.raises(OutOfReach):
            services.create_template(access, institute=other_institute, kind="eind")
        assert not FormTemplate.objects.filter(institute=other_institute, kind="eind").exists()
        assert Question.objects.filter(version__questionnaire=theirs.questionnaire).count() == 1


@pytest.mark.parametrize("who", ["mentor", "student", "schoolopleider"])
def test_mentors_and_students_never_open_the_editor(samen, client, who):
    client.force_login(samen.users[who])
    pk = samen.form_template.pk
    for name in ("formtemplates:editor", "formtemplates:detail", "formtemplates:publish"):
        assert client.get(url(samen, name, pk=pk)).status_code == 404
    assert client.get(url(samen, "formtemplates:list")).status_code == 404


def test_the_instituutsopleider_reads_the_templates_but_does_not_edit_them(samen, client):
    client.force_login(samen.users["io"])
    pk = samen.form_template.pk
    assert client.get(url(samen, "formtemplates:detail", pk=pk)).status_code == 200
    assert client.get(url(samen, "formtemplates:preview", pk=pk, number=1)).status_code == 200
    assert client.get(url(samen, "formtemplates:editor", pk=pk)).status_code == 404
    assert client.post(url(samen, "formtemplates:new_version", pk=pk)).status_code == 404


# --- Pages and bad input ------------------------------------------------------------------------


def test_a_duplicate_template_is_refused_with_a_message(samen, client):
    client.force_login(samen.users["coordinator"])
    response = client.post(
        url(samen, "formtemplates:create"),
        {"institute": samen.institute.pk, "kind": "start", "programme": "", "phase": "hoofdfase"},
    )
    assert response.status_code == 200
    assert "heeft al een sjabloon" in response.content.decode()
    with scopes_disabled():
        assert (
            FormTemplate.objects.filter(
                institute=samen.institute, kind="start", phase="hoofdfase"
            ).count()
            == 1
        )
        with pytest.raises(DomainError, match="heeft al een sjabloon"):
            services.create_template(
                actor(samen), institute=samen.institute, kind="start", phase="hoofdfase"
            )


def _question_post(**extra):
    return {
        "kind": "scale",
        "text": "Hoe goed ging het?",
        "help_text": "",
        "options": "",
        "competence": "",
        "max_length": "3000",
        **extra,
    }


def _section_pk(samen):
    with scopes_disabled():
        return Section.objects.get(version__questionnaire=samen.form_template.questionnaire).pk


def test_a_scale_without_levels_is_refused_with_a_dutch_message(samen, client):
    client.force_login(samen.users["coordinator"])
    section_pk = _section_pk(samen)
    target = url(
        samen, "formtemplates:question_create", pk=samen.form_template.pk, section_pk=section_pk
    )
    response = client.post(target, _question_post(options="\n  \n"))
    assert response.status_code == 200
    assert "minstens twee keuzes of niveaus" in response.content.decode()
    with scopes_disabled():
        assert Question.objects.filter(section_id=section_pk).count() == 1


def test_an_overlong_question_is_refused_and_nothing_changes(samen, client):
    client.force_login(samen.users["coordinator"])
    section_pk = _section_pk(samen)
    target = url(
        samen, "formtemplates:question_create", pk=samen.form_template.pk, section_pk=section_pk
    )
    response = client.post(target, _question_post(kind="text", text="x" * 50_000))
    assert response.status_code == 200
    assert "tekens" in response.content.decode()
    with scopes_disabled():
        assert Question.objects.filter(section_id=section_pk).count() == 1
        with pytest.raises(DomainError, match="te lang"):
            services.add_question(
                actor(samen), Section.objects.get(pk=section_pk), kind="text", text="x" * 50_000
            )


def test_adding_a_question_and_publishing_after_confirmation(samen, client):
    client.force_login(samen.users["coordinator"])
    pk = samen.form_template.pk
    section_pk = _section_pk(samen)
    response = client.post(
        url(samen, "formtemplates:question_create", pk=pk, section_pk=section_pk),
        _question_post(
            kind="competence",
            text="Zorgt voor een veilig klimaat",
            options="Onvoldoende\nVoldoende\nGoed",
            competence="Pedagogisch bekwaam",
            answered_by=["mentor"],
            required="on",
        ),
    )
    assert response.status_code == 302
    editor = client.get(url(samen, "formtemplates:editor", pk=pk)).content.decode()
    assert "Zorgt voor een veilig klimaat" in editor
    confirm = client.get(url(samen, "formtemplates:publish", pk=pk))
    assert "Ja, versie 1 publiceren" in confirm.content.decode()
    client.post(url(samen, "formtemplates:publish", pk=pk))  # without the confirmation: nothing
    with scopes_disabled():
        assert draft_of(samen.form_template).number == 1
    response = client.post(url(samen, "formtemplates:publish", pk=pk), {"confirm": "1"})
    assert response.status_code == 302
    with scopes_disabled():
        version = samen.form_template.questionnaire.versions.get()
        assert version.status == VersionStatus.PUBLISHED
        assert version.published_by == samen.users["coordinator"]
        question = Question.objects.get(version=version, competence="Pedagogisch bekwaam")
        assert question.answered_by == ["mentor"] and question.required
    # The published version is read, not edited: its editor sends you to "Nieuwe versie maken".
    detail = client.get(url(samen, "formtemplates:editor", pk=pk), follow=True).content.decode()
    assert "Nieuwe versie maken" in detail
    assert client.get(url(samen, "formtemplates:preview", pk=pk, number=1)).status_code == 200
    assert (
        client.get(
            url(samen, "formtemplates:question_edit", pk=pk, question_pk=question.pk)
        ).status_code
        == 404
    )


def test_the_list_shows_the_institutes_templates(samen, client, seeded):
    client.force_login(samen.users["coordinator"])
    body = client.get(url(samen, "formtemplates:list")).content.decode()
    assert "Eindbeoordeling lerarenopleiding VO" in body
    client.force_login(samen.users["io"])
    body = client.get(url(samen, "formtemplates:list"), {"q": "tussentijdse"}).content.decode()
    assert "Tussentijdse beoordeling pabo" in body and "Startgesprek pabo" not in body


def test_the_difference_page_names_what_changed(samen, client, seeded):
    with scopes_disabled():
        template = seeded[0]
        who = actor(samen)
        draft = services.new_draft(who, template)
        section = Section.objects.filter(version=draft).first()
        services.add_question(who, section, kind="text", text="Wat wil je nog kwijt?")
        services.publish(who, draft)
    client.force_login(samen.users["coordinator"])
    body = client.get(url(samen, "formtemplates:diff", pk=template.pk)).content.decode()
    assert "Toegevoegd" in body and "Wat wil je nog kwijt?" in body
    assert (
        client.get(url(samen, "formtemplates:diff", pk=template.pk), {"van": "x"}).status_code
        == 200
    )


def test_a_boards_cooper_edits_no_institutes_templates(samen, client):
    """A CoOP'er scoped to a board coordinates placements at its schools, not the forms of the
    institutes: the editor answers 404, no institute is offered, and the services refuse."""
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role=Role.COOPER, partner=samen.board
        )
    client.force_login(user)
    pk = samen.form_template.pk
    assert client.get(url(samen, "formtemplates:editor", pk=pk)).status_code == 404
    page = client.get(url(samen, "formtemplates:create")).content.decode()
    assert "geen opleidingsinstituut" in page and 'name="institute"' not in page
    client.post(
        url(samen, "formtemplates:create"),
        {"institute": samen.institute.pk, "kind": "eind", "phase": "hoofdfase"},
    )
    access = access_for(user, samen.partnership)
    with scopes_disabled():
        with pytest.raises(OutOfReach):
            services.create_template(
                access, institute=samen.institute, kind="eind", phase="hoofdfase"
            )
        with pytest.raises(OutOfReach):
            services.publish(access, draft_of(samen.form_template))
        assert draft_of(samen.form_template).is_draft
        assert not FormTemplate.objects.filter(kind="eind", phase="hoofdfase").exists()


def test_the_preview_shows_every_question_read_only(samen, client, seeded):
    eind = next(t for t in seeded if t.kind == "eind" and t.programme == "vo")
    client.force_login(samen.users["io"])
    body = client.get(url(samen, "formtemplates:preview", pk=eind.pk, number=1)).content.decode()
    assert "Eindoordeel van de instituutsopleider" in body and "Niet behaald" in body
    assert "Beoordelend advies van de vakbegeleider" in body
    assert 'name="q_eindoordeel"' in body
    inputs = [part for part in body.split("<input")[1:] if 'name="q_' in part.split(">")[0]]
    assert inputs and all("disabled" in part.split(">")[0] for part in inputs)
    textareas = body.split("<textarea")[1:]
    assert textareas and all("disabled" in part.split(">")[0] for part in textareas)
