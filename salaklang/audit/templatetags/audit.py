import datetime as dt
import re

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


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$")


@register.filter
def audit_value(value) -> str:
    """A value of an audit entry's changes as a person reads it: dates and times in B.E. (Thai) or C.E. (English),
    never "2027-01-15T16:30:00+07:00"; nothing as "—"."""
    from salaklang.core.thai import display_date, display_datetime

    if value is None or value == "":
        return "—"
    if isinstance(value, str) and _ISO.match(value):
        try:
            if len(value) == 10:
                return display_date(dt.date.fromisoformat(value))
            return display_datetime(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return value


@register.filter
def change_pairs(changes) -> list:
    """``changes.items`` in a template looks up a key named "items" first: a change of a field called "items" (or
    "keys", "values") would break the page. This lists (field, [old, new]) whatever the field names."""
    return list(changes.items()) if isinstance(changes, dict) else []
