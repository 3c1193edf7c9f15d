"""The questionnaire engine: versions that do not change under a running form, answers checked
by their question's kind, signatures in order, a locked form that only reopening unlocks."""

import pytest
from django.http import QueryDict
from django_scopes import scopes_disabled

from questionnaires import services
from questionnaires.forms import ResponseForm
from questionnaires.models import (
    Answer,
    Question,
    QuestionKind,
    ResponseStatus,
    Section,
    VersionStatus,
)
from questionnaires.selectors import answer_sheet
from samen.errors import DomainError

SIGNERS = ["student", "mentor", "instituutsopleider"]


@pytest.fixture
def form(samen):
    """A published startgesprek-like questionnaire with a question for everyone, the mentor's
    advies and the examiner's judgement."""
    with scopes_disabled():
        questionnaire = services.create_questionnaire(
            samen.partnership, "Beoordeling", signers=SIGNERS
        )
        version = questionnaire.versions.get()
        section = Section.objects.create(
            partnership=samen.partnership, version=version, position=1, title="Leerdoelen"
        )

        def ask(key, kind, text, **extra):
            return Question.objects.create(
                partnership=samen.partnership,
                version=version,
                section=section,
                key=key,
                kind=kind,
                text=text,
                position=Question.objects.filter(version=version).count(),
                **extra,
            )

        ask("leerdoelen", QuestionKind.TEXT, "Mijn leerdoelen", required=True, max_length=50)
        ask(
            "pedagogisch",
            QuestionKind.COMPETENCE,
            "Zorgt voor een veilig klimaat",
            options=["Onvoldoende", "Voldoende", "Goed"],
            competence="Pedagogisch bekwaam",
        )
        ask("dagen", QuestionKind.MULTIPLE, "Stagedagen", options=["ma", "di", "wo"])
        ask(
            "advies",
            QuestionKind.SINGLE,
            "Beoordelend advies",
            options=["Voldoende", "Onvoldoende"],
            answered_by=["mentor"],
            required=True,
        )
        ask(
            "oordeel",
            QuestionKind.SINGLE,
            "Eindoordeel",
            options=["Behaald", "Niet behaald"],
            answered_by=["instituutsopleider"],
            required=True,
        )
        version = services.publish(version)
        response = services.start_response(version)
    with scopes_disabled():
        yield response


def answers(response):
    return {a.question.key: a.value for a in Answer.objects.filter(response=response)}


def test_answers_are_stored_per_question_and_cleaned_by_their_kind(form):
    errors = services.save_answers(
        form,
        {"leerdoelen": "Klassenmanagement", "pedagogisch": "2", "dagen": ["ma", "wo"]},
        roles=["student"],
    )
    assert errors == {}
    assert answers(form) == {
        "leerdoelen": "Klassenmanagement",
        "pedagogisch": 2,
        "dagen": ["ma", "wo"],
    }


def test_a_value_the_question_does_not_offer_is_refused_and_the_rest_is_kept(form):
    errors = services.save_answers(
        form,
        {"leerdoelen": "Rust in de klas", "pedagogisch": "7", "dagen": ["zo"]},
        roles=["student"],
    )
    assert set(errors) == {"pedagogisch", "dagen"}
    assert answers(form) == {"leerdoelen": "Rust in de klas"}


def test_an_answer_over_its_length_is_refused(form):
    errors = services.save_answers(form, {"leerdoelen": "x" * 51}, roles=["student"])
    assert "leerdoelen" in errors
    assert answers(form) == {}


def test_a_student_cannot_give_the_mentors_advies(form):
    services.save_answers(form, {"advies": "Voldoende"}, roles=["student"])
    assert answers(form) == {}


def test_submitting_needs_the_required_shared_answers(form):
    with pytest.raises(DomainError, match="Mijn leerdoelen"):
        services.submit(form)
    services.save_answers(form, {"leerdoelen": "Differentiëren"}, roles=["student"])
    assert services.submit(form).status == ResponseStatus.SUBMITTED


def test_after_submitting_only_a_waiting_signer_changes_their_own_questions(form):
    services.save_answers(form, {"leerdoelen": "Differentiëren"}, roles=["student"])
    services.submit(form)
    services.save_answers(form, {"leerdoelen": "Iets anders"}, roles=["student", "mentor"])
    services.save_answers(form, {"advies": "Voldoende"}, roles=["mentor"])
    assert answers(form) == {"leerdoelen": "Differentiëren", "advies": "Voldoende"}


def test_signatures_follow_the_order_and_the_last_locks_the_form(form):
    services.save_answers(form, {"leerdoelen": "Differentiëren"}, roles=["student"])
    services.submit(form)
    with pytest.raises(DomainError, match="vorige"):
        services.sign(form, "mentor", name="Mentor")
    services.sign(form, "student", name="Student")
    with pytest.raises(DomainError, match="al ondertekend"):
        services.sign(form, "student", name="Student")
    with pytest.raises(DomainError, match="Beoordelend advies"):
        services.sign(form, "mentor", name="Mentor")
    services.save_answers(form, {"advies": "Voldoende"}, roles=["mentor"])
    services.sign(form, "mentor", name="Mentor")
    form.refresh_from_db()
    assert services.next_signer(form) == "instituutsopleider"
    services.save_answers(form, {"oordeel": "Behaald"}, roles=["instituutsopleider"])
    services.sign(form, "instituutsopleider", name="IO")
    form.refresh_from_db()
    assert form.status == ResponseStatus.LOCKED
    with pytest.raises(DomainError, match="afgerond"):
        services.save_answers(form, {"oordeel": "Niet behaald"}, roles=["instituutsopleider"])
    assert answers(form)["oordeel"] == "Behaald"


def test_reopening_removes_the_signatures_and_returns_them_for_the_log(form):
    services.save_answers(form, {"leerdoelen": "Differentiëren"}, roles=["student"])
    services.submit(form)
    services.sign(form, "student", name="Student Zonnebloem")
    removed = services.reopen(form)
    form.refresh_from_db()
    assert form.status == ResponseStatus.DRAFT
    assert [r["name"] for r in removed] == ["Student Zonnebloem"]
    assert not form.signatures.exists()


def test_a_published_version_does_not_change_and_a_new_draft_copies_it(form):
    version = form.version
    with pytest.raises(DomainError):
        services.require_draft(version)
    draft = services.draft_version(version.questionnaire)
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT
    assert list(draft.questions.values_list("key", flat=True).order_by("position")) == list(
        version.questions.values_list("key", flat=True).order_by("position")
    )
    draft.questions.filter(key="dagen").delete()
    services.publish(draft)
    version.refresh_from_db()
    assert version.status == VersionStatus.RETIRED
    # The response started on version 1 keeps all its questions.
    assert "dagen" in {item.question.key for s in answer_sheet(form) for item in s.items}


def test_a_version_without_questions_or_with_a_one_level_scale_is_not_published(samen):
    with scopes_disabled():
        questionnaire = services.create_questionnaire(samen.partnership, "Leeg")
        version = questionnaire.versions.get()
        with pytest.raises(DomainError, match="nog geen vragen"):
            services.publish(version)
        section = Section.objects.create(partnership=samen.partnership, version=version, title="A")
        Question.objects.create(
            partnership=samen.partnership,
            version=version,
            section=section,
            key="schaal",
            kind=QuestionKind.SCALE,
            text="Hoe ging het?",
            options=["Goed"],
        )
        with pytest.raises(DomainError, match="twee keuzes"):
            services.publish(version)
        with pytest.raises(DomainError, match="niet gepubliceerd"):
            services.start_response(version)


def test_the_form_enables_only_what_the_role_may_answer_and_shows_saved_answers(form):
    services.save_answers(form, {"pedagogisch": "3"}, roles=["student"])
    editable = [q.pk for q in services.editable_questions(form, ["student"])]
    bound = ResponseForm(form, editable=editable)
    assert bound.fields["q_advies"].disabled
    assert not bound.fields["q_leerdoelen"].disabled
    assert bound.initial["q_pedagogisch"] == "3"
    posted = ResponseForm(form, editable=editable, data=QueryDict("q_leerdoelen=Nieuw&q_advies=X"))
    # The advies is not the student's; an unticked set of checkboxes is an empty answer.
    assert posted.raw_answers() == {"leerdoelen": "Nieuw", "dagen": []}
