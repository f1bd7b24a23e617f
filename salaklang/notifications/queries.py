from salaklang.notifications.models import Notification


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def for_user(user):
    return Notification.objects.filter(recipient=user).select_related("actor")
