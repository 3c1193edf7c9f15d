"""The demo README promises a tester, on any day: `manage.py load_demo` builds it from today
(its schooljaar, its periods, what has passed), so this test is `dated` and runs under every
date of tests/clock.py. One demo build per date serves every check (a build costs seconds);
that it is rebuilt from scratch is checked once.

The form templates are a stand-in of the tests' own (formtemplates.seeds replaced), so the
forms' states do not depend on the seeded templates."""

import os
import re
import sys
import types
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from cycle import traffic_light
from cycle.models import ReviewMoment
from partnerships.models import Partnership, School, TrainingPathStep
from pdca.models import DialogueSession, FollowUpAction, Gesprekskader, Jaarplan
from placementforms.models import PlacementForm
from placements import services
from placements.models import FormKind, Placement, PlacementPeriod, PlacementStatus
from questionnaires import services as engine
from questionnaires.models import ResponseStatus
from roles.access import access_for
from roles.models import Person, User
from samen.schooljaar import Schooljaar
from tests import factories as f


@pytest.fixture
def seeds(monkeypatch):
    def ensure_form_templates(institute):
        return [
            f.form_template(institute.partnership, institute, kind, programme=programme)
            for kind in FormKind
            for programme in ("", "vo")
        ]

    module = types.ModuleType("formtemplates.seeds")
    module.ensure_form_templates = ensure_form_templates
    monkeypatch.setitem(sys.modules, "formtemplates.seeds", module)


def load_demo(*args):
    call_command("load_demo", *args, stdout=open(os.devnull, "w"))  # noqa: SIM115


def the_placements_have_forms_in_each_state():
    """demo/forms.py: the demo's placements get periods, open forms, and a few forms walked on
    to each state."""
    with scopes_disabled():
        sanne = Placement.objects.get(
            partnership__slug="samen",
            student__email="d.visser@samen.example",
            school__name__contains="Windroos",
        )
        forms = {form.kind: form for form in sanne.forms.select_related("response__version")}
        assert forms["start"].response.status == ResponseStatus.LOCKED
        assert forms["tussentijds"].response.status == ResponseStatus.SUBMITTED
        assert engine.next_signer(forms["tussentijds"].response) == "mentor"
        assert forms["eind"].response.status == ResponseStatus.DRAFT
        vo = Placement.objects.get(
            partnership__slug="vo-groningen",
            student__email="s.postma@vo-groningen.example",
            school__name__contains="Veenkoloniaal",
        )
        assert {f.response.status for f in vo.forms.select_related("response")} == {
            ResponseStatus.LOCKED
        }
        # The periods have Dutch names, each its own (an import finds a period by its name).
        names = list(PlacementPeriod.objects.values_list("partnership_id", "name"))
        assert len(names) == len(set(names)), names
        dutch = re.compile(r"^\w+ periode [12] \([a-z]{3} \d{4}–[a-z]{3} \d{4}\)")
        assert any(dutch.match(n) for _p, n in names), names
        english = re.compile(r"\b(January|February|March|May|June|July|August|September)\b")
        assert not [n for _p, n in names if english.search(n)], names
        # Every running demo placement has its period and forms.
        running = Placement.objects.filter(status=PlacementStatus.LOPEND)
        assert not running.filter(period__isnull=True).exists()
        assert not running.filter(forms__isnull=True).exists()
        coordinator = Person.objects.get(
            partnership=vo.partnership, email="coordinator@vo-groningen.example"
        )
    with scope(partnership=vo.partnership):
        access = access_for(coordinator.user, vo.partnership)
        assert services.transition(access, vo, PlacementStatus.AFGEROND).status == "afgerond"


def the_quality_cycle_has_an_adopted_jaarplan_a_session_and_its_actions(client):
    with scopes_disabled():
        samen = Partnership.objects.get(slug="samen")
    with scope(partnership=samen):
        plan = Jaarplan.objects.get(schooljaar=Schooljaar.current().start_year)
        assert plan.status == Jaarplan.Status.VASTGESTELD
        assert plan.versions.get().adopted_by.email == "stuurgroep@samen.example"
        assert plan.adopted_in.body.kind == "stuurgroep"  # the meeting where it was decided
        session = DialogueSession.objects.get()
        assert session.findings.count() == 2
        assert session.next_steps.count() == 2
        assert FollowUpAction.objects.filter(finding__isnull=False).count() == 2
        this_year, last_year = Gesprekskader.objects.order_by("-schooljaar")
        assert this_year.based_on == last_year
        assert this_year.items.count() == last_year.items.count()
    client.force_login(User.objects.get(email="io@samen.example"))
    assert client.get(f"/samen/kwaliteit/dialogen/{session.pk}/").status_code == 200
    assert client.get(f"/samen/kwaliteit/jaarplannen/{plan.pk}/").status_code == 404
    client.force_login(User.objects.get(email="schoolopleider@samen.example"))
    dashboard = client.get("/samen/").content.decode()
    assert "Uw activiteiten" in dashboard and "Uw vervolgacties" in dashboard


def the_calendar_is_the_kwaliteitscyclus_and_agrees_with_the_routes():
    """demo/cycle.py and demo/reminders.py: SAMEN's calendar is generated from its cycle (seed
    000) — no school has a row's moment twice in a schooljaar, none that no row asks for — a
    go/no-go is done only where the school's route has it, and every opleidingsschool's
    traffic light reads its 0-meting as its last scan."""
    with scopes_disabled():
        samen = Partnership.objects.get(slug="samen")
        moments = ReviewMoment.objects.filter(partnership=samen)
        assert not moments.filter(cycle_key="").exists()
        twice = Counter(
            moments.filter(school__isnull=False).values_list("school", "schooljaar", "kind")
        )
        assert [key for key, n in twice.items() if n > 1] == []
        decided = TrainingPathStep.objects.filter(status__in=["go", "no_go"]).values("school")
        go_no_go = moments.filter(kind=ReviewMoment.Kind.AFSTEMMINGSGESPREK)
        assert go_no_go.exists()
        assert not go_no_go.filter(done_on__isnull=False).exclude(school__in=decided).exists()
        schools = traffic_light.with_quality(
            School.objects.filter(partnership=samen, training_status="actief"),
            timezone.localdate(),
        )
        assert schools and all(s.last_scan is not None for s in schools)


@pytest.mark.dated
def test_the_demo_holds_what_readme_promises(transactional_db, seeds, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    load_demo()
    the_quality_cycle_has_an_adopted_jaarplan_a_session_and_its_actions(client)
    the_calendar_is_the_kwaliteitscyclus_and_agrees_with_the_routes()
    the_placements_have_forms_in_each_state()


def test_the_demo_is_rebuilt_from_scratch(transactional_db, seeds, settings, tmp_path):
    """`load_demo --reset` throws the demo away and builds it again, forms and all. Once, on
    the session's day: what it rebuilds is what the dated test above checks on every date."""
    settings.MEDIA_ROOT = str(tmp_path)
    load_demo()
    the_placements_have_forms_in_each_state()  # sets the vo placement to afgerond
    load_demo("--reset")
    with scopes_disabled():
        # The vo placement's forms are open again: the four locked forms are the demo's own.
        assert PlacementForm.objects.filter(response__status=ResponseStatus.LOCKED).count() == 4
    the_calendar_is_the_kwaliteitscyclus_and_agrees_with_the_routes()
