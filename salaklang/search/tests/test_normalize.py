import pytest

from salaklang.search.engine import parse
from salaklang.search.normalize import clean, normalize

NIKHAHIT, AA, AM, MAI_THO, MAI_EK, SARA_II = "\u0e4d", "\u0e32", "\u0e33", "\u0e49", "\u0e48", "\u0e35"


@pytest.mark.parametrize(("typed", "expected"), [
    ("น" + MAI_THO + NIKHAHIT + AA, "น้ำ"),  # sara am typed as nikhahit + sara aa
    ("น" + NIKHAHIT + MAI_THO + AA, "น้ำ"),  # ... with the tone mark between
    ("น" + AM + MAI_THO, "น้ำ"),  # tone mark typed after sara am
    ("ท" + MAI_EK + SARA_II, "ที่"),  # tone mark before the upper vowel
    ("ที่่", "ที่"),  # doubled tone mark
    ("ก" + MAI_EK + MAI_THO, "ก้"),  # two different tone marks: the last typed wins
    ("ผู้\u200bว่า\u200dราชการ\ufeff", "ผู้ว่าราชการ"),  # zero-width characters
    ("ปีงบประมาณ ๒๕๖๕", "ปีงบประมาณ 2565"),  # Thai digits
    ("HPP  e-Service", "hpp e-service"),  # Latin case, spaces
    ("ＨＰＰ", "hpp"),  # full-width forms
])
def test_normalize(typed, expected):
    assert normalize(typed) == expected


def test_normalize_is_idempotent_and_clean_keeps_case_and_digits():
    text = "รองผู้ว่าราชการจังหวัดเชียงราย HPP ๒๕๖๕ น" + NIKHAHIT + AA
    assert normalize(normalize(text)) == normalize(text)
    assert clean(text) == "รองผู้ว่าราชการจังหวัดเชียงราย HPP ๒๕๖๕ นำ"
    assert clean(None) == "" and normalize("") == ""


@pytest.mark.parametrize(("q", "terms", "error"), [
    ("น้ำประปา", ["น้ำประปา"], False),
    ("ผู้ว่าฯ  เชียงราย", ["ผู้ว่า", "เชียงราย"], False),
    ('" * ( ) : NEAR OR %', ["near"], False),  # syntax characters dropped, never passed to MATCH
    ('"ประปา', ["ประปา"], False),  # unbalanced quote
    ("😀🎉", [], True),
    ("!!!???", [], True),
    ("ab", [], True),
    ("ก", [], True),
    ("", [], False),
    ("x" * 10_000, [], True),
    ("à¸™à¹‰à¸³à¸›à¸£à¸°à¸›à¸²", ["น้ำประปา"], False),  # UTF-8 read as cp1252: repaired
    ("\ufffd\ufffd\ufffd", [], True),  # bytes of another encoding decoded with replacement characters
    ("๒๕๖๕", ["2565"], False),
])
def test_parse(q, terms, error):
    pq = parse(q)
    assert pq.terms == terms
    assert bool(pq.error) == error
