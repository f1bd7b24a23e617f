import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salaklang.complaints.models import Complaint, ComplaintStat
from salaklang.complaints.services.codes import CODE_ALPHABET, normalize_code

pytestmark = pytest.mark.django_db


def test_submit_routes_and_counts(submit, tourism):
    c = submit()
    assert c.status == Complaint.Status.ASSIGNED and c.agency_id == tourism.pk
    prefix, yymm, a, b = c.code.split("-")
    assert prefix == "PNA" and len(yymm) == 4 and len(a + b) == 8 and set(a + b) <= set(CODE_ALPHABET)
    assert c.resolve_due > c.received_date
    assert ComplaintStat.objects.get(status="assigned", province_id=c.province_id).n == 1
    assert ComplaintStat.objects.get(status="assigned", province_id=0).n == 1
    assert normalize_code(c.code.lower().replace("-", " ")) == c.code


def test_submit_without_route_waits_for_centre(submit):
    c = submit(category="roads")
    assert c.status == Complaint.Status.RECEIVED and c.agency_id is None


def test_coordinates_outside_thailand_refused(submit):
    with pytest.raises(ValidationError) as exc:
        submit(latitude="51.5", longitude="-0.12")
    assert "latitude" in exc.value.message_dict


def test_sensitive_category_needs_consent(submit):
    with pytest.raises(ValidationError) as exc:
        submit(category="health", consent_sensitive=False)
    assert "consent_sensitive" in exc.value.message_dict
    assert submit(category="health").consent_sensitive_at is not None


def test_staff_channel_needs_centre_officer(submit, demo):
    with pytest.raises(PermissionDenied):
        submit(channel=Complaint.Channel.PHONE, actor=demo["pn.tourism"])
    c = submit(channel=Complaint.Channel.PHONE, actor=demo["pn.damrongdhama"])
    assert c.entered_by == demo["pn.damrongdhama"] and c.channel == "phone"


def test_anonymous_drops_contact(submit, demo):
    c = submit(anonymous=True, contact_name="สมชาย", user=demo["pn.tourism"])
    assert c.is_anonymous and c.contact_email == "" and c.contact_name == "" and c.user_id is None


def test_a_code_collision_is_retried(submit, monkeypatch):
    from salaklang.complaints.services import intake

    first = submit()
    codes = iter([first.code, "PNA-6912-ZZZZ-ZZZZ"])
    monkeypatch.setattr(intake, "new_code", lambda province, when=None: next(codes))
    second = submit()
    assert second.code == "PNA-6912-ZZZZ-ZZZZ" and Complaint.objects.count() == 2
