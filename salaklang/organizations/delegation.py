"""Acting on behalf of someone (ปฏิบัติราชการแทน / มอบหมาย).

Services that accept an action "for" another person call ``acting_for`` and pass the principal to
``audit.record(on_behalf_of=...)``; the timeline then shows "X on behalf of Y".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.organizations.models import Delegation


def acting_for(actor, principal, scope: str, *, organization=None, day: dt.date | None = None) -> Delegation | None:
    """The active delegation that lets ``actor`` act for ``principal`` in ``scope`` (or 'all'), or None."""
    if actor is None or principal is None or actor.pk == principal.pk:
        return None
    qs = Delegation.objects.active_on(day or timezone.localdate()).filter(
        delegator=principal, delegate=actor, scope__in=[scope, Delegation.Scope.ALL]
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.select_related("organization").first()


def principals_of(actor, scope: str, *, day: dt.date | None = None):
    """Everyone ``actor`` may act for today in ``scope``: a list of (principal, delegation)."""
    rows = (
        Delegation.objects.active_on(day or timezone.localdate())
        .filter(delegate=actor, scope__in=[scope, Delegation.Scope.ALL])
        .select_related("delegator", "organization")
    )
    return [(d.delegator, d) for d in rows]


def on_behalf_label(actor, principal) -> str:
    """'X on behalf of Y' (or just 'X')."""
    if principal is None or actor is None or principal.pk == actor.pk:
        return str(actor or "")
    return _("%(actor)s on behalf of %(principal)s") % {"actor": actor, "principal": principal}
