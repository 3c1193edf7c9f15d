from django.conf import settings


def tenant(request):
    return {
        "partnership": getattr(request, "partnership", None),
        "access": getattr(request, "access", None),
        "open_signup": settings.SAMEN_OPEN_SIGNUP,
    }
