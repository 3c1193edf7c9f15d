"""The portal's own pages: the home page (public, or the partnership picker), the dashboard
composed of the panels that apps contribute (samen.panels), the header's partnership switch,
and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.cache import never_cache

from partnerships.models import Partnership
from roles.access import partnerships_for
from samen.context_processors import main_menu


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


#: The main menu's sections, as base.html marks them current: (does the page belong to it,
#: the menu entry that must be open, the page the section starts on).
SECTIONS = (
    (lambda m: m.app_name in PLACEMENT_APPS, "placements", "placements:list"),
    (lambda m: m.app_name == "partnerships", "organisation", "partnerships:school_list"),
    (lambda m: m.url_name.startswith(("person_", "assignment_")), "people", "roles:person_list"),
    (lambda m: m.url_name.startswith(("body_", "meeting_")), "network", "network:body_list"),
    (lambda m: m.url_name.startswith("certificate_"), "certificates", "network:certificate_list"),
    (lambda m: m.url_name.startswith("training_"), "certificates", "network:certificate_list"),
    (lambda m: m.url_name.startswith("training_"), "training", "network:training_overview"),
    (lambda m: m.url_name.startswith("expertise_"), "network", "network:expertise_directory"),
    (lambda m: m.url_name.startswith("role_"), "network", "roles:role_catalogue"),
)
PLACEMENT_APPS = {"placements", "matching", "formtemplates", "placementforms"}


@login_required
def switch(request, partnership_slug):
    """The header's switcher: from a page of one partnership (`?van=`) to the same kind of page
    in this one — the start of the same main-menu section, if the user may open it here — or
    else to this partnership's dashboard. TenantMiddleware has already answered 404 to who may
    not enter, and so does this to who enters without a role here (a reviewer's grant): the
    switcher lists only partnerships with a role. `van` is only resolved, never redirected to."""
    if not request.access.assignments and not request.access.is_platform_admin:
        raise Http404
    menu = main_menu(request.access)
    try:
        match = resolve(request.GET.get("van", ""))
    except Resolver404:
        match = None
    if match is not None and match.url_name:
        for belongs, entry, page in SECTIONS:
            if belongs(match) and menu.get(entry):
                return redirect(reverse(page, args=[partnership_slug]))
    return redirect("dashboard", partnership_slug=partnership_slug)


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
