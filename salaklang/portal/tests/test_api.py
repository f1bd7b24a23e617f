import pytest

from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db


def test_public_read_shows_only_published(client, make_post):
    make_post(title="เผยแพร่แล้ว", kind=Post.Kind.ANNOUNCEMENT, number="1/2569")
    make_post(title="ยังเป็นร่าง", publish=False)
    data = client.get("/api/v1/portal/posts/?site=PNA").json()
    titles = [p["title"] for p in data["results"]]
    assert titles == ["เผยแพร่แล้ว"] and data["results"][0]["number"] == "1/2569"
    assert client.get("/api/v1/portal/posts/?kind=news").json()["count"] == 0


def test_editor_writes_through_the_services(client_as, portal):
    api = client_as("pn.tourism")
    r = api.post("/api/v1/portal/posts/", {"site": "PNA", "section": "PNA-TOUR", "kind": "news", "title": "ข่าวจาก API",
                                           "body": "<p>เนื้อหา</p>"}, content_type="application/json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["status"] == "draft"
    r = api.patch(f"/api/v1/portal/posts/{pk}/", {"body": '<a href="javascript:x">x</a>'}, content_type="application/json")
    assert r.status_code == 400 and "body" in r.json()
    r = api.patch(f"/api/v1/portal/posts/{pk}/", {"title": "ข่าวจาก API (แก้)"}, content_type="application/json")
    assert r.status_code == 200 and Post.objects.get(pk=pk).versions.count() == 1
    assert api.post(f"/api/v1/portal/posts/{pk}/publish/", {}, content_type="application/json").json()["status"] == "published"
    # another agency's section: refused; another agency's post: not found
    r = api.post("/api/v1/portal/posts/", {"site": "PNA", "section": "PNA-HEALTH", "title": "x"},
                 content_type="application/json")
    assert r.status_code == 403
    other = Post.objects.create(site=portal["pn"], organization_id=portal["pn"].province_id, title="y",
                                created_by=portal["users"]["pn.editor"])
    assert api.patch(f"/api/v1/portal/posts/{other.pk}/", {"title": "z"}, content_type="application/json").status_code == 404


def test_anonymous_cannot_write(client):
    assert client.post("/api/v1/portal/posts/", {"site": "PNA"}, content_type="application/json").status_code in (401, 403)


def test_in_the_openapi_document(client_as, demo):
    schema = client_as("admin").get("/api/v1/schema/").content.decode()
    assert "/api/v1/portal/posts/" in schema and "/api/v1/portal/posts/{id}/publish/" in schema
