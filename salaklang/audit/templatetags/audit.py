from django import template

from salaklang.organizations.delegation import on_behalf_label

register = template.Library()


@register.filter
def acting_label(entry) -> str:
    """'X on behalf of Y' for an audit entry (or just 'X'; 'system' when no person acted)."""
    if entry.actor is None:
        return "—"
    return on_behalf_label(entry.actor, entry.on_behalf_of)


@register.filter
def verb_label(entry_or_verb) -> str:
    """The translated label of an audit entry's verb (``{{ e|verb_label }}``)."""
    from salaklang.audit import verbs

    verb = getattr(entry_or_verb, "verb", entry_or_verb)
    return verbs.label(verb or "")
