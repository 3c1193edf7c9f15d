from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from partnerships.models import Partnership
from placements.models import Placement
from quality.models import Dossier
from roles.access import partnerships_for
from roles.services.people import descriptions_for


def home(request):
    if not request.user.is_authenticated:
        # Partnership names are public; their opleidingsscholen have public profiles.
        return render(
            request,
            "home_public.html",
            {"partnerships": Partnership.objects.filter(is_active=True)},
        )
    partnerships = list(partnerships_for(request.user))
    if len(partnerships) == 1:
        return redirect("dashboard", partnership_slug=partnerships[0].slug)
    return render(request, "partnership_picker.html", {"partnerships": partnerships})


@login_required
def dashboard(request, partnership_slug):
    access = request.access
    context = {}
    if access.can("placement.view"):
        placements = access.filter("placement.view", Placement.objects.all())
        context["my_placements"] = placements.select_related(
            "student", "school", "mentor", "start_form"
        ).order_by("-starts_on")[:10]
        context["placement_count"] = placements.count()
    if access.can("dossier.view"):
        context["dossiers"] = access.filter("dossier.view", Dossier.objects.all())
    context["role_descriptions"] = descriptions_for(access)
    context["can_manage_placements"] = access.can("placement.manage")
    context["can_view_moments"] = access.can("reviewmoment.view")
    return render(request, "dashboard.html", context)


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
