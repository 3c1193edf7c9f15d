"""demo/forms.py: with seeded templates the demo's placements get periods, open forms, and a
few forms walked on to each state (the seeds themselves are formtemplates.seeds; a stand-in
of the tests' own templates is used here, so this runs with or without them)."""

import sys
import types

import pytest
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from placementforms.models import PlacementForm
from placements import services
from placements.models import FormKind, Placement, PlacementStatus
from questionnaires import services as engine
from questionnaires.models import ResponseStatus
from roles.access import access_for
from roles.models import Person
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


@pytest.mark.dated
def test_the_demo_has_forms_in_each_state(transactional_db, seeds, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
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
    # The demo is rebuilt from scratch, forms and all.
    call_command("load_demo", "--reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        assert PlacementForm.objects.filter(response__status=ResponseStatus.LOCKED).count() == 4
