"""Downloads of lists as CSV or XLSX: one way for every list in the portal.

Lists export the same queryset they show (already narrowed by `access.filter` and the
filters), so an export never holds more than the page would.
"""

from django.http import HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def requested_format(request):
    """'csv' or 'xlsx' when the list was asked for as a download (?export=…), else None."""
    fmt = request.GET.get("export")
    return fmt if fmt in FORMATS else None


def download(dataset, fmt, basename):
    """The tablib `dataset` as an attachment named `<basename>-<date>.<fmt>`."""
    # For CSV, the byte-order mark lets Excel read the accents (é, ë) correctly.
    body = ("\ufeff" + dataset.csv).encode("utf-8") if fmt == "csv" else dataset.xlsx
    response = HttpResponse(body, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.{fmt}"'
    return response


def dataset(headers, rows):
    """A tablib Dataset from column headers (translated) and rows of plain values."""
    import tablib

    data = tablib.Dataset(headers=[str(h) for h in headers])
    for row in rows:
        data.append(["" if value is None else str(value) for value in row])
    return data
