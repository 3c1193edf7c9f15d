"""What the quality cycle's pages share."""

from samen.schooljaar import Schooljaar


def form_page(title, back_url, back_label, **context):
    """The context of pdca/form_page.html: a title, a way back, the form."""
    return {"title": title, "back_url": back_url, "back_label": back_label, **context}


def year_label(obj):
    """An object's schooljaar as the lists show it ("2025-2026")."""
    return str(Schooljaar(obj.schooljaar))
