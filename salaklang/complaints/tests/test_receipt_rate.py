"""Issue 11 (F7): the receipt's rate limit protects the PDF renderer from anonymous crawling; it must not lock out
the staff handing receipts over, nor the citizens who share their office's address afterwards."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.COMPLAINTS_RECEIPT_RATE = "2/m"


def receipt(c):
    return reverse("complaints:track_receipt", kwargs={"code": c.code})


def test_handling_staff_are_not_limited_and_do_not_use_up_the_address(tight, client_as, submit):
    c = submit()
    centre = client_as("pn.damrongdhama")  # the province's complaint centre: may handle every case
    assert [centre.get(receipt(c)).status_code for _ in range(4)] == [200] * 4
    # A citizen at the same counter (same address) still gets their receipt.
    assert Client().get(receipt(c)).status_code == 200  # same address, not signed in


def test_anonymous_visitors_remain_limited_by_address(tight, client, submit):
    c = submit()
    assert [client.get(receipt(c)).status_code for _ in range(3)] == [200, 200, 429]


def test_other_signed_in_people_are_counted_by_account_not_address(tight, client_as, submit):
    c = submit()  # routed to tourism: the health office does not handle it
    other = client_as("pn.health")
    assert [other.get(receipt(c)).status_code for _ in range(3)] == [200, 200, 429]
    assert Client().get(receipt(c)).status_code == 200  # same address, not signed in


def test_receipt_does_not_promise_that_the_code_alone_rates_or_reopens(client, submit):
    """Since issue 10 the code only reads the status; rating and reopening need the filer's private link."""
    from salaklang.documents.pdf import pdf_text

    text = "".join(pdf_text(client.get(receipt(submit())).content).split())
    assert "ให้คะแนนและเปิดเรื่องใหม่ได้" not in text
    assert "ลิงก์ส่วนตัว" in text
