"""Default complaint categories and the Thai public holidays of 2026–2027 (loaded by migration 0002; the admin
keeps both lists afterwards). Lunar holidays follow the published calendar; check each year's cabinet notice."""

import datetime as dt

# code, Thai, English, group, sensitive, ack days, resolve days, Open311 keywords
CATEGORIES = [
    ("roads", "ถนน ทางเท้า สะพานชำรุด", "Roads, footpaths and bridges", "infrastructure", False, 3, 15,
     "road,pothole,bridge"),
    ("lighting", "ไฟฟ้าส่องสว่างสาธารณะ", "Street lighting", "infrastructure", False, 3, 15, "light,lamp"),
    ("water", "น้ำประปา", "Water supply", "infrastructure", False, 3, 15, "water,tap"),
    ("flooding", "น้ำท่วม ท่อระบายน้ำอุดตัน", "Flooding and blocked drains", "infrastructure", False, 2, 15,
     "flood,drain"),
    ("waste", "ขยะและความสะอาด", "Rubbish and cleanliness", "environment", False, 3, 15, "rubbish,garbage"),
    ("environment", "สิ่งแวดล้อม มลพิษ การบุกรุกป่าและชายฝั่ง", "Environment, pollution, encroachment",
     "environment", False, 3, 15, "pollution,forest,coast"),
    ("noise", "เหตุเดือดร้อนรำคาญ เสียง กลิ่น", "Nuisance: noise and smell", "environment", False, 3, 15,
     "noise,smell"),
    ("tourism", "การท่องเที่ยว ชายหาด และแหล่งท่องเที่ยว", "Tourism, beaches and attractions", "economy", False, 3,
     15, "beach,tourism,tourist"),
    ("consumer", "คุ้มครองผู้บริโภค ราคาสินค้า", "Consumer protection and prices", "economy", False, 3, 15,
     "price,consumer"),
    ("transport", "การขนส่งและรถโดยสารสาธารณะ", "Transport and public buses", "economy", False, 3, 15,
     "bus,taxi,transport"),
    ("land", "ที่ดินและเอกสารสิทธิ", "Land and title deeds", "rights", False, 3, 15, "land,title"),
    ("labour", "แรงงานและการจ้างงาน", "Labour and employment", "rights", False, 3, 15, "labour,wage"),
    ("social", "สวัสดิการสังคม ผู้สูงอายุ คนพิการ", "Social welfare, elderly, disability", "rights", False, 3, 15,
     "welfare,elderly"),
    ("health", "สาธารณสุขและบริการสุขภาพ", "Public health and health services", "health", True, 2, 15,
     "hospital,health,clinic"),
    ("officials", "การปฏิบัติหน้าที่ของเจ้าหน้าที่รัฐ", "Conduct of officials", "governance", True, 3, 15,
     "official,bribe,conduct"),
    ("disaster", "สาธารณภัยและความปลอดภัย", "Disasters and public safety", "safety", False, 1, 15,
     "disaster,storm,safety"),
    ("other", "เรื่องอื่น ๆ", "Other", "other", False, 3, 15, "other"),
]

D = dt.date
HOLIDAYS = [
    (D(2026, 1, 1), "วันขึ้นปีใหม่", "New Year's Day"),
    (D(2026, 3, 3), "วันมาฆบูชา", "Makha Bucha Day"),
    (D(2026, 4, 6), "วันจักรี", "Chakri Day"),
    (D(2026, 4, 13), "วันสงกรานต์", "Songkran"),
    (D(2026, 4, 14), "วันสงกรานต์", "Songkran"),
    (D(2026, 4, 15), "วันสงกรานต์", "Songkran"),
    (D(2026, 5, 1), "วันแรงงานแห่งชาติ", "National Labour Day"),
    (D(2026, 5, 4), "วันฉัตรมงคล", "Coronation Day"),
    (D(2026, 6, 1), "ชดเชยวันวิสาขบูชา", "Visakha Bucha Day (substitute)"),
    (D(2026, 6, 3), "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี", "Queen Suthida's Birthday"),
    (D(2026, 7, 28), "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", "King's Birthday"),
    (D(2026, 7, 29), "วันอาสาฬหบูชา", "Asahna Bucha Day"),
    (D(2026, 7, 30), "วันเข้าพรรษา", "Buddhist Lent Day"),
    (D(2026, 8, 12), "วันแม่แห่งชาติ", "Mother's Day"),
    (D(2026, 10, 13), "วันนวมินทรมหาราช", "King Bhumibol Memorial Day"),
    (D(2026, 10, 23), "วันปิยมหาราช", "Chulalongkorn Day"),
    (D(2026, 12, 7), "ชดเชยวันพ่อแห่งชาติ", "Father's Day (substitute)"),
    (D(2026, 12, 10), "วันรัฐธรรมนูญ", "Constitution Day"),
    (D(2026, 12, 31), "วันสิ้นปี", "New Year's Eve"),
    (D(2027, 1, 1), "วันขึ้นปีใหม่", "New Year's Day"),
    (D(2027, 2, 22), "ชดเชยวันมาฆบูชา", "Makha Bucha Day (substitute)"),
    (D(2027, 4, 6), "วันจักรี", "Chakri Day"),
    (D(2027, 4, 13), "วันสงกรานต์", "Songkran"),
    (D(2027, 4, 14), "วันสงกรานต์", "Songkran"),
    (D(2027, 4, 15), "วันสงกรานต์", "Songkran"),
    (D(2027, 5, 3), "ชดเชยวันแรงงานแห่งชาติ", "National Labour Day (substitute)"),
    (D(2027, 5, 4), "วันฉัตรมงคล", "Coronation Day"),
    (D(2027, 5, 20), "วันวิสาขบูชา", "Visakha Bucha Day"),
    (D(2027, 6, 3), "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี", "Queen Suthida's Birthday"),
    (D(2027, 7, 19), "ชดเชยวันอาสาฬหบูชา", "Asahna Bucha Day (substitute)"),
    (D(2027, 7, 20), "ชดเชยวันเข้าพรรษา", "Buddhist Lent Day (substitute)"),
    (D(2027, 7, 28), "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว", "King's Birthday"),
    (D(2027, 8, 12), "วันแม่แห่งชาติ", "Mother's Day"),
    (D(2027, 10, 13), "วันนวมินทรมหาราช", "King Bhumibol Memorial Day"),
    (D(2027, 10, 25), "ชดเชยวันปิยมหาราช", "Chulalongkorn Day (substitute)"),
    (D(2027, 12, 6), "ชดเชยวันพ่อแห่งชาติ", "Father's Day (substitute)"),
    (D(2027, 12, 10), "วันรัฐธรรมนูญ", "Constitution Day"),
    (D(2027, 12, 31), "วันสิ้นปี", "New Year's Eve"),
]


def load(Category, Holiday) -> None:
    for pos, (code, th, en, group, sensitive, ack, resolve, keywords) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={
            "name_th": th, "name_en": en, "group": group, "is_sensitive": sensitive, "ack_days": ack,
            "resolve_days": resolve, "keywords": keywords, "position": pos * 10})
    for day, th, en in HOLIDAYS:
        Holiday.objects.get_or_create(date=day, defaults={"name_th": th, "name_en": en})
