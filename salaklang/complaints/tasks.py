"""Background work queued after a complaint's transaction commits (never inside the intake request)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from salaklang.complaints.models import Complaint
from salaklang.complaints.services.common import action_key
from salaklang.core.links import absolute_url
from salaklang.notifications.services import notify
from salaklang.organizations.models import Role


def _staff_of(org_ids: list[int], province_id: int | None, *, centre: bool, heads_only: bool):
    from salaklang.organizations.roles import people_with_roles

    roles = [Role.AGENCY_HEAD] if heads_only else [Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR]
    people = people_with_roles(roles, organizations=org_ids)
    if centre and province_id:
        people = people | people_with_roles([Role.COMPLAINT_OFFICER], provinces=[province_id])
    return list(people)


@task()
def complaint_received(pk: int) -> None:
    """Receipt to the citizen (e-mail with the tracking code) and a notification to the agency's staff."""
    c = Complaint.objects.select_related("province", "category").filter(pk=pk).first()
    if c is None:
        return
    with override("th"):
        track = absolute_url(reverse("complaints:track", kwargs={"code": c.code}))
        subject = _("Complaint received: %(code)s") % {"code": c.code}
        body = _(
            "We have received your complaint \"%(subject)s\" (%(category)s).\n\nTracking code: %(code)s\n"
            "Follow it at %(url)s\n\nAnyone with the tracking code can read the public status of the complaint "
            "(never your name or contact). Only this private link lets you rate the handling or reopen the "
            "complaint — do not share it:\n%(private_url)s") % {
            "subject": c.subject, "category": c.category.name_th, "code": c.code, "url": track,
            "private_url": f"{track}?key={action_key(c)}"}
        if c.contact_email:
            send_mail(subject, body, None, [c.contact_email])
        if c.user_id:
            notify(recipients=[c.user], title=subject, body=body, url=reverse("complaints:track",
                   kwargs={"code": c.code}), kind="complaint", email=not c.contact_email)
        if c.agency_id:
            staff = _staff_of([c.agency_id], c.province_id, centre=False, heads_only=False)
            notify(recipients=staff, title=_("New complaint in your inbox: %(code)s") % {"code": c.code},
                   body=c.subject, url=reverse("complaints:detail", kwargs={"pk": c.pk}), kind="complaint")


@task()
def notify_citizen(pk: int, title: str, body: str = "") -> None:
    c = Complaint.objects.select_related("user").filter(pk=pk).first()
    if c is None or c.anonymised_at:
        return
    url = reverse("complaints:track", kwargs={"code": c.code})
    if c.user_id:
        notify(recipients=[c.user], title=title, body=body, url=url, kind="complaint", email=not c.contact_email)
    if c.contact_email:
        send_mail(title, f"{body}\n\n{absolute_url(url)}".strip(), None, [c.contact_email])


@task()
def notify_staff(pk: int, title: str, org_ids: list[int], centre: bool = False, heads_only: bool = False,
                 note: str = "") -> None:
    c = Complaint.objects.filter(pk=pk).first()
    if c is None:
        return
    staff = _staff_of(org_ids, c.province_id, centre=centre, heads_only=heads_only)
    body = c.subject
    if note:  # the centre's routing note (what to look at, whom to call) reaches the agency with the notice
        body += "\n\n" + pgettext("complaint routing", "Note from the complaint centre: %(note)s") % {"note": note}
    notify(recipients=staff, title=title, body=body, url=reverse("complaints:detail", kwargs={"pk": c.pk}),
           kind="complaint")
