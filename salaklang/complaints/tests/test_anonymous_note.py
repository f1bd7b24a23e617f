"""The walk found that an anonymous filing is missing from "my complaints" and the form never says so."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_form_says_an_anonymous_complaint_is_not_under_my_complaints(client):
    page = client.get(reverse("complaints:new"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "จะไม่แสดงใน “เรื่องร้องเรียนของฉัน”" in page and "โปรดเก็บรหัสติดตาม" in page
    page = client.get(reverse("complaints:new"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "is not listed under “My complaints”" in page and "keep its tracking code" in page
