from __future__ import annotations

import logging
from collections import defaultdict

from django.tasks import task

log = logging.getLogger(__name__)


def reindex_changed(items: list[list[str]]) -> int:
    """[[audit object type, object id], ...] → re-index the searchable objects they are or belong to."""
    from django.apps import apps

    from salaklang.search.index import index_ids
    from salaklang.search.kinds import CHILD_TYPES, KIND_BY_MODEL

    by_kind: dict[str, set[int]] = defaultdict(set)
    children: dict[str, set[int]] = defaultdict(set)
    for object_type, object_id in items:
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            continue
        if object_type in KIND_BY_MODEL:
            by_kind[KIND_BY_MODEL[object_type].name].add(pk)
        elif object_type in CHILD_TYPES:
            children[object_type].add(pk)
    for object_type, pks in children.items():
        kind, attr = CHILD_TYPES[object_type]
        model = apps.get_model(object_type)
        by_kind[kind.name] |= set(model.objects.filter(pk__in=pks).values_list(attr, flat=True))
    n = 0
    for kind_name, pks in by_kind.items():
        n += index_ids(kind_name, {p for p in pks if p is not None})
    return n


@task()
def index_changed(items: list[list[str]]) -> int:
    return reindex_changed(items)
