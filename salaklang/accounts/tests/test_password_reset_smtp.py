"""Password reset through a real SMTP server on loopback (aiosmtpd), following the received link."""

import re
import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import Client


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10}}}
    yield inbox
    controller.stop()


def body_of(envelope) -> str:
    msg = message_from_bytes(envelope.content, policy=policy.default)
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content()


@pytest.mark.smtp
def test_reset_by_email_through_real_smtp(demo, smtp):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "pn.tourism@demo.salaklang.local"})
    assert response.status_code == 302
    for _ in range(50):
        if smtp.messages:
            break
        time.sleep(0.1)
    assert len(smtp.messages) == 1
    envelope = smtp.messages[0]
    assert envelope.rcpt_tos == ["pn.tourism@demo.salaklang.local"]
    text = body_of(envelope)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^\s]+/)", text).group(1)

    page = client.get(link, follow=True)
    assert page.context["validlink"]
    set_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    weak = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and weak.context["form"].errors  # Django's validators
    done = client.post(set_url, {"new_password1": "Khao-Phing-Kan-2570", "new_password2": "Khao-Phing-Kan-2570"})
    assert done.status_code == 302

    assert Client().post("/accounts/login/", {"username": "pn.tourism", "password": "Khao-Phing-Kan-2570"}).status_code == 302
    # the link works once
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode() or "no longer works" in again.content.decode()


@pytest.mark.smtp
def test_unknown_address_sends_nothing_and_reveals_nothing(demo, smtp):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    time.sleep(0.3)
    assert smtp.messages == []


def test_expired_or_forged_link(demo, client):
    response = client.get("/accounts/password/reset/MQ/set-password/", follow=True)
    assert response.status_code == 200 and not response.context["validlink"]
