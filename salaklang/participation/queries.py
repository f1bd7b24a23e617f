"""Reads for the consultation pages: counts in subqueries, a constant number of queries per page."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from salaklang.participation.models import Comment, Consultation, Support


def _count(model, **filters):
    sub = (
        model.objects.filter(consultation=OuterRef("pk"), **filters)
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def with_counts(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return qs.annotate(
        n_supports=_count(Support),
        n_comments=_count(Comment, status=Comment.Status.VISIBLE),
    ).select_related("province")


def filter_phase(qs: QuerySet[Consultation], phase: str, now=None) -> QuerySet[Consultation]:
    now = now or timezone.now()
    published = Q(status=Consultation.Status.PUBLISHED)
    if phase == Consultation.Phase.OPEN:
        return qs.filter(published, opens_at__lte=now, closes_at__gt=now)
    if phase == Consultation.Phase.UPCOMING:
        return qs.filter(published, opens_at__gt=now)
    if phase == Consultation.Phase.CLOSED:
        return qs.filter(published, closes_at__lte=now)
    if phase == Consultation.Phase.RESPONDED:
        return qs.filter(status=Consultation.Status.RESPONDED)
    if phase == Consultation.Phase.DRAFT:
        return qs.filter(status=Consultation.Status.DRAFT)
    if phase == Consultation.Phase.WITHDRAWN:
        return qs.filter(status=Consultation.Status.WITHDRAWN)
    return qs


def comments_for(consultation: Consultation) -> QuerySet[Comment]:
    """Every comment in order, hidden ones included (they show as hidden, with the reason)."""
    return consultation.comments.select_related("author", "question").order_by("created_at", "id")


def counts_for(consultation: Consultation) -> dict[str, int]:
    row = with_counts(Consultation.objects.filter(pk=consultation.pk)).values("n_supports", "n_comments").get()
    return {"supports": row["n_supports"], "comments": row["n_comments"]}


def user_supports(consultation: Consultation, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Support.objects.filter(consultation=consultation, user=user).exists()


def comments_per_question(consultation: Consultation) -> list[dict]:
    """Visible comments per question (general comments last), for the staff writing the response."""
    counts = dict(
        consultation.comments.filter(status=Comment.Status.VISIBLE)
        .order_by().values_list("question_id").annotate(n=Count("pk")).values_list("question_id", "n")
    )
    rows = [{"label": f"{q.number}. {q.text}", "count": counts.get(q.pk, 0)} for q in consultation.questions.all()]
    rows.append({"label": None, "count": counts.get(None, 0)})
    return rows


def subject_link(consultation, user, *, can_manage: bool = False) -> dict | None:
    """The agenda or policy under consultation as {title, url}; url only where this person may go (every link we
    show leads somewhere the person may open): the agenda's page for those who may see it, a public page of this
    site, an outside https document. Citizens and visitors otherwise read the title on this public page."""
    from django.urls import Resolver404, resolve, reverse

    if consultation.agenda_id:
        from salaklang.agendas.access import visible_agendas

        url = None
        if getattr(user, "is_authenticated", False) and visible_agendas(user).filter(pk=consultation.agenda_id).exists():
            url = reverse("agendas:detail", args=[consultation.agenda_id])
        return {"title": consultation.agenda.title, "url": url}
    if not (consultation.link_title or consultation.link_url):
        return None
    url = consultation.link_url or None
    if url and url.startswith("/"):
        try:
            public = getattr(resolve(url.split("?", 1)[0]).func, "login_required", True) is False
        except Resolver404:
            public = False
        if not (public or can_manage):
            url = None
    return {"title": consultation.link_title or consultation.link_url, "url": url}
