from django.conf import settings


def tenant(request):
    access = getattr(request, "access", None)
    return {
        "partnership": getattr(request, "partnership", None),
        "access": access,
        "open_signup": settings.SAMEN_OPEN_SIGNUP,
        "nav": main_menu(access) if access and access.may_enter else {},
    }


def main_menu(access):
    """The main menu's entries, from the same permission table as the pages they lead to (the
    header's partnership switcher asks it of the partnership it switches to)."""
    return {
        "placements": access.can("placement.view"),
        "organisation": access.can("school.view"),
        "people": access.can("person.view"),
        "network": access.can("body.view"),
        "certificates": access.can("certificate.manage"),
        "training": access.can("certificate.manage") or access.can("training.overview"),
        "quality": access.can("dossier.view")
        or access.can("reviewmoment.view")
        or access.can("quality.overview"),
    }
