"""`make run` serves as a deployment would: DEBUG off, the site's own Thai/English error pages."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

import config.urls
from salaklang.core import views

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied("หน่วยงานของท่านไม่ได้รับการขอความเห็นในรอบนี้")


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("forbidden/", login_not_required(_forbidden)), path("broken/", login_not_required(_broken)),
               *config.urls.urlpatterns]
handler403 = config.urls.handler403


@override_settings(DEBUG=False)
def test_unknown_page_is_the_sites_thai_404_not_a_debug_page(client):
    r = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="th")
    html = r.content.decode()
    assert r.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in html and "ไปหน้าแรก" in html and 'href="/"' in html
    assert "ติดตามเรื่องร้องเรียนด้วยเลขที่เรื่อง" in html  # a way on for a citizen who mistyped a link
    assert "URLconf" not in html and "Using the URLconf" not in html and "django-admin/" not in html


@override_settings(DEBUG=False)
def test_404_in_english(client):
    client.cookies["django_language"] = "en"
    html = client.get("/no-such-page/").content.decode()
    assert "Page not found" in html and "Go to the home page" in html


@override_settings(DEBUG=False)
def test_unknown_tracking_code_says_so_in_thai(client):
    r = client.get("/complaints/track/PNA-0000-AAAA-BBBB/", HTTP_ACCEPT_LANGUAGE="th")
    html = r.content.decode()
    assert r.status_code == 404
    assert "ไม่พบเลขที่เรื่องนี้" in html
    assert "PNA-6912-K7QF-9XMB" in html  # what a code looks like


@override_settings(DEBUG=False)
def test_a_model_404_does_not_show_its_internal_message(client_as, demo):
    html = client_as("pn.strategy").get("/calls/999999/").content.decode()
    assert "No Call matches" not in html and "ไม่พบหน้าที่ต้องการ" in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_403_shows_the_reason_and_a_way_on(client):
    r = client.get("/forbidden/")
    html = r.content.decode()
    assert r.status_code == 403
    assert "ไม่ได้รับอนุญาต" in html and "หน่วยงานของท่านไม่ได้รับการขอความเห็นในรอบนี้" in html
    assert 'href="/"' in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_is_the_sites_page(client):
    client.raise_request_exception = False
    r = client.get("/broken/")
    html = r.content.decode()
    assert r.status_code == 500
    assert "ขออภัย ระบบขัดข้อง" in html and "Server error" in html and 'href="/"' in html
    assert "Traceback" not in html


def test_the_handlers_are_the_sites():
    assert config.urls.handler404 == "salaklang.core.views.page_not_found"
    assert config.urls.handler403 == "salaklang.core.views.permission_denied"
    assert callable(views.page_not_found) and callable(views.permission_denied)
