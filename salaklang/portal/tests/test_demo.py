import pytest

from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db


def test_demo_has_both_provinces_seed_000_and_004_and_is_idempotent(demo):
    from salaklang.agendas import demo as agendas_demo
    from salaklang.calls import demo as calls_demo
    from salaklang.portal import demo as portal_demo
    from salaklang.reviews import demo as reviews_demo

    calls_demo.seed()
    reviews_demo.seed()  # a second, older Phang Nga call about innovation, already in review
    agendas_demo.seed()
    portal_demo.seed()
    for code in ("PNA", "CRI"):
        public = Post.objects.public().filter(site__province__code=code)
        assert public.count() >= 20
        assert {"news", "album", "announcement", "document", "page"} <= set(public.values_list("kind", flat=True))
    # seed 000: the Phang Nga meeting's publishable photos, published as an album by pn.editor
    album = Post.objects.get(source_key__startswith="agendas.meeting:", site__province__code="PNA")
    assert album.title == portal_demo.PNA_MEETING_TITLE and album.is_public() and album.photos.count() == 3
    assert album.publish_at.date().isoformat() == "2021-12-04" and album.created_by.username == "pn.editor"
    assert album.source_url == f"/agendas/meetings/{portal_demo.pna_meeting().pk}/"
    cri_album = Post.objects.get(source_key__startswith="agendas.meeting:", site__province__code="CRI")
    assert cri_album.title == agendas_demo.MEETING_TITLE and cri_album.is_public()
    circular = Post.objects.get(source_key__startswith="calls.call:")
    assert "HPP" in circular.title  # the call open for proposals (seed 004), not the one already in review
    assert circular.kind == "announcement" and circular.is_public() and circular.attachments.count() == 2
    # Every demo attachment is a document a visitor can read (the walk found blank pages), in Thai.
    from salaklang.documents.pdf import pdf_text, squash

    form = circular.attachments.get(filename="innovation-proposal-form.pdf")
    form_text = squash(pdf_text(form.file.read()))
    assert "แบบฟอร์มการเสนอนวัตกรรมประจำหน่วยงาน" in form_text and "ชื่อนวัตกรรม" in form_text
    document = Post.objects.filter(kind="document", site__province__code="PNA", source_key__startswith="demo:").first()
    attachment = document.attachments.get()
    assert squash(attachment.description) in squash(pdf_text(attachment.file.read()))
    n = Post.objects.count()
    photos = sum(p.photos.count() for p in Post.objects.all())
    portal_demo.seed()
    assert Post.objects.count() == n and sum(p.photos.count() for p in Post.objects.all()) == photos
