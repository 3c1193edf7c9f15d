"""Search-as-you-type choices of the network's rows (samen.pickers).

"stuurgroep-meeting" is the meeting where the stuurgroep took a decision: the jaarplan's
adoption names it (pdca stands below the network, so it asks for this picker by name and
keeps the chosen meeting by content type, without importing the network).
"""

from django.utils import timezone
from django.utils.formats import date_format

from samen import pickers

from .models import Body, Meeting


def _meeting_label(meeting):
    when = date_format(timezone.localtime(meeting.starts_at), "j F Y")
    return f"{meeting.body.name}, {when}"


def _stuurgroep_meetings(access):
    """The partnership's stuurgroep meetings held so far (a decision is taken at a meeting that
    has begun), the latest first, for those who see the overlegstructuur."""
    if not access.can("body.view"):
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(body__kind=Body.Kind.STUURGROEP, starts_at__lte=timezone.now())
        .select_related("body")
        .order_by("-starts_at")
    )


pickers.register(
    "stuurgroep-meeting",
    _stuurgroep_meetings,
    search=("body__name", "location", "notes"),
    label=_meeting_label,
)
