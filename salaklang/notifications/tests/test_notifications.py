from django.core import mail
from django.urls import reverse

from salaklang.core.testing import count_queries
from salaklang.notifications.models import Notification
from salaklang.notifications.services import notify


def test_notify_in_app_and_by_email(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[demo["pn.tourism"], demo["pn.tourism"], demo["pn.health"]], title="หนังสือเวียนใหม่",
                         body="โปรดส่งข้อเสนอ", url="/calls/1/", kind="call.published")
    assert len(created) == 2  # each recipient once
    assert sorted(m.to[0] for m in mail.outbox) == ["pn.health@demo.salaklang.local", "pn.tourism@demo.salaklang.local"]
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_list_badge_and_mark_read(demo, client_as):
    notify(recipients=[demo["pn.tourism"]], title="มีเรื่องใหม่", email=False)
    c = client_as("pn.tourism")
    html = c.get(reverse("notifications:list")).content.decode()
    assert "มีเรื่องใหม่" in html and 'class="badge"' in html
    c.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=demo["pn.tourism"], read_at__isnull=True).exists()


def test_list_shows_only_my_notifications_with_constant_queries(demo, client_as):
    notify(recipients=[demo["pn.health"]], title="ของคนอื่น", email=False)
    notify(recipients=[demo["pn.tourism"]], title="a", actor=demo["pn.strategy"], email=False)
    c = client_as("pn.tourism")
    with count_queries() as before:
        html = c.get(reverse("notifications:list")).content.decode()
    assert "ของคนอื่น" not in html
    for i in range(20):
        notify(recipients=[demo["pn.tourism"]], title=f"เรื่อง {i}", actor=demo["pn.strategy"], email=False)
    with count_queries() as after:
        c.get(reverse("notifications:list"))
    assert len(after.captured_queries) == len(before.captured_queries)
