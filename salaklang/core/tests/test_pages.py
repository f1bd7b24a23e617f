import pytest


@pytest.mark.django_db
def test_home_is_public_and_thai_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()


@pytest.mark.django_db
def test_dashboard_requires_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_switch_to_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


def test_signed_in_dashboard(demo, client_as):
    response = client_as("pn.strategy").get("/dashboard/")
    assert response.status_code == 200
    assert "ธนากร" in response.content.decode()


def test_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
