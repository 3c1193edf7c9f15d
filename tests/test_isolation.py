"""Tenant isolation: every URL pattern, requested as an outsider and as an anonymous visitor.

`TENANT_ROUTES` says, for every route under /<partnership_slug>/, which object of the
`samen` partnership fills its URL. A route that is in the URLconf but not here fails
`test_every_route_is_covered`: a new page cannot ship without its isolation check.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cycle.tests import routes as cycle_routes
from documents.tests import routes as document_routes
from formtemplates.tests import routes as formtemplate_routes
from matching.tests import routes as matching_routes
from network.tests import routes as network_routes
from notifications.tests import routes as notification_routes
from partnerships.tests import routes as partnership_routes
from pdca.tests import routes as pdca_routes
from placementforms.tests import routes as placementform_routes
from placements.tests import routes as placement_routes
from quality.tests import routes as quality_routes
from roles.tests import routes as role_routes
from samen.schooljaar import Schooljaar
from tests import job_routes
from tests.policy import ALL_ROLES, EXPECTED, OWN, SCOPE, WIDE

# route name -> (HTTP method, how to build its kwargs from the `samen` tenant). Each app keeps
# its own registry in <app>/tests/routes.py; the fixture objects they need (t.render, …) are
# built by `tenant_objects` below.
TENANT_ROUTES = {
    "dashboard": ("get", lambda t: {}),
    "picker": ("get", lambda t: {"picker": "person"}),
    "switch": ("get", lambda t: {}),
    **placement_routes.ROUTES,
    **matching_routes.ROUTES,
    **formtemplate_routes.ROUTES,
    **placementform_routes.ROUTES,
    **pdca_routes.ROUTES,
    **cycle_routes.ROUTES,
    **quality_routes.ROUTES,
    **partnership_routes.ROUTES,
    **role_routes.ROUTES,
    **network_routes.ROUTES,
    **document_routes.ROUTES,
    **notification_routes.ROUTES,
    **job_routes.ROUTES,
}
# route name -> the action that guards it (None: anyone who may enter the partnership).
GUARDS = {
    "dashboard": None,
    "picker": None,  # answers with what each picker's own rule reaches (tests/test_pickers.py)
    "switch": None,  # the header's partnership switcher: a redirect to a page here
    **placement_routes.GUARDS,
    **matching_routes.GUARDS,
    **formtemplate_routes.GUARDS,
    **placementform_routes.GUARDS,
    **pdca_routes.GUARDS,
    **cycle_routes.GUARDS,
    **quality_routes.GUARDS,
    **partnership_routes.GUARDS,
    **role_routes.GUARDS,
    **network_routes.GUARDS,
    **document_routes.GUARDS,
    **notification_routes.GUARDS,
    **job_routes.GUARDS,
}
# Tenant routes that anonymous visitors may open (public school profiles): they must show
# only what is published, to anyone.
PUBLIC_TENANT_ROUTES = {**partnership_routes.PUBLIC_ROUTES, **cycle_routes.PUBLIC_ROUTES}
# Routes outside any tenant: what they may show is the same for everyone.
GLOBAL_ROUTES = {"home", "healthz", "set_language"}
# Whole URL namespaces owned by a library, each with its own guard.
LIBRARY_PREFIXES = {
    "accounts/": "django-allauth: login, e-mail, password and MFA pages",
    "admin/": "Django admin: superusers only (PlatformAdminSite.has_permission)",
}


def iter_routes(patterns=None, prefix="", namespace=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            full_ns = f"{namespace}:{ns}".strip(":") if ns else namespace
            yield from iter_routes(p.url_patterns, route, full_ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield route, name


def test_every_route_is_covered():
    uncovered = []
    for route, name in iter_routes():
        if any(route.startswith(prefix) for prefix in LIBRARY_PREFIXES):
            continue
        if name in TENANT_ROUTES or name in PUBLIC_TENANT_ROUTES or name in GLOBAL_ROUTES:
            continue
        uncovered.append(f"{route} (name={name!r})")
    assert not uncovered, (
        "Routes without an isolation check — add them to TENANT_ROUTES or GLOBAL_ROUTES:\n"
        + "\n".join(uncovered)
    )


def test_every_tenant_route_sits_under_the_partnership_slug():
    tenant_names = {
        name for route, name in iter_routes() if route.startswith("<slug:partnership_slug>/")
    }
    assert tenant_names == set(TENANT_ROUTES) | set(PUBLIC_TENANT_ROUTES)


def test_only_listed_public_routes_are_open_to_everyone():
    from django.urls import resolve

    for route, name in iter_routes():
        if not route.startswith("<slug:partnership_slug>/"):
            continue
        method, kwargs = {**TENANT_ROUTES, **PUBLIC_TENANT_ROUTES}[name]
        is_public = getattr(resolve(_url(name, kwargs, "x")).func, "samen_public", False)
        assert is_public == (name in PUBLIC_TENANT_ROUTES), name


def _url(name, kwargs, slug, tenant=None):
    return reverse(name, kwargs={"partnership_slug": slug, **kwargs(tenant or _Dummy())})


class _Dummy:
    """Stands in for a tenant when only the shape of a URL matters."""

    def __getattr__(self, _name):
        return self

    pk = 1


@pytest.fixture
def samen_with_render(samen):
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from cycle.models import CycleActivity, ReviewMoment
    from documents.models import Render, RenderStatus
    from notifications.models import Notification
    from samen.models import Job, JobStatus

    with scopes_disabled():
        samen.job = Job.objects.create(
            partnership=samen.partnership,
            owner=samen.users["coordinator"],
            kind="export",
            title="Scholen downloaden (CSV) Zonnebloem",
            view="partnerships.views.SchoolList",
            status=JobStatus.DONE,
            file="jobs/none.csv",
            filename="scholen.csv",
            params={"actions": ["school.view"]},
        )
        samen.render = Render.objects.create(
            partnership=samen.partnership,
            kind="kritische_reflectie",
            target=samen.dossier,
            status=RenderStatus.READY,
            pdf="documents/none.pdf",
        )
        samen.failed_notification = Notification.objects.create(
            partnership=samen.partnership,
            kind="reviewmoment.upcoming",
            target=samen.school,
            send_on=timezone.localdate(),
            attempts=8,
            failed_at=timezone.now(),
            last_error="SMTPRecipientsRefused: School Zonnebloem",
        )
        samen.review_moment = ReviewMoment.objects.create(
            partnership=samen.partnership,
            school=samen.school,
            kind="evaluatiegesprek",
            schooljaar=Schooljaar.current().start_year,
            title="Evaluatiegesprek School Zonnebloem",
            due_on=Schooljaar.current().last_day,
        )
        samen.cycle_activity = CycleActivity.objects.create(
            partnership=samen.partnership,
            moment="jaarlijks",
            name="Evaluatiegesprek Zonnebloem",
            goal="Kwaliteit en tevredenheid",
            activity="Evaluatiegesprek",
            kind="evaluatiegesprek",
            participants=["schoolopleider"],
            scope="school",
            month_from=3,
            month_to=5,
        )
    return samen


SECRETS = ("Zonnebloem", "Partnerschap Samen Test")


def _request(client, name, samen):
    method, kwargs = TENANT_ROUTES[name]
    url = reverse(name, kwargs={"partnership_slug": samen.partnership.slug, **kwargs(samen)})
    return getattr(client, method)(url)


@pytest.mark.parametrize("name", sorted(TENANT_ROUTES))
@pytest.mark.parametrize("outsider", ["coordinator", "stuurgroep", "mentor"])
def test_outsider_gets_404_on_every_tenant_route(client, samen_with_render, other, name, outsider):
    client.force_login(other.users[outsider])
    response = _request(client, name, samen_with_render)
    assert response.status_code == 404
    body = response.content.decode()
    assert not any(secret in body for secret in SECRETS)


@pytest.mark.parametrize("name", sorted(TENANT_ROUTES))
def test_anonymous_visitor_is_sent_to_login_on_every_tenant_route(client, samen_with_render, name):
    response = _request(client, name, samen_with_render)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(TENANT_ROUTES))
def test_outsider_cannot_reach_own_routes_with_the_other_partnerships_ids(
    client, samen_with_render, other, name
):
    """The classic leak: the outsider's own slug, but an id from the other partnership."""
    client.force_login(other.users["coordinator"])
    method, kwargs = TENANT_ROUTES[name]
    url = reverse(
        name, kwargs={"partnership_slug": other.partnership.slug, **kwargs(samen_with_render)}
    )
    response = getattr(client, method)(url)
    if any(isinstance(value, int) for value in kwargs(samen_with_render).values()):
        assert response.status_code == 404
    body = response.content.decode()
    assert not any(secret in body for secret in SECRETS)


@pytest.mark.parametrize("name", sorted(GLOBAL_ROUTES - {"set_language"}))
def test_global_routes_show_no_tenant_data(client, samen, other, name):
    client.force_login(other.users["coordinator"])
    response = client.get(reverse(name), follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert not any(secret in body for secret in SECRETS)


def test_admin_is_closed_to_partnership_staff(client, samen):
    client.force_login(samen.users["coordinator"])
    response = client.get("/admin/placements/placement/")
    assert response.status_code in (302, 403)
    assert "Zonnebloem" not in response.content.decode()


@pytest.mark.parametrize("name", sorted(PUBLIC_TENANT_ROUTES))
@pytest.mark.parametrize("who", ["anonymous", "outsider", "mentor"])
def test_public_routes_never_show_unpublished_data(client, samen_with_render, other, name, who):
    """The `samen` fixture publishes nothing: its public pages must not show its school."""
    if who == "outsider":
        client.force_login(other.users["coordinator"])
    elif who == "mentor":
        client.force_login(samen_with_render.users["mentor"])
    method, kwargs = PUBLIC_TENANT_ROUTES[name]
    url = _url(name, kwargs, samen_with_render.partnership.slug, samen_with_render)
    response = getattr(client, method)(url)
    assert response.status_code in (200, 404)
    assert "School Zonnebloem" not in response.content.decode()


# --- Members of the same partnership without the permission -------------------------------


def test_every_tenant_route_names_the_action_that_guards_it():
    assert set(GUARDS) == set(TENANT_ROUTES)
    assert {g for g in GUARDS.values() if g} <= set(EXPECTED)


def _member(tenant, roles, *, school=None, years=None):
    """A user of `tenant` holding `roles` (for the whole partnership unless `school`)."""
    from django_scopes import scopes_disabled

    from samen.schooljaar import Schooljaar
    from tests import factories as f

    current = Schooljaar.current().start_year
    first, last = years or (current, None)
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=tenant.partnership, user=user)
        for role in roles:
            f.RoleAssignmentFactory(
                partnership=tenant.partnership,
                person=person,
                role=role,
                school=school,
                schooljaar_from=first,
                schooljaar_to=last,
            )
    return user


def _has_object(name, tenant):
    """Does the route's URL name an object (an id), or is it a list or a form?"""
    return any(isinstance(v, int) for v in TENANT_ROUTES[name][1](tenant).values())


GUARDED = sorted(name for name, action in GUARDS.items() if action)
OBJECT_ROUTES = sorted(name for name in GUARDED if _has_object(name, _Dummy()))
#: Object routes whose action some role has by scope (not only "member" or "own").
SCOPED_OBJECT_ROUTES = [
    name
    for name in OBJECT_ROUTES
    if any(reach in (SCOPE, WIDE) for reach in EXPECTED[GUARDS[name]].values())
]


@pytest.mark.parametrize("name", GUARDED)
def test_a_member_without_the_permission_gets_404(client, samen_with_render, name):
    """Every role that lacks the route's action (or has it for its own objects only, owning
    nothing here), held at once for the whole partnership: still 404. Where every role has
    the action, someone whose roles ended last schooljaar."""
    tenant = samen_with_render
    action = GUARDS[name]
    unreached = (None, OWN) if _has_object(name, tenant) else (None,)
    roles = [r for r in ALL_ROLES if EXPECTED[action].get(r) in unreached]
    if roles:
        user = _member(tenant, roles)
    else:
        last_year = Schooljaar.current().start_year - 1
        user = _member(tenant, ["mentor", "cooper"], years=(last_year, last_year))
    client.force_login(user)
    assert _request(client, name, tenant).status_code == 404


@pytest.mark.parametrize("name", SCOPED_OBJECT_ROUTES)
def test_a_member_scoped_to_another_school_gets_404_on_this_schools_objects(
    client, samen_with_render, name
):
    """The roles that have the action in their scope, held at a school of another board."""
    from django_scopes import scopes_disabled

    from tests import factories as f

    tenant = samen_with_render
    action = GUARDS[name]
    roles = [r for r, reach in EXPECTED[action].items() if reach in (SCOPE, WIDE)]
    with scopes_disabled():
        board = f.PartnerFactory(partnership=tenant.partnership)
        elsewhere = f.SchoolFactory(partnership=tenant.partnership, board=board)
    client.force_login(_member(tenant, roles, school=elsewhere))
    assert _request(client, name, tenant).status_code == 404


@pytest.mark.parametrize("name", sorted(TENANT_ROUTES))
def test_a_reviewer_with_one_grant_reaches_that_dossier_only(client, samen_with_render, name):
    from django_scopes import scopes_disabled
    from guardian.shortcuts import assign_perm

    from tests import factories as f

    tenant = samen_with_render
    with scopes_disabled():
        reviewer = f.UserFactory()
    assign_perm("quality.view_dossier", reviewer, tenant.dossier)
    client.force_login(reviewer)
    expected = 200 if name in ("dashboard", "quality:dossier") else 404
    assert _request(client, name, tenant).status_code == expected
