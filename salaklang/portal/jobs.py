"""Periodic jobs of the portal (registered in apps.py with salaklang.core.schedule)."""

from __future__ import annotations


def flush_counts() -> int:
    """Buffered view and download counts → the database."""
    from salaklang.portal import counting

    return counting.flush()


def publish_due() -> int:
    """Scheduled posts whose time has come are marked published (audited)."""
    from salaklang.portal import services

    return services.publish_due()
