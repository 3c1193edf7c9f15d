"""Writing a chapter of the kritische reflectie: one page per waarborg, under its name, back
to the dossier; a number that is no waarborg has no page."""

from django.urls import reverse


def url(tenant, **kwargs):
    return reverse(
        "quality:section_edit", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs}
    )


def test_a_chapter_is_written_on_its_own_page_and_shown_on_the_dossier(samen, client):
    dossier = samen.dossier
    client.force_login(samen.users["projectgroep"])
    page = client.get(url(samen, pk=dossier.pk, waarborg=2)).content.decode()
    assert "<h1>Waarborg 2: Leeromgeving</h1>" in page
    with samen.scope():
        back = dossier.get_absolute_url()
    assert f'href="{back}">← {dossier.title}' in page
    response = client.post(
        url(samen, pk=dossier.pk, waarborg=2), {"narrative": "Wij leren samen.", "reflection": ""}
    )
    assert response["Location"] == back
    assert "Wij leren samen." in client.get(back).content.decode()
    assert client.get(url(samen, pk=dossier.pk, waarborg=9)).status_code == 404
    client.force_login(samen.users["stuurgroep"])  # reads the dossier, writes none of it
    assert client.get(url(samen, pk=dossier.pk, waarborg=2)).status_code == 404
