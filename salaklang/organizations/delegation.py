"""Acting on behalf of someone (ปฏิบัติราชการแทน / มอบหมาย).

Services that accept an action "for" another person resolve the principal with
``organizations.roles`` (``acting_for``, ``principal_for``) and pass it to ``audit.record(on_behalf_of=...)``;
the timeline then shows "X on behalf of Y" (``on_behalf_label``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def on_behalf_label(actor, principal) -> str:
    """'X on behalf of Y' (or just 'X')."""
    if principal is None or actor is None or principal.pk == actor.pk:
        return str(actor or "")
    return _("%(actor)s on behalf of %(principal)s") % {"actor": actor, "principal": principal}
