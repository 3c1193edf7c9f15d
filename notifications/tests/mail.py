"""Test support for mail: a real SMTP server (aiosmtpd), and the sweeps a real worker finished.

The fixtures are imported by the conftest.py of every app whose tests send notifications.
"""

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from celery import signals

SWEEP_TASK = "notifications.tasks.send_due_notifications"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.EmailMessage

    @property
    def subject(self):
        return str(self.message["Subject"])

    @property
    def body(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()


@dataclass
class Inbox:
    """aiosmtpd handler: keeps every message the server accepted."""

    received: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return sorted(rcpt for msg in self.received for rcpt in msg.rcpt_tos)

    def count(self):
        with self.lock:
            return len(self.received)

    def mails(self):
        """How often each (recipient, subject) was received."""
        with self.lock:
            return Counter((m.rcpt_tos[0], m.subject) for m in self.received)


@dataclass
class RefusingInbox(Inbox):
    """Refuses the addresses in `refused` (550: no such mailbox), accepts the others."""

    refused: set = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@dataclass
class HangingInbox(Inbox):
    """A mail server that hangs: every DATA command waits `hang` seconds before it answers
    (a blocked disk, a stuck content filter), then accepts the message."""

    hang: float = 3600.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        await asyncio.sleep(self.hang)
        return await super().handle_DATA(server, session, envelope)


@dataclass
class BlockingInbox(Inbox):
    """Accepts messages, but holds the `block_at`-th (1-based) without answering until
    `release()`. With `deliver_held` the held message is delivered as soon as its data arrived
    (a server that queued it, the sender never hearing the 250); without, it is not delivered
    and the answer, when released, is 451."""

    block_at: int = 0
    deliver_held: bool = False
    blocked: threading.Event = field(default_factory=threading.Event)
    _released: threading.Event = field(default_factory=threading.Event)
    _seen: int = 0

    def release(self):
        self._released.set()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's API)
        with self.lock:
            self._seen += 1
            held = self._seen == self.block_at
        if not held:
            return await super().handle_DATA(server, session, envelope)
        if self.deliver_held:
            await super().handle_DATA(server, session, envelope)
        self.blocked.set()
        while not self._released.is_set():
            await asyncio.sleep(0.05)
        return "250 Message accepted" if self.deliver_held else "451 Local error in processing"


class SMTPServer:
    def __init__(self, inbox=None):
        self.inbox = inbox or Inbox()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def point_django_at_it(self, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    server = SMTPServer()
    server.start()
    server.point_django_at_it(settings)
    yield server
    server.stop()


@pytest.fixture
def finished_sweeps():
    """(state, return value) of every notification sweep the worker finished during the test."""
    results = []

    def on_postrun(sender=None, task=None, retval=None, state=None, **kwargs):
        if task is not None and task.name == SWEEP_TASK:
            results.append((state, retval))

    signals.task_postrun.connect(on_postrun, weak=False)
    yield results
    signals.task_postrun.disconnect(on_postrun)


def wait_until(condition, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
