"""``{% available_transitions obj as actions %}``: the statuses the person on the page may move ``obj`` to now
(``salaklang.core.workflow.available_transitions``), so a template asks ``{% if "closed" in actions %}``
instead of comparing status strings. A second workflow of the same model names its field:
``{% available_transitions meeting "minutes_status" as minutes_actions %}``."""

from django import template

from salaklang.core import workflow

register = template.Library()


@register.simple_tag(takes_context=True)
def available_transitions(context, obj, field: str = "status") -> list[str]:
    if obj is None:
        return []
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return workflow.available_transitions(obj, user, field=field)
