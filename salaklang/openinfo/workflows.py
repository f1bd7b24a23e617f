"""The evidence workflow (registered with salaklang.core.workflow): a draft is published, a published one goes
back to draft (unpublished)."""

from salaklang.core import workflow
from salaklang.openinfo.models import Evidence


def register() -> None:
    workflow.register(Evidence, transitions=Evidence.TRANSITIONS)
