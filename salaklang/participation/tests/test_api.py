from __future__ import annotations

import pytest
from django.test import Client

from salaklang.participation import services
from salaklang.participation.models import Consultation
from salaklang.participation.tests.conftest import make_consultation

pytestmark = pytest.mark.django_db


def test_public_api_lists_published_consultations_without_personal_data(demo):
    c = make_consultation(title="สาธารณะ")
    make_consultation(title="ร่าง", status=Consultation.Status.DRAFT)
    services.comment_post(consultation=c, actor=demo["citizen"], body="x")
    services.support_add(consultation=c, actor=demo["citizen"])
    response = Client().get("/api/v1/consultations/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["title"] for r in results] == ["สาธารณะ"]
    row = results[0]
    assert row["supports"] == 1 and row["comments"] == 1 and row["province"] == "PNA" and row["phase"] == "open"
    assert [q["number"] for q in row["questions"]] == [1, 2]
    assert demo["citizen"].last_name not in response.content.decode()
    assert Client().get(f"/api/v1/consultations/{c.pk}/").json()["title"] == "สาธารณะ"


def test_public_api_hides_drafts_and_is_read_only(demo):
    draft = make_consultation(status=Consultation.Status.DRAFT)
    assert Client().get(f"/api/v1/consultations/{draft.pk}/").status_code == 404
    assert Client().post("/api/v1/consultations/", {"title": "x"}).status_code in (403, 405)


def test_schema_documents_consultations(demo):
    response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    assert "/api/v1/consultations/{id}/" in response.content.decode()
