"""Human labels of audit verbs, so a timeline reads "ส่งข้อเสนอเพื่อขอความเห็นชอบ" and not "proposal_sent_for_approval".

Each app registers the verbs it records, in its ``AppConfig.ready()`` or at import of its services::

    from salaklang.audit import verbs
    verbs.register({"call_published": _("published the call")})

Labels are lazy translations. An unregistered verb falls back to the verb with spaces (and a test
checks that every literal verb in the code is registered).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, object] = {}
# Verbs whose last part varies: reminder_<kind>, <kind>_import
_PATTERNS: list[tuple[re.Pattern, object]] = []


def register(labels: dict[str, object]) -> None:
    _LABELS.update(labels)


def register_pattern(pattern: str, label) -> None:
    _PATTERNS.append((re.compile(pattern), label))


def label(verb: str) -> str:
    if not verb:
        return ""
    found = _LABELS.get(verb)
    if found is None:
        for pattern, lab in _PATTERNS:
            if pattern.fullmatch(verb):
                found = lab
                break
    return str(found) if found is not None else verb.replace("_", " ")


def is_registered(verb: str) -> bool:
    return verb in _LABELS or any(p.fullmatch(verb) for p, _lab in _PATTERNS)


# The foundation's own verbs (organizations, accounts, audit) and the generic ones.
register({
    "created": _("created the record"), "changed": _("changed the record"), "deleted": _("deleted the record"),
    "signed_in": _("signed in"), "citizen_registered": _("registered a citizen account"),
    "profile_updated": _("updated the profile"), "audit_exported": _("exported the audit trail"),
    "audit_unsealed": _("read sealed identities in the audit trail"),
    "organization_created": _("created the organization"), "organization_updated": _("updated the organization"),
    "organization_imported": _("imported the organization"),
    "organization_letterhead_updated": _("updated the emblem and address of letters"), "person_created": _("added the person"),
    "person_updated": _("updated the person"), "person_imported": _("imported the person"),
    "role_granted": _("granted a role"), "role_revoked": _("revoked a role"),
    "committee_saved": _("saved the committee"), "seat_added": _("added a committee seat"),
    "seat_removed": _("removed a committee seat"), "delegation_created": _("delegated authority"),
    "delegation_revoked": _("revoked a delegation"),
})
register_pattern(r"\w+_import", _("imported a file"))
