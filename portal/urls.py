"""The URLs of the whole portal: the roof that composes the apps (ROOT_URLCONF)."""

from django.contrib import admin
from django.urls import include, path

from samen import pickers

from . import views

# Tenant pages: /<partnership_slug>/… — TenantMiddleware enters the partnership's scope.
tenant_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("kies/<slug:picker>/", pickers.options, name="picker"),
    path("wissel/", views.switch, name="switch"),
    path("stages/", include("placements.urls")),
    path("stages/", include("matching.urls")),
    path("stages/formulieren/", include("formtemplates.urls")),
    path("stages/", include("placementforms.urls")),
    # The three quality rooms share one address, as before they were rooms (bookmarks and the
    # links in sent reminders keep working): Plan, Do, Check, Act; the kwaliteitscyclus and its
    # calendar; the dossiers. No path of one is a path of another.
    path("kwaliteit/", include("pdca.urls")),
    path("kwaliteit/", include("cycle.urls")),
    path("kwaliteit/", include("quality.urls")),
    path("documenten/", include("documents.urls")),
    path("herinneringen/", include("notifications.urls")),
    path("taken/", include("samen.job_urls")),
    path("", include("partnerships.urls")),
    path("", include("roles.urls")),
    path("", include("network.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("<slug:partnership_slug>/", include(tenant_patterns)),
]
