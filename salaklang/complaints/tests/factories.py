"""Factories for complaints: categories routed to the world's agencies, and complaints filed through intake."""

from __future__ import annotations

from salaklang.complaints.defaults import load as load_defaults
from salaklang.complaints.models import Category, CategoryRoute, Complaint, Holiday
from salaklang.complaints.services import intake


def make_routes(world, **routes) -> dict[str, Category]:
    """The default categories (and holidays); ``tourism`` routed to the world's first agency unless ``routes``
    says otherwise (``make_routes(world, health=world["other_agency"])``)."""
    load_defaults(Category, Holiday)
    routes = routes or {"tourism": world["agency"]}
    categories = {c.code: c for c in Category.objects.all()}
    for code, organization in routes.items():
        CategoryRoute.objects.update_or_create(province=world["province"], category=categories[code],
                                               defaults={"organization": organization})
    return categories


def make_complaint(world, *, category: str = "tourism", channel: str = Complaint.Channel.WEB, **data) -> Complaint:
    """A complaint filed on the web form of the world's province (routed if its category has a route)."""
    values = {"province": world["province"], "category": Category.objects.get(code=category),
              "subject": "ขยะบนชายหาด", "description": "มีขยะพลาสติกจำนวนมากบริเวณชายหาด", "channel": channel,
              "contact_email": "citizen@example.test", **data}
    if values["category"].is_sensitive:
        values.setdefault("consent_sensitive", True)
    return intake.complaint_submit(**values)
