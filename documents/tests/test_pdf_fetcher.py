"""WeasyPrint reads nothing but the project's own static files (and inline data: URIs).

The kritische reflectie's HTML holds text that partnership members typed. Should markup ever
get through, the PDF must still not become a way to read the worker's files (file://, paths
escaping the static directories) or to make the worker send requests (SSRF to the metadata
service, other hosts on the network).
"""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from documents.pdf import StaticFilesFetcher, html_to_pdf

PASSWD = Path("/etc/passwd")


class Recorder(BaseHTTPRequestHandler):
    """Answers every GET with a small stylesheet and remembers the path."""

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.server.requests.append(self.path)
        body = b"body { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 that records every request it receives."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def pdf_text_and_attachments(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text, dict(reader.attachments)


def test_the_pdf_fetches_only_static_files(http_server):
    origin = f"http://127.0.0.1:{http_server.server_port}"
    html = f"""<!DOCTYPE html>
<html><head>
  <link rel="stylesheet" href="{origin}/linked.css">
  <link rel="attachment" href="file://{PASSWD}" title="passwd">
  <link rel="attachment" href="{origin}/attached.txt">
  <style>
    @import url("{origin}/imported.css");
    body {{ background: url("{origin}/background.png"); }}
  </style>
</head><body>
  <p>Kritische reflectie</p>
  <img src="file://{PASSWD}" alt="REFUSED-FILE">
  <img src="../../../../../../../..{PASSWD}" alt="REFUSED-RELATIVE">
  <img src="/static/../../../../../../../..{PASSWD}" alt="REFUSED-DOTDOT">
  <img src="/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e{PASSWD}" alt="REFUSED-ENCODED">
  <img src="http://169.254.169.254/latest/meta-data/" alt="REFUSED-METADATA">
  <img src="{origin}/image.png" alt="REFUSED-HTTP">
  <img src="/static/favicon.svg" alt="STATIC-NOT-LOADED">
  <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
       alt="DATA-NOT-LOADED">
</body></html>"""

    pdf, pages = html_to_pdf(html)

    assert pdf.startswith(b"%PDF-") and pages == 1
    assert http_server.requests == [], "WeasyPrint sent requests to another host"
    text, attachments = pdf_text_and_attachments(pdf)
    assert attachments == {}, "a file was attached to the PDF"
    assert "root:" not in text and "/bin/" not in text
    assert b"root:" not in pdf
    # A refused image shows its alt text; a loaded one does not. (Alt texts may wrap.)
    compact = "".join(text.split())
    for refused in ("FILE", "RELATIVE", "DOTDOT", "ENCODED", "METADATA", "HTTP"):
        assert f"REFUSED-{refused}" in compact, refused
    assert "STATIC-NOT-LOADED" not in compact, "the project's own static file was refused"
    assert "DATA-NOT-LOADED" not in compact, "an inline data: image was refused"


def static_url(path):
    return settings.SAMEN_BASE_URL + settings.STATIC_URL + path


def test_fetcher_serves_static_files_from_disk():
    response = StaticFilesFetcher().fetch(static_url("favicon.svg"))
    try:
        assert response.content_type == "image/svg+xml"
        assert b"<svg" in response.read()
    finally:
        response.close()


@pytest.mark.parametrize(
    "url",
    [
        f"file://{PASSWD}",
        f"file://{settings.BASE_DIR}/static/favicon.svg",  # our file, but not via the static URL
        "http://169.254.169.254/latest/meta-data/",
        "http://evil.example/x.css",
        "ftp://evil.example/x.css",
        static_url("../samen/settings.py"),
        static_url("%2e%2e/samen/settings.py"),
        static_url("..%2fsamen%2fsettings.py"),
        static_url("does-not-exist.css"),
        static_url(""),
        static_url("css"),  # a directory
        settings.SAMEN_BASE_URL + "/samen/settings.py",
        settings.SAMEN_BASE_URL + ".evil.example" + settings.STATIC_URL + "css/samen.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticFilesFetcher().fetch(url)
