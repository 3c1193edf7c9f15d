"""What the placement year shows on other pages (samen.panels): the matching board, the
requests and the capacity among the placement year's pages on the placement list."""

from samen import panels


def stage_links(request, obj):
    access = request.access
    links = {
        "can_match": access.can("matching.view"),
        "can_view_requests": access.can("request.view"),
        "can_view_capacity": access.can("capacity.view"),
    }
    return links if any(links.values()) else None


panels.register("stages", "matching/_stage_links.html", stage_links, order=20)
