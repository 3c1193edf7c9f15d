from django.conf import settings


def tenant(request):
    access = getattr(request, "access", None)
    return {
        "partnership": getattr(request, "partnership", None),
        "access": access,
        "open_signup": settings.SAMEN_OPEN_SIGNUP,
        # Main menu entries, from the same permission table as the pages they lead to.
        "nav": {
            "placements": access.can("placement.view"),
            "quality": access.can("dossier.view") or access.can("reviewmoment.view"),
        }
        if access
        else {},
    }
