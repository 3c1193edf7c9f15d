"""Every list downloads as CSV and XLSX, holding exactly the rows the user may see."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Grouping
from roles.models import ExpertiseArea

LISTS = [
    "placements:list",
    "partnerships:school_list",
    "partnerships:partner_list",
    "partnerships:grouping_list",
    "roles:person_list",
    "roles:certificate_list",
    "roles:training_overview",
    "roles:expertise_directory",
    "roles:body_list",
]


@pytest.fixture
def world(samen, other):
    for tenant, name in ((samen, "Zonnebloem"), (other, "Kraanvogel")):
        with scopes_disabled():
            Grouping.objects.create(
                partnership=tenant.partnership, kind="cluster", name=f"Cluster {name}"
            )
            area = ExpertiseArea.objects.create(
                partnership=tenant.partnership, name=f"Rekenen {name}"
            )
            tenant.people["mentor"].expertise.add(area)
    return samen


@pytest.mark.parametrize("name", LISTS)
def test_csv_export_downloads_this_partnerships_rows_only(client_for, world, name):
    client = client_for(world.users["coordinator"])
    response = client.get(reverse(name, args=[world.partnership.slug]), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert len(text.splitlines()) >= 1  # at least the header row
    assert "Kraanvogel" not in text


@pytest.mark.parametrize(
    "name", ["placements:list", "partnerships:grouping_list", "roles:expertise_directory"]
)
def test_xlsx_export_opens_in_a_spreadsheet_with_the_rows(client_for, world, name):
    client = client_for(world.users["coordinator"])
    response = client.get(reverse(name, args=[world.partnership.slug]), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Zonnebloem" in c for c in cells)
    assert not any("Kraanvogel" in c for c in cells)


def test_mentor_exports_only_their_own_placements(client_for, samen):
    from tests import factories as f

    with scopes_disabled():
        f.PlacementFactory(
            partnership=samen.partnership, school=samen.school, student__last_name="Vreemdeling"
        )
    client = client_for(samen.users["mentor"])
    text = client.get(
        reverse("placements:list", args=[samen.partnership.slug]), {"export": "csv"}
    ).content.decode("utf-8-sig")
    assert samen.people["student"].last_name in text
    assert "Vreemdeling" not in text
