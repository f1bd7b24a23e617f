"""The workflows of consultations and comment moderation (tables on the models, registered with
salaklang.core.workflow). The province's strategy staff make every change; the services check it themselves
before they call ``workflow.transition``."""

from __future__ import annotations

from salaklang.core import workflow
from salaklang.participation.access import can_manage_province
from salaklang.participation.models import Comment, Consultation


def _consultation_allowed(consultation: Consultation, user, to: str) -> bool:
    return getattr(user, "is_authenticated", False) and can_manage_province(user, consultation.province_id)


def _comment_allowed(comment: Comment, user, to: str) -> bool:
    return getattr(user, "is_authenticated", False) and can_manage_province(user, comment.consultation.province_id)


def register() -> None:
    workflow.register(Consultation, transitions=Consultation.TRANSITIONS, allowed=_consultation_allowed)
    workflow.register(Comment, transitions=Comment.TRANSITIONS, allowed=_comment_allowed)
