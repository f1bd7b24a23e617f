from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

from salaklang.core.links import absolute_url
from salaklang.notifications.models import Notification


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail the given in-app notifications to recipients who have an address. Returns the count sent."""
    sent = 0
    rows = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient")
    for n in rows:
        if not n.recipient.email:
            continue
        body = n.body
        if n.url:
            body = f"{body}\n\n{absolute_url(n.url)}".strip()
        _send(n, body)
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def _send(n: Notification, body: str) -> None:
    """One notification's e-mail, with the files its kind carries (e.g. a meeting invitation's .ics)."""
    from django.core.mail import EmailMessage

    from salaklang.notifications.attachments import attachments_for

    message = EmailMessage(n.title, body, None, [n.recipient.email])
    for filename, content, mimetype in attachments_for(n):
        message.attach(filename, content, mimetype)
    message.send()


@task()
def send_plain_email(subject: str, body: str, recipients: list[str]) -> None:
    """A message to addresses that are not accounts (e.g. a complaint receipt)."""
    send_mail(subject, body, None, recipients)
