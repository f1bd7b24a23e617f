from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    record(actor=user, action=AuditEntry.Action.LOGIN, obj=user, verb="signed_in")
