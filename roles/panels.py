"""What roles show on other apps' pages (samen.panels): my roles on the dashboard, and who
holds which role at a school or in a grouping."""

from django.db.models import Q

from samen import panels
from samen.schooljaar import Schooljaar

from .models import RoleAssignment
from .services import descriptions_for


def my_roles(request, obj):
    if not request.access.current_assignments:
        return None
    return {"role_descriptions": descriptions_for(request.access)}


def school_role_holders(request, school):
    schooljaar = Schooljaar.current()
    holders = (
        RoleAssignment.objects.active_in(schooljaar)
        .filter(Q(school=school) | Q(grouping__schools=school))
        .select_related("person", "grouping")
        .distinct()
        .order_by("role", "person__last_name")
    )
    return {"role_holders": holders, "schooljaar": schooljaar}


def grouping_roles(request, grouping):
    roles = (
        RoleAssignment.objects.active_in(Schooljaar.current())
        .filter(grouping=grouping)
        .select_related("person")
    )
    return {"roles": roles}


panels.register("dashboard", "roles/_my_roles.html", my_roles, order=90)
panels.register("school", "roles/_school_role_holders.html", school_role_holders, order=10)
panels.register("grouping", "roles/_grouping_roles.html", grouping_roles, order=10)
