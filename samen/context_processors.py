def tenant(request):
    return {
        "partnership": getattr(request, "partnership", None),
        "access": getattr(request, "access", None),
    }
