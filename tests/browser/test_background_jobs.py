"""Browser journey: a coordinator downloads a list too large for the request. The download is
made in the background; she follows its progress, leaves the page, and comes back to it later
through the header to download the file (samen.jobs)."""

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery]


def test_a_large_download_can_be_left_and_picked_up_later(
    demo, live_server, new_page, settings, request
):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 3  # the demo's school list is larger than this
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/organisatie/scholen/")

    # No worker runs yet: the job waits in the queue, and its page keeps asking how far it is.
    with page.expect_request(lambda r: "/taken/" in r.url and "/status/" in r.url):
        page.get_by_role("link", name="Excel", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholen downloaden (XLSX)")
    status = page.locator("#job-status")
    expect(status).to_have_attribute("data-status", "queued")
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(status).to_contain_text("U kunt deze pagina verlaten")
    job_url = page.url
    shot(page, "queued")

    # She leaves; meanwhile a worker starts and makes the file.
    page.get_by_role("link", name="Samen").first.click()
    expect(page).to_have_url(f"{live_server.url}/samen/")
    request.getfixturevalue("celery_worker")

    # She comes back through the header and finds it done.
    page.get_by_role("link", name="Downloads en imports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn downloads en imports")
    shot(page, "list")
    page.get_by_role("link", name="Scholen downloaden (XLSX)").click()
    expect(page).to_have_url(job_url)
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.locator("#job-status .badge")).to_have_text("Klaar")
    shot(page, "done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="downloaden").click()
    download = download_info.value
    assert download.suggested_filename.startswith("scholen-")
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        assert file.read(4) == b"PK\x03\x04"
