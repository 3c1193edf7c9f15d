"""Search-as-you-type choices of the quality cycle's forms (samen.pickers)."""

from roles.models import Person
from roles.pickers import PERSON_SEARCH, person_label
from samen import pickers


def _people(access):
    """The partnership's people, for those who write the quality cycle (an activity's or an
    action's owner, a session's participants); nobody else is offered anyone."""
    if not (access.can("jaarplan.edit") or access.can("dialogue.edit")):
        return Person.objects.none()
    return Person.objects.order_by("last_name", "first_name")


pickers.register("pdca-person", _people, search=PERSON_SEARCH, label=person_label)
