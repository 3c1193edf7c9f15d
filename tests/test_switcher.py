"""The header's partnership switcher (base.html, roles.context_processors, portal.views.switch):
someone with a role in two partnerships sees which one they are in and goes to the other in one
step, to the same kind of page where they may open it there, else to its dashboard."""

from django.urls import reverse
from django_scopes import scopes_disabled

from roles.models import Role
from tests import factories as f


def in_both(samen, other, who="coordinator"):
    """`who` of samen gets an instituutsopleider's role in the other partnership too."""
    user = samen.users[who]
    with scopes_disabled():
        person = f.PersonFactory(partnership=other.partnership, user=user, email=user.email)
        f.RoleAssignmentFactory(
            partnership=other.partnership,
            person=person,
            role=Role.INSTITUUTSOPLEIDER,
            partner=other.institute,
        )
    return user


def switch_url(tenant, van):
    return reverse("switch", args=[tenant.partnership.slug]) + f"?van={van}"


def test_the_header_lists_both_partnerships_and_says_which_is_current(client, samen, other):
    client.force_login(in_both(samen, other))

    page = client.get(reverse("placements:list", args=[samen.partnership.slug]))

    html = page.content.decode()
    assert 'class="switcher"' in html
    here = f"{reverse('switch', args=[samen.partnership.slug])}?van=/{samen.partnership.slug}"
    assert f'<a href="{here}/stages/" aria-current="true">{samen.partnership.name}</a>' in html
    there = f"{reverse('switch', args=[other.partnership.slug])}?van=/{samen.partnership.slug}"
    assert f'<a href="{there}/stages/">{other.partnership.name}</a>' in html


def test_someone_in_one_partnership_has_no_switcher(client, samen, other):
    client.force_login(samen.users["coordinator"])

    page = client.get(reverse("dashboard", args=[samen.partnership.slug]))

    assert page.status_code == 200
    assert 'class="switcher"' not in page.content.decode()


def test_switching_goes_to_the_same_kind_of_page_there(client, samen, other):
    client.force_login(in_both(samen, other))
    detail = reverse("placements:detail", args=[samen.partnership.slug, samen.placement.pk])

    response = client.get(switch_url(other, detail))

    assert response.status_code == 302
    assert response["Location"] == reverse("placements:list", args=[other.partnership.slug])


def test_switching_from_a_page_not_open_there_goes_to_the_dashboard(client, samen, other):
    # The coordinator's people list; in the other partnership she is instituutsopleider only.
    client.force_login(in_both(samen, other))
    people = reverse("roles:person_list", args=[samen.partnership.slug])

    for van in (people, "/", "https://elders.example/stages/", "/nergens/"):
        response = client.get(switch_url(other, van))

        assert response.status_code == 302, van
        assert response["Location"] == reverse("dashboard", args=[other.partnership.slug]), van


def test_switching_back_to_a_section_open_in_both(client, samen, other):
    client.force_login(in_both(samen, other))
    people = reverse("roles:person_list", args=[other.partnership.slug])

    response = client.get(switch_url(samen, people))

    # Not open to her in the other partnership, but it is in samen: the people list.
    assert response["Location"] == reverse("roles:person_list", args=[samen.partnership.slug])


def test_no_switching_to_a_partnership_without_a_role(client, samen, other):
    client.force_login(samen.users["coordinator"])

    response = client.get(switch_url(other, "/"))

    assert response.status_code == 404
