"""The URLs of bench/lists.py: the portal's own, with a Django admin that has a changelist for
every model a list of the portal shows (the baseline: "the admin's changelist of the same
rows"). Mounted at /admin/ so that TenantMiddleware lets the superuser cross tenants there,
as with the real admin.

Every changelist shows as many rows a page as the portal's lists (samen.lists.ListView's
`paginate_by`, 50; admin's own default is 100), so both sides render the same number of rows.
"""

from django.contrib import admin
from django.urls import path

from cycle.models import ReviewMoment
from network.models import Body, Certificate, ExpertiseArea
from partnerships.models import Grouping, Partner, School
from placements.models import Placement
from portal.urls import urlpatterns as portal_urlpatterns
from roles.models import Person
from samen.lists import ListView

site = admin.AdminSite(name="admin")


class ModelAdmin(admin.ModelAdmin):
    list_per_page = ListView.paginate_by  # the portal's page size: like with like


@admin.register(School, site=site)
class SchoolAdmin(ModelAdmin):
    list_display = ["name", "board", "place", "brin", "training_status", "cohort", "size"]
    list_filter = ["partnership", "training_status"]
    list_select_related = ["board__organisation"]
    search_fields = ["name", "place", "brin"]


@admin.register(Partner, site=site)
class PartnerAdmin(ModelAdmin):
    list_display = ["organisation", "joined_on", "left_on", "is_penvoerder"]
    list_filter = ["partnership"]
    list_select_related = ["organisation"]


@admin.register(Grouping, site=site)
class GroupingAdmin(ModelAdmin):
    list_display = ["name", "kind", "hub"]
    list_filter = ["partnership"]
    list_select_related = ["hub"]


@admin.register(Person, site=site)
class PersonAdmin(ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user"]
    list_filter = ["partnership", "expertise"]
    list_select_related = ["user"]
    search_fields = ["first_name", "last_name", "email"]


@admin.register(Certificate, site=site)
class CertificateAdmin(ModelAdmin):
    list_display = ["person", "kind", "obtained_on", "valid_until"]
    list_filter = ["partnership"]
    list_select_related = ["person"]


@admin.register(ExpertiseArea, site=site)
class ExpertiseAreaAdmin(ModelAdmin):
    list_display = ["name"]
    list_filter = ["partnership"]


@admin.register(Body, site=site)
class BodyAdmin(ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["partnership"]


@admin.register(Placement, site=site)
class PlacementAdmin(ModelAdmin):
    list_display = ["student", "school", "mentor", "starts_on", "ends_on", "status"]
    list_filter = ["partnership", "status"]
    list_select_related = ["student", "school", "mentor"]
    search_fields = ["student__last_name", "school__name"]


@admin.register(ReviewMoment, site=site)
class ReviewMomentAdmin(ModelAdmin):
    list_display = ["title", "school", "due_on"]
    list_filter = ["partnership"]
    list_select_related = ["school"]


urlpatterns = [p for p in portal_urlpatterns if str(p.pattern) != "admin/"] + [
    path("admin/", site.urls)
]
