"""Demo: the national ITA 2570 list (default O1–O43 template) and Phang Nga partly answered — some items by
generated pages, some by uploaded documents, one draft, the rest missing — so the board shows every state."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from salaklang.openinfo import services
from salaklang.openinfo.models import AssessmentYear, Evidence, Item
from salaklang.organizations.models import Organization

YEAR = 2570
GENERATED = ["O1", "O2", "O5", "O7", "O10", "O29", "O30", "O31", "O33"]
UPLOADED = {"O3": "อำนาจหน้าที่จังหวัดพังงา.pdf", "O4": "แผนพัฒนาจังหวัดพังงา 2566-2570.pdf"}
DRAFTS = {"O6": "กฎหมายที่เกี่ยวข้อง.pdf"}


def _pdf(title: str) -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def seed() -> dict:
    from salaklang.accounts.models import User

    admin = User.objects.get(username="admin")
    strategy = User.objects.get(username="pn.strategy")
    ay = AssessmentYear.objects.filter(year=YEAR, province__isnull=True).first()
    if ay is None:
        ay = services.year_from_default(year=YEAR, actor=admin)
    pna = Organization.objects.get(code="PNA")
    if Evidence.objects.filter(organization=pna, item__year=ay).exists():
        return {"year": YEAR, "evidence": "already there"}
    items = {i.code: i for i in Item.objects.filter(year=ay)}
    due = dt.date(2027, 3, 31)
    n = 0
    for code in GENERATED:
        ev = services.evidence_add(org=pna, item=items[code], actor=strategy, kind=Evidence.Kind.GENERATED, due_on=due)
        services.evidence_publish(evidence=ev, actor=strategy)
        n += 1
    for code, name in {**UPLOADED, **DRAFTS}.items():
        ev = services.evidence_add(org=pna, item=items[code], actor=strategy, kind=Evidence.Kind.UPLOAD, due_on=due,
                                   upload=SimpleUploadedFile(name, _pdf(name), content_type="application/pdf"))
        if code in UPLOADED:
            services.evidence_publish(evidence=ev, actor=strategy)
        n += 1
    tour = Organization.objects.filter(code="PNA-TOUR").first()
    if tour is not None:
        for code in ("O1", "O5"):
            ev = services.evidence_add(org=tour, item=items[code], actor=strategy, kind=Evidence.Kind.GENERATED)
            services.evidence_publish(evidence=ev, actor=strategy)
            n += 1
    return {"year": YEAR, "evidence": n}
