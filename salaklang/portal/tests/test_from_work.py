"""Publishing from the work in one step: meeting photos → album (seed 000), a call → announcement (seed 004)."""

import pytest
from django.core.exceptions import ValidationError

from salaklang.portal import services
from salaklang.portal.models import Post
from salaklang.portal.tests.conftest import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(portal):
    from salaklang.agendas import demo as agendas_demo
    from salaklang.agendas.models import Meeting
    from salaklang.agendas.services import photos as photos_services

    agendas_demo.seed()
    m = Meeting.objects.get(title=agendas_demo.MEETING_TITLE)
    actor = portal["users"]["cr.strategy"]
    photos_services.photo_add(actor=actor, meeting=m, upload=jpeg(), caption="ประธานกล่าวเปิดการประชุม", publishable=True)
    photos_services.photo_add(actor=actor, meeting=m, upload=jpeg(), caption="ภาพภายใน", publishable=False)
    return m


def test_meeting_photos_become_a_draft_album(meeting, portal, client_as):
    client = client_as("cr.strategy")
    page = client.get(f"/agendas/meetings/{meeting.pk}/").content.decode()
    assert 'data-testid="publish-to-portal"' in page
    r = client.post(f"/p/from/meeting/{meeting.pk}/")
    post = Post.objects.get(source_key=f"agendas.meeting:{meeting.pk}")
    assert r.status_code == 302 and r["Location"] == f"/p/manage/CRI/posts/{post.pk}/"
    assert post.kind == "album" and post.status == "draft" and post.site == portal["cr"]
    assert post.title == meeting.title and post.event_date == meeting.date and post.venue == meeting.venue
    assert meeting.chair.full_name in post.body and "3 ธันวาคม พ.ศ. 2564" in post.body
    assert [p.caption for p in post.photos.all()] == ["ประธานกล่าวเปิดการประชุม"]  # only the publishable one
    assert post.source_url == f"/agendas/meetings/{meeting.pk}/"
    edit = client.get(f"/p/manage/CRI/posts/{post.pk}/").content.decode()
    assert f'href="/agendas/meetings/{meeting.pk}/"' in edit  # the draft links back to its source
    # again: the same draft, nothing twice
    client.post(f"/p/from/meeting/{meeting.pk}/", follow=True)
    assert Post.objects.filter(source_key=f"agendas.meeting:{meeting.pk}").count() == 1
    assert post.photos.count() == 1
    # once published, the button opens the published album and says so (the walk was told "a draft is ready")
    services.post_publish(post=post, actor=portal["users"]["cr.strategy"])
    page = client.post(f"/p/from/meeting/{meeting.pk}/", follow=True).content.decode()
    assert "เผยแพร่บนเว็บไซต์แล้ว" in page and "สร้างร่างบนเว็บไซต์แล้ว" not in page


def test_meeting_without_publishable_photos_says_so(meeting, portal):
    meeting.photos.update(publishable=False)
    with pytest.raises(ValidationError):
        services.album_from_meeting(meeting=meeting, actor=portal["users"]["cr.strategy"])
    assert not Post.objects.exists()


def test_button_hidden_from_people_who_cannot_write_on_the_site(meeting, client_as):
    page = client_as("cr.vicegov").get(f"/agendas/meetings/{meeting.pk}/").content.decode()
    assert 'data-testid="publish-to-portal"' not in page


def test_the_provincial_offices_portal_editor_publishes_an_album_from_a_meeting_of_the_province(meeting, portal,
                                                                                                 client_as):
    from salaklang.portal import demo

    pn_meeting = demo.pna_meeting()
    assert pn_meeting.province.code == "PNA" and pn_meeting.photos.filter(publishable=True).count() == 3
    client = client_as("pn.editor")
    # pn.editor does not see the meetings app, but the portal lists the province's meetings with publishable photos
    assert client.get(f"/agendas/meetings/{pn_meeting.pk}/").status_code == 404
    manage = client.get("/p/manage/PNA/").content.decode()
    assert f'data-testid="album-from-meeting-{pn_meeting.pk}"' in manage
    assert f'data-testid="album-from-meeting-{meeting.pk}"' not in manage  # Chiang Rai's is not listed
    r = client.post(f"/p/from/meeting/{pn_meeting.pk}/")
    post = Post.objects.get(source_key=f"agendas.meeting:{pn_meeting.pk}")
    assert r.status_code == 302 and r["Location"] == f"/p/manage/PNA/posts/{post.pk}/"
    assert post.site == portal["pn"] and post.kind == "album" and post.status == "draft"
    assert post.title == pn_meeting.title and post.venue == pn_meeting.venue and post.photos.count() == 3
    # another province's meeting is a 404, and nothing is drafted
    assert client.post(f"/p/from/meeting/{meeting.pk}/").status_code == 404
    assert not Post.objects.filter(source_key=f"agendas.meeting:{meeting.pk}").exists()
    # an agency's portal editor of Phang Nga is not a site editor: a 404 too, and no list
    tourism = client_as("pn.tourism")
    assert tourism.post(f"/p/from/meeting/{pn_meeting.pk}/").status_code == 404
    assert "album-from-meeting" not in tourism.get("/p/manage/PNA/").content.decode()


def test_published_call_becomes_an_announcement_with_its_circular(portal, client_as):
    from salaklang.calls import demo as calls_demo
    from salaklang.calls.models import Call

    calls_demo.seed()
    call = Call.objects.get(issuer__code="PNA", subject="การพัฒนานวัตกรรมเพื่อประกอบการประเมินจังหวัด HPP")
    client = client_as("pn.strategy")
    assert 'data-testid="publish-to-portal"' in client.get(f"/calls/{call.pk}/").content.decode()
    client.post(f"/p/from/call/{call.pk}/")
    post = Post.objects.get(source_key=f"calls.call:{call.pk}")
    assert post.kind == "announcement" and post.number == call.document_number and post.status == "draft"
    letter = post.attachments.get()
    assert letter.content_type == "application/pdf" and call.document_number in letter.description
    with letter.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    services.post_publish(post=post, actor=portal["users"]["pn.editor"])
    html = client_as("pn.editor").get(post.get_absolute_url()).content.decode()
    assert letter.filename in html and "ดาวน์โหลด" in html


def test_draft_call_cannot_be_announced(portal):
    import datetime as dt

    from django.utils import timezone

    from salaklang.calls import services as call_services
    from salaklang.organizations.models import Organization

    now = timezone.now()
    call = call_services.call_create(actor=portal["users"]["pn.strategy"], issuer=Organization.objects.get(code="PNA"),
                                     data={"title": "ร่าง", "fiscal_year": 2569, "opens_at": now,
                                           "deadline": now + dt.timedelta(days=5), "subject": "ร่าง", "body": "x",
                                           "signatory_name": "a", "signatory_position": "b"})
    with pytest.raises(ValidationError):
        services.announcement_from_call(call=call, actor=portal["users"]["pn.editor"])
