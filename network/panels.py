"""What the network shows on other apps' pages (samen.panels): a person's expertise,
bodies and certificates."""

from samen import panels


def person_expertise(request, person):
    if not request.access.can("expertise.view"):
        return None
    return {
        "expertise": person.expertise.all(),
        "can_edit_expertise": request.access.can("expertise.edit", person),
    }


def person_network(request, person):
    """The bodies and certificates of a person, for whoever reads the person."""
    return {
        "memberships": person.body_memberships.select_related("body"),
        "certificates": person.certificates.all(),
    }


panels.register("person", "network/_person_expertise.html", person_expertise, order=10)
panels.register("person-network", "network/_person_network.html", person_network, order=10)
