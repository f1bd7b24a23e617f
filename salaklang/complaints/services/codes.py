"""Tracking codes: ``PNA-6912-K7QF-9XMB`` and the lenient reading of what a person typed."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from salaklang.organizations.models import Organization

# Crockford's base32: no I, L, O, U (so 0/O and 1/I/L cannot be confused; we read them leniently).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


# --- tracking codes --------------------------------------------------------------------------
def new_code(province: Organization, when: dt.datetime | None = None) -> str:
    """``PNA-6912-K7QF-9XMB``: province code, B.E. year and month, 40 random bits in base32."""
    when = timezone.localtime(when) if when else timezone.localtime()
    prefix = "".join(ch for ch in province.code.upper() if ch.isalnum())[:6] or "TH"
    rand = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"{prefix}-{(when.year + 543) % 100:02d}{when.month:02d}-{rand[:4]}-{rand[4:]}"


def normalize_code(text: str) -> str:
    """What a person typed → the stored form (upper case, O→0, I/L→1, dashes where they belong)."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) < 13:
        return ""
    prefix, rest = raw[:-12], raw[-12:]
    rest = rest.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return f"{prefix}-{rest[:4]}-{rest[4:8]}-{rest[8:]}"
