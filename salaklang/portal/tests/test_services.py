import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from salaklang.audit.models import AuditEntry
from salaklang.organizations.models import Organization
from salaklang.portal import services
from salaklang.portal.models import Attachment, Photo, Post, PostVersion
from salaklang.portal.tests.conftest import jpeg

pytestmark = pytest.mark.django_db


def test_publish_now_schedule_unpublish(make_post, portal):
    editor = portal["users"]["pn.editor"]
    post = make_post(publish=False)
    assert not Post.objects.public().filter(pk=post.pk).exists()
    services.post_publish(post=post, actor=editor)
    assert Post.objects.public().filter(pk=post.pk).exists()
    services.post_unpublish(post=post, actor=editor)
    assert not Post.objects.public().filter(pk=post.pk).exists()
    later = timezone.now() + dt.timedelta(hours=2)
    post = services.post_publish(post=post, actor=editor, at=later)
    assert post.status == "scheduled" and post.publish_at == later
    assert not Post.objects.public().filter(pk=post.pk).exists()
    assert Post.objects.public(now=later + dt.timedelta(seconds=1)).filter(pk=post.pk).exists()
    verbs = list(AuditEntry.objects.filter(object_type="portal.post", object_id=str(post.pk)).values_list("verb", flat=True))
    assert verbs.count("published") == 1 and "unpublished" in verbs and "scheduled" in verbs


def test_only_a_scheduled_post_has_its_schedule_cancelled(make_post, portal, client):
    from django.urls import reverse

    from salaklang.portal import access

    editor = portal["users"]["pn.editor"]
    post = make_post(publish=False)
    services.post_publish(post=post, actor=editor, at=timezone.now() + dt.timedelta(hours=2))
    assert access.can_unschedule(editor, post)
    assert not access.can_unschedule(portal["users"]["pn.health"], post)  # another agency's editor
    client.force_login(editor)
    page = client.get(reverse("portal:post_edit", args=[post.site.province.code, post.pk])).content.decode()
    assert "/unschedule/" in page
    assert services.post_unschedule(post=post, actor=editor).status == "draft"
    services.post_publish(post=post, actor=editor)
    services.post_unpublish(post=post, actor=editor)
    assert not access.can_unschedule(editor, post)  # unpublished: the table allows → draft, but nothing is scheduled
    assert "/unschedule/" not in client.get(reverse("portal:post_edit", args=[post.site.province.code, post.pk])).content.decode()
    with pytest.raises(ValidationError):
        services.post_unschedule(post=post, actor=editor)
    assert Post.objects.get(pk=post.pk).status == "unpublished"


def test_scheduled_posts_are_published_by_the_job(make_post, portal):
    post = make_post(publish=False)
    services.post_publish(post=post, actor=portal["users"]["pn.editor"], at=timezone.now() + dt.timedelta(hours=1))
    assert services.publish_due(now=timezone.now()) == 0
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.publish_due() == 1
    assert Post.objects.get(pk=post.pk).status == "published"


def test_publishing_with_an_empty_title_is_refused(make_post, portal):
    post = make_post(publish=False, title="")
    with pytest.raises(ValidationError) as exc:
        services.post_publish(post=post, actor=portal["users"]["pn.editor"])
    assert "title" in exc.value.message_dict
    assert Post.objects.get(pk=post.pk).status == "draft"


def test_a_scheduled_time_in_the_past_is_refused(make_post, portal):
    post = make_post(publish=False)
    with pytest.raises(ValidationError) as exc:
        services.post_publish(post=post, actor=portal["users"]["pn.editor"], at=timezone.now() - dt.timedelta(hours=1))
    assert "publish_at" in exc.value.message_dict
    assert Post.objects.get(pk=post.pk).status == "draft"


def test_expired_announcement_is_not_public(make_post):
    post = make_post(kind=Post.Kind.ANNOUNCEMENT, expires_at=timezone.now() + dt.timedelta(days=1))
    assert Post.objects.public().filter(pk=post.pk).exists()
    assert not Post.objects.public(now=timezone.now() + dt.timedelta(days=2)).filter(pk=post.pk).exists()


def test_every_change_keeps_the_previous_version_and_restore(make_post, portal):
    editor = portal["users"]["pn.editor"]
    post = make_post(title="ต้นฉบับ", body="<p>หนึ่ง</p>")
    services.post_update(post=post, actor=editor, data={"title": "แก้ครั้งที่หนึ่ง", "body": "<p>สอง</p>"})
    services.post_update(post=post, actor=editor, data={"title": "แก้ครั้งที่สอง"})
    post.refresh_from_db()
    assert post.version == 3
    assert list(post.versions.values_list("number", "data__title")) == [(2, "แก้ครั้งที่หนึ่ง"), (1, "ต้นฉบับ")]
    services.post_restore(post=post, version=PostVersion.objects.get(post=post, number=1), actor=editor)
    post.refresh_from_db()
    assert post.title == "ต้นฉบับ" and post.body == "<p>หนึ่ง</p>" and post.version == 4
    assert AuditEntry.objects.filter(object_id=str(post.pk), verb="version restored").exists()


def test_update_with_nothing_changed_keeps_no_version(make_post, portal):
    post = make_post(title="เหมือนเดิม")
    services.post_update(post=post, actor=portal["users"]["pn.editor"], data={"title": "เหมือนเดิม"})
    assert not post.versions.exists()


def test_script_in_body_changes_nothing(make_post, portal):
    post = make_post(body="<p>ก่อน</p>")
    with pytest.raises(ValidationError):
        services.post_update(post=post, actor=portal["users"]["pn.editor"],
                             data={"title": "ใหม่", "body": '<p onclick="x()">หลัง</p>'})
    post.refresh_from_db()
    assert post.title == "ข่าวทดสอบ" and post.body == "<p>ก่อน</p>" and not post.versions.exists()


def test_agency_editor_writes_only_in_own_section(make_post, portal):
    tourism = portal["users"]["pn.tourism"]
    own = make_post(org_code="PNA-TOUR", editor="pn.tourism")
    services.post_update(post=own, actor=tourism, data={"title": "ของเรา"})
    other = make_post(org_code="PNA-HEALTH", editor="pn.health")
    with pytest.raises(PermissionDenied):
        services.post_update(post=other, actor=tourism, data={"title": "ของคนอื่น"})
    with pytest.raises(PermissionDenied):
        services.post_create(actor=tourism, site=portal["pn"], organization=Organization.objects.get(code="PNA-HEALTH"),
                             title="x")
    # pn.editor (Provincial Office = the site's office) edits every section of Phang Nga, not Chiang Rai
    services.post_update(post=other, actor=portal["users"]["pn.editor"], data={"title": "บรรณาธิการจังหวัด"})
    cr_post = make_post(site=portal["cr"], org_code="CRI-TOUR", editor="cr.tourism.head")
    with pytest.raises(PermissionDenied):
        services.post_update(post=cr_post, actor=portal["users"]["pn.editor"], data={"title": "x"})


def test_only_the_provinces_editors_feature(make_post, portal):
    post = make_post(org_code="PNA-TOUR", editor="pn.tourism")
    with pytest.raises(PermissionDenied):
        services.post_set_featured(post=post, actor=portal["users"]["pn.tourism"], featured=True)
    services.post_set_featured(post=post, actor=portal["users"]["pn.editor"], featured=True)
    assert Post.objects.get(pk=post.pk).featured


def test_photo_reencoded_without_exif_and_renditions_made(make_post, portal, django_capture_on_commit_callbacks):
    post = make_post(kind=Post.Kind.ALBUM)
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (7.0, 53.0, 0.0)}  # GPS
    with django_capture_on_commit_callbacks(execute=True):
        photo = services.photo_add(post=post, actor=portal["users"]["pn.editor"],
                                   upload=jpeg((3000, 2000), exif=exif), caption="ภาพที่หนึ่ง")
    photo.refresh_from_db()
    assert photo.is_cover and photo.width == 2560
    with photo.image.open("rb") as fh, Image.open(fh) as img:
        assert not img.getexif() and "exif" not in img.info
    # the (immediate) task queued after commit made the renditions
    assert photo.thumb and photo.medium and photo.large
    with photo.thumb.open("rb") as fh, Image.open(fh) as img:
        assert img.size[0] == 320
    assert "320w" in photo.srcset() and "1600w" in photo.srcset()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("fake.jpg", b"<html>not a photo</html>" * 10, content_type="image/jpeg"), "JPEG"),
    (SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                        content_type="image/svg+xml"), "JPEG"),
])
def test_bad_photos_are_refused(make_post, portal, upload, message):
    post = make_post(kind=Post.Kind.ALBUM)
    with pytest.raises(ValidationError) as exc:
        services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=upload)
    assert message in " ".join(exc.value.messages)
    assert not Photo.objects.exists()


def test_oversized_upload_refused(make_post, portal, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    post = make_post(kind=Post.Kind.ALBUM)
    with pytest.raises(ValidationError):
        services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((800, 600)))
    with pytest.raises(ValidationError):
        services.attachment_add(post=post, actor=portal["users"]["pn.editor"],
                                upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 4000))
    assert not Photo.objects.exists() and not Attachment.objects.exists()


def test_caption_with_script_refused(make_post, portal):
    post = make_post(kind=Post.Kind.ALBUM)
    with pytest.raises(ValidationError):
        services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg(),
                           caption='<img src=x onerror="alert(1)">')
    assert not Photo.objects.exists()


def test_attachment_checked_by_content(make_post, portal):
    post = make_post(kind=Post.Kind.DOCUMENT)
    pdf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(pdf, "PDF")
    att = services.attachment_add(post=post, actor=portal["users"]["pn.editor"],
                                  upload=SimpleUploadedFile("แผน.pdf", pdf.getvalue()), description="แผนพัฒนา")
    assert att.content_type == "application/pdf" and att.size == len(pdf.getvalue())
    with pytest.raises(ValidationError):
        services.attachment_add(post=post, actor=portal["users"]["pn.editor"],
                                upload=SimpleUploadedFile("run.pdf", b"MZ\x90\x00" + b"\x00" * 100))
