"""Demo data: the demo objects are written directly (not through the services), so index them all once."""

from salaklang.search.index import reindex_kind
from salaklang.search.kinds import REGISTRY


def seed() -> str:
    n = sum(reindex_kind(kind) for kind in REGISTRY)
    return f"{n} documents indexed"
