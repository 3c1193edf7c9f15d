"""The portal's own pages: the home page (public, or the partnership picker), the dashboard
composed of the panels that apps contribute (samen.panels), and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from partnerships.models import Partnership
from roles.access import partnerships_for


def home(request):
    if not request.user.is_authenticated:
        # Partnership names are public; their opleidingsscholen have public profiles.
        return render(
            request,
            "portal/home_public.html",
            {"partnerships": Partnership.objects.filter(is_active=True)},
        )
    partnerships = list(partnerships_for(request.user))
    if len(partnerships) == 1:
        return redirect("dashboard", partnership_slug=partnerships[0].slug)
    return render(request, "portal/partnership_picker.html", {"partnerships": partnerships})


@login_required
def dashboard(request, partnership_slug):
    """What each app has for this person here: their placements, the quality work, their roles."""
    return render(request, "portal/dashboard.html")


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
