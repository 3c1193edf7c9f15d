"""An import finds its period by name however the dash was typed (issue 18 §5, "Words"): a
spreadsheet's "semester 2 - voorjaar" is the period "semester 2 – voorjaar"."""

from django_scopes import scopes_disabled

from matching import services as matching
from matching.models import PlacementRequest
from samen.uploads import read_upload
from tests.fixtures import actor

from .test_capacity_matching import csv_bytes, student


def test_an_import_matches_a_period_named_with_an_en_dash_by_a_hyphen(samen):
    with scopes_disabled():
        samen.period.name = "Pabo voltijd jaar 2 – semester 2"
        samen.period.save(update_fields=["name"])
    ok = student(samen, "Streepje")
    typed = ("Pabo voltijd jaar 2 - semester 2", "pabo voltijd jaar 2 —  semester 2")
    rows = [(ok.email, name, "groep 4", "") for name in typed[:1]]
    upload = read_upload(csv_bytes(rows), name="aanvragen.csv", **matching.REQUEST_UPLOAD)
    with samen.scope():
        preview = matching.preview_request_import(actor(samen), upload)
        assert preview.errors == {}
        assert matching.import_requests(actor(samen), upload) == 1
        assert PlacementRequest.objects.get(student=ok).period == samen.period
        # An em dash, other case and spacing: the same period (this row asks twice: refused so).
        again = read_upload(
            csv_bytes([(ok.email, typed[1], "", "")]), name="a.csv", **matching.REQUEST_UPLOAD
        )
        errors = matching.preview_request_import(actor(samen), again).errors
    assert "al een aanvraag" in errors[2][0]


def test_another_name_is_still_refused(samen):
    ok = student(samen, "Anders")
    upload = read_upload(
        csv_bytes([(ok.email, "Pabo voltijd jaar 3 - semester 2", "", "")]),
        name="aanvragen.csv",
        **matching.REQUEST_UPLOAD,
    )
    with samen.scope():
        errors = matching.preview_request_import(actor(samen), upload).errors
    assert "geen stageperiode" in errors[2][0]
