"""Search-as-you-type choices of the coordinator's list of forms (samen.pickers)."""

from partnerships.models import Partner
from placements.models import PlacementPeriod
from samen import pickers

pickers.register(
    "placementform-institute",
    # The institutes whose placement periods the person may see (a handful per partnership).
    lambda access: (
        Partner.objects.filter(pk__in=PlacementPeriod.objects.values("institute_id"))
        .select_related("organisation")
        .order_by("organisation__name")
        if access.can("placementform.view")
        else Partner.objects.none()
    ),
    search=("organisation__name",),
)
