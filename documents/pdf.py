"""HTML to PDF with WeasyPrint, reading nothing but the project's own static files.

WeasyPrint is imported on first use: only the worker needs it.
"""

import functools
import mimetypes
import os
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count.

    WeasyPrint reads only our static files and data: URIs (StaticFilesFetcher); relative URLs
    resolve against SAMEN_BASE_URL, so "/static/…" means a file of this project.
    """
    from weasyprint import HTML

    fetcher = _static_files_fetcher_class()()
    document = HTML(string=html, base_url=settings.SAMEN_BASE_URL + "/", url_fetcher=fetcher)
    document = document.render()
    return document.write_pdf(), len(document.pages)


def _static_prefix():
    """The absolute URL of the static files as the PDF sees them (its base URL + STATIC_URL)."""
    return urljoin(settings.SAMEN_BASE_URL + "/", settings.STATIC_URL)


@functools.cache
def _static_files_fetcher_class():
    """Builds StaticFilesFetcher on first use: WeasyPrint is imported in the worker only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """WeasyPrint's URL fetcher for our PDFs: the project's static files and nothing else.

        Guarantees: a URL under the PDF's static prefix (SAMEN_BASE_URL + STATIC_URL) is read
        from disk through Django's staticfiles finders (or the collected STATIC_ROOT), never
        over the network, and only if it names a file inside a static directory; `data:` URIs
        (content already in the HTML) are decoded. Every other URL — file://, http(s) to any
        host, paths that leave the static directories — raises ValueError, which WeasyPrint
        logs as a warning and treats as a missing resource.
        """

        def __init__(self):
            # Only data: ever reaches WeasyPrint's own fetching; no redirects, short timeout.
            super().__init__(timeout=1, allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            prefix = _static_prefix()
            if not url.startswith(prefix):
                raise ValueError(f"Not one of our static files, refused: {url[:200]}")
            name = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
            body = _read_static_file(name)
            if body is None:
                raise ValueError(f"No such static file: {url[:200]}")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    StaticFilesFetcher.__module__ = __name__
    return StaticFilesFetcher


def __getattr__(name):
    # `from documents.pdf import StaticFilesFetcher` imports WeasyPrint only then.
    if name == "StaticFilesFetcher":
        return _static_files_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_static_file(name):
    """The bytes of static file `name` (relative, '/'-separated), or None if it is not one."""
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        return None
    try:
        path = finders.find(name)
        if path is None and staticfiles_storage.exists(name):  # collected, e.g. hashed names
            path = staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    if path is None or not os.path.isfile(path):
        return None
    with open(path, "rb") as file:
        return file.read()
