"""Foundation: organizations, people and the audit trail at scale; sign-in, tree, people list, audit log."""

from __future__ import annotations

import random

from bench.scenarios import Context, Page, bulk


def generate(ctx: Context) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import F

    from salaklang.accounts.models import User
    from salaklang.audit.models import AuditEntry
    from salaklang.organizations.models import Membership, Organization, Role

    rng = random.Random(2570)
    password = make_password("salaklang-demo")
    nation = Organization.objects.get(code="OPDC")
    with transaction.atomic():
        existing = list(Organization.objects.filter(kind="province"))
        provinces = [
            Organization(code=f"BP{i:02d}", kind="province", parent=nation, name_th=f"จังหวัดทดสอบที่ {i}",
                         name_en=f"Bench Province {i}", letter_prefix=f"ทส{i}", depth=1)
            for i in range(max(0, ctx.provinces - len(existing)))
        ]
        bulk(Organization, provinces)
        Organization.objects.filter(kind="province", province__isnull=True).update(province_id=F("id"))
        provinces = list(Organization.objects.filter(kind="province").order_by("pk"))[: ctx.provinces]
        agencies = []
        for p in provinces:
            have = Organization.objects.filter(parent=p, kind="agency").count()
            for j in range(max(0, ctx.agencies_per_province - have)):
                agencies.append(Organization(code=f"{p.code}-A{j:02d}", kind="agency", parent=p, province_id=p.pk,
                                             depth=2, name_th=f"สำนักงานทดสอบที่ {j} {p.name_th}",
                                             name_en=f"Bench agency {j}", registry_code=f"{j:04d}"))
        bulk(Organization, agencies)
        all_agencies = list(Organization.objects.filter(kind="agency").values_list("pk", "province_id"))
        province_of = dict(all_agencies)
        start = User.objects.count()
        users = [
            User(username=f"bench{start + i}", password=password, first_name=f"ทดสอบ{i}", last_name="สมรรถนะ",
                 title=rng.choice(["นาย", "นาง", "นางสาว"]), email=f"bench{start + i}@bench.test",
                 position_title="นักวิเคราะห์นโยบายและแผน")
            for i in range(ctx.people)
        ]
        bulk(User, users)
        new_users = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True))
        roles = [Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD, Role.REVIEWER]
        bulk(Membership, (Membership(user_id=uid, organization_id=rng.choice(all_agencies)[0], role=rng.choice(roles))
                          for uid in new_users))
        org_ids = [a[0] for a in all_agencies]
        bulk(AuditEntry, (AuditEntry(actor_id=rng.choice(new_users), action="update", verb="bench_change",
                                     object_type="organizations.organization", object_id=str(oid), object_repr="bench",
                                     organization_id=oid, province_id=province_of[oid], changes={"name_en": ["a", "b"]},
                                     ip_address="127.0.0.1")
                          for oid in (rng.choice(org_ids) for _ in range(ctx.audit_entries))))
    pna = Organization.objects.get(code="PNA")
    ctx.state["pna_id"] = pna.pk
    ctx.state["small_agency_id"] = Organization.objects.get(code="PNA-TOUR").pk


PAGES = [
    Page("sign-in page", "/accounts/login/", None, 100),
    Page("organization tree (national admin)", "/organizations/", "opdc", 100),
    Page("organization tree (province)", "/organizations/", "pn.strategy", 100),
    Page("organization tree (one province, htmx)", lambda ctx: f"/organizations/?province={ctx.state['pna_id']}", "opdc", 100),
    Page("people list (national admin)", "/organizations/people/?kind=staff", "opdc", 100,
         rows_check="/organizations/people/?kind=staff&q=%E0%B8%98%E0%B8%99%E0%B8%B2%E0%B8%81%E0%B8%A3"),
    Page("people list (province)", "/organizations/people/", "pn.strategy", 100),
    Page("audit log (national admin)", "/audit/", "opdc", 100, rows_check="/audit/?action=login"),
    Page("audit log (province)", "/audit/", "pn.strategy", 100),
]
