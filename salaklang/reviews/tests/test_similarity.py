from salaklang.calls import services as calls
from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401
from salaklang.organizations.models import Organization
from salaklang.reviews.similarity import index_proposal, similar_to, terms_of


def test_terms_are_thai_words_without_stop_words():
    terms = terms_of("ระบบจองคิวเข้าอุทยานแห่งชาติออนไลน์ของจังหวัด")
    assert {"จอง", "คิว", "อุทยานแห่งชาติ", "ออนไลน์"} <= set(terms)
    assert "ของ" not in terms  # a stop word


def test_similar_proposals_from_other_organizations(demo, make_call):  # noqa: F811
    call = make_call()
    national = make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc")
    tour, health = Organization.objects.get(code="PNA-TOUR"), Organization.objects.get(code="PNA-HEALTH")

    def proposal(user, org, c, title, background):
        p = calls.proposal_create(actor=demo[user], call=c, organization=org,
                                  data={"title": title, "category": "service", "background": background})
        index_proposal(p)
        return p

    queue = proposal("pn.tourism", tour, call, "ระบบจองคิวเข้าอุทยานออนไลน์",
                     "นักท่องเที่ยวรอคิวนานที่ด่านตรวจอุทยาน จึงให้จองคิวล่วงหน้าผ่านโทรศัพท์มือถือ")
    same_idea = proposal("pn.strategy", Organization.objects.get(code="PNA"), national, "จองคิวออนไลน์ที่ด่านอุทยาน",
                         "ลดการรอคิวของนักท่องเที่ยวด้วยระบบจองคิวล่วงหน้าผ่านมือถือ")
    other = proposal("pn.health", health, call, "คลินิกหมอครอบครัวทางไกล",
                     "ผู้ป่วยบนเกาะปรึกษาแพทย์ผ่านวิดีโอโดยไม่ต้องข้ามฝั่ง")
    found = similar_to(queue)
    assert found and found[0][0] == same_idea
    assert other not in [p for p, _ in found[:1]]
    assert all(p.organization_id != queue.organization_id for p, _ in found)
