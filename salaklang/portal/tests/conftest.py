from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from salaklang.organizations.models import Membership, Organization, Role


def jpeg(size=(1200, 800), *, exif=None, name="photo.jpg") -> SimpleUploadedFile:
    img = Image.new("RGB", size, (20, 120, 200))
    out = io.BytesIO()
    if exif is not None:
        img.save(out, "JPEG", exif=exif)
    else:
        img.save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def portal(demo):
    """The Phang Nga and Chiang Rai sites (empty), pn.editor (site editor of PNA via the Provincial Office), an agency
    editor of Phang Nga Tourism (pn.tourism gets the role) and of Chiang Rai Tourism."""
    from salaklang.portal import services

    pna = Organization.objects.get(code="PNA")
    cri = Organization.objects.get(code="CRI")
    pn_site = services.site_ensure(province=pna, office=Organization.objects.get(code="PNA-PO"))
    cr_site = services.site_ensure(province=cri, office=Organization.objects.get(code="CRI-PO"))
    Membership.objects.get_or_create(user=demo["pn.tourism"], organization=Organization.objects.get(code="PNA-TOUR"),
                                     role=Role.PORTAL_EDITOR)
    Membership.objects.get_or_create(user=demo["pn.health"], organization=Organization.objects.get(code="PNA-HEALTH"),
                                     role=Role.PORTAL_EDITOR)
    Membership.objects.get_or_create(user=demo["cr.tourism.head"],
                                     organization=Organization.objects.get(code="CRI-TOUR"), role=Role.PORTAL_EDITOR)
    return {"pn": pn_site, "cr": cr_site, "users": demo}


@pytest.fixture
def make_post(portal):
    from salaklang.portal import services
    from salaklang.portal.models import Post

    def _make(*, site=None, org_code="PNA-PO", editor="pn.editor", title="ข่าวทดสอบ", kind=Post.Kind.NEWS,
              publish=True, **kwargs):
        site = site or portal["pn"]
        actor = portal["users"][editor]
        post = services.post_create(actor=actor, site=site, organization=Organization.objects.get(code=org_code),
                                    kind=kind, title=title, **kwargs)
        if publish:
            post = services.post_publish(post=post, actor=actor)
        post.site = site
        return post

    return _make


@pytest.fixture(autouse=True)
def _fresh_view_memo():
    """counting's per-process memo of the view marks written: the database under it is rolled back per test."""
    from salaklang.portal import counting

    counting.forget()
    yield
    counting.forget()
