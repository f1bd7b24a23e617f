"""Reads: the opinion matrix of a fiscal year, the requests and meetings a person deals with."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from salaklang.agendas import access
from salaklang.agendas.models import Agenda, Attendee, Meeting, Opinion, OpinionInvitation, OpinionRound

MATRIX_STATUSES = [Agenda.Status.CANDIDATE, Agenda.Status.SELECTED]
POSITION_CHIP = {"support": "chip-ok", "conditional": "chip-warn", "oppose": "chip-bad", "no_view": "chip-muted"}
POSITION_SHORT = {"support": "✓", "conditional": "±", "oppose": "✗", "no_view": "–"}


def matrix_agendas(rnd: OpinionRound) -> list[Agenda]:
    return list(Agenda.objects.filter(province_id=rnd.province_id, fiscal_year=rnd.fiscal_year,
                                      status__in=MATRIX_STATUSES).select_related("proposed_by").order_by("pk"))


def opinion_matrix(rnd: OpinionRound, *, page: int | str | None = 1, per_page: int | None = None) -> dict:
    """Agencies × agendas with the position in each cell, counts per position per agenda and the agencies
    that have not answered yet. Four queries whatever the number of agencies and agendas (plus the count of
    the paginator)."""
    agendas = matrix_agendas(rnd)
    agenda_ids = [a.pk for a in agendas]
    invitations = (OpinionInvitation.objects.filter(round=rnd).select_related("organization")
                   .order_by("organization__name_th", "pk"))
    paginator = Paginator(invitations, per_page or settings.PAGE_SIZES["opinion_matrix"])
    pg = paginator.get_page(page)
    opinions = list(Opinion.objects.filter(invitation__round=rnd, agenda_id__in=agenda_ids)
                    .values_list("organization_id", "agenda_id", "position"))
    by_cell = {(org, agenda): position for org, agenda, position in opinions}
    answered_orgs = {org for org, _a, _p in opinions}
    counts = {a.pk: Counter() for a in agendas}
    for _org, agenda_id, position in opinions:
        counts[agenda_id][position] += 1
    total = paginator.count
    rows = []
    for inv in pg.object_list:
        cells = []
        for a in agendas:
            position = by_cell.get((inv.organization_id, a.pk))
            cells.append({"agenda": a, "position": position, "chip": POSITION_CHIP.get(position, ""),
                          "mark": POSITION_SHORT.get(position, "")})
        rows.append({"organization": inv.organization, "cells": cells,
                     "complete": all(c["position"] for c in cells) if agendas else True})
    columns = []
    for a in agendas:
        c = counts[a.pk]
        answered = sum(c.values())
        columns.append({"agenda": a, "support": c["support"], "conditional": c["conditional"], "oppose": c["oppose"],
                        "no_view": c["no_view"], "not_answered": total - answered})
    return {"agendas": agendas, "rows": rows, "columns": columns, "page": pg, "invited": total,
            "answered_agencies": len(answered_orgs), "not_answered_agencies": total - len(answered_orgs)}


def rounds_for(user) -> QuerySet[OpinionRound]:
    """Requests for opinions the person manages, sees (executive) or must answer."""
    roles_q = Q(province_id__in=access.staff_province_ids(user) | access.roles_of(user).executive_province_ids)
    if access.roles_of(user).is_national_admin:
        roles_q = Q()
    answering = answering_org_ids(user)
    invited = OpinionInvitation.objects.filter(organization_id__in=answering).values("round_id")
    return OpinionRound.objects.filter(roles_q | Q(pk__in=invited)).select_related("province")


def answering_org_ids(user) -> set[int]:
    """Agencies the person answers for: their own, and those of a head they act for today."""
    delegated = set(access.answering_delegations(user).values_list("organization_id", flat=True))
    return access.agency_org_ids(user) | delegated


def attendee_rows(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.select_related("person", "organization", "delegate").order_by("sort_order", "id"))


def meetings_for(user) -> QuerySet[Meeting]:
    return access.visible_meetings(user).select_related("committee", "chair").order_by("-date", "-start_time")


def delegate_choices(attendees: list[Attendee]) -> dict[int, list]:
    """For each attendee, the people who may attend instead (members of the same organization). Two queries."""
    from salaklang.organizations.models import Membership

    person_ids = [a.person_id for a in attendees if a.person_id and not a.organization_id]
    person_orgs: dict[int, set[int]] = {}
    for user_id, org_id in Membership.objects.filter(user_id__in=person_ids, is_active=True).values_list(
            "user_id", "organization_id"):
        person_orgs.setdefault(user_id, set()).add(org_id)
    org_ids = {a.organization_id for a in attendees if a.organization_id}
    for orgs in person_orgs.values():
        org_ids |= orgs
    members: dict[int, dict[int, object]] = {}
    for m in (Membership.objects.filter(organization_id__in=org_ids, is_active=True, user__is_active=True)
              .select_related("user").order_by("user__first_name")):
        members.setdefault(m.organization_id, {})[m.user_id] = m.user
    out = {}
    for a in attendees:
        orgs = {a.organization_id} if a.organization_id else person_orgs.get(a.person_id, set())
        people: dict[int, object] = {}
        for org in orgs:
            people.update(members.get(org, {}))
        people.pop(a.person_id, None)
        out[a.pk] = list(people.values())
    return out


def _words(text: str) -> list[str]:
    """Thai words (PyThaiNLP newmm, offline) with the spaces kept, so changes are marked word by word."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text or "", engine="newmm", keep_whitespace=True)


def _marked(before: str, after: str) -> tuple[str, str]:
    """Both texts as HTML with the removed words in <del> and the added ones in <ins>."""
    import difflib

    from django.utils.html import escape

    a, b = _words(before), _words(after)
    old, new = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        left, right = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            old.append(left)
            new.append(right)
            continue
        if left:
            old.append(f"<del>{left}</del>")
        if right:
            new.append(f"<ins>{right}</ins>")
    return "".join(old).replace("\n", "<br>"), "".join(new).replace("\n", "<br>")


def minutes_changes(before: dict, after: dict) -> list[dict]:
    """The parts of the minutes that differ between two snapshots, labelled as the minutes label them (opening
    remarks, times, each section's discussion and resolution), with the changed words marked."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext as _

    from salaklang.core.forms import unix_newlines

    parts: list[tuple[str, str, str]] = [
        (_("Opening remarks"), before.get("opening") or "", after.get("opening") or ""),
        (_("Meeting opened at"), before.get("opened_at") or "", after.get("opened_at") or ""),
        (_("Meeting closed at"), before.get("closed_at") or "", after.get("closed_at") or ""),
    ]
    old_items = {i["id"]: i for i in before.get("items", [])}
    new_items = {i["id"]: i for i in after.get("items", [])}
    for item_id in [*old_items, *[k for k in new_items if k not in old_items]]:
        o, n = old_items.get(item_id, {}), new_items.get(item_id, {})
        head = _("Section %(n)s: %(title)s") % {"n": (n or o).get("section", ""), "title": (n or o).get("title", "")}
        if o.get("title", "") != n.get("title", ""):
            parts.append((f"{head} — {_('Title')}", o.get("title", ""), n.get("title", "")))
        parts.append((f"{head} — {_('Discussion')}", o.get("discussion") or "", n.get("discussion") or ""))
        parts.append((f"{head} — {_('Resolution')}", o.get("resolution") or "", n.get("resolution") or ""))
    rows = []
    for label, old, new in parts:
        old, new = unix_newlines(old), unix_newlines(new)  # minutes saved before LF was enforced may hold CR LF
        if old == new:
            continue
        old_html, new_html = _marked(old, new)
        rows.append({"label": label, "before": mark_safe(old_html), "after": mark_safe(new_html)})  # noqa: S308 — escaped above
    return rows
