"""Test helpers shared by every app: factories for the foundation models and query counting."""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

from salaklang.accounts.models import User
from salaklang.organizations.models import Membership, Organization, Role

_seq = itertools.count(1)


def make_org(kind: str = Organization.Kind.AGENCY, parent: Organization | None = None, **fields) -> Organization:
    n = next(_seq)
    defaults = {"code": f"T{n:05d}", "name_th": f"หน่วยงานทดสอบ {n}", "name_en": f"Test unit {n}"}
    defaults.update(fields)
    return Organization.objects.create(kind=kind, parent=parent, **defaults)


def make_province(nation: Organization | None = None, **fields) -> Organization:
    nation = nation or Organization.objects.filter(kind=Organization.Kind.NATION).first() or make_org(
        Organization.Kind.NATION, code=f"N{next(_seq)}")
    return make_org(Organization.Kind.PROVINCE, parent=nation, **fields)


def make_user(username: str | None = None, *, roles: list[tuple[Organization, str]] = (), **fields) -> User:
    n = next(_seq)
    username = username or f"user{n}"
    defaults = {"first_name": f"ทดสอบ{n}", "last_name": "ระบบ", "title": "นาย", "email": f"{username}@example.test"}
    defaults.update(fields)
    user = User.objects.create_user(username=username, password="a-strong-test-password", **defaults)
    for org, role in roles:
        Membership.objects.create(user=user, organization=org, role=role)
    return user


@contextmanager
def count_queries():
    with CaptureQueriesContext(connection) as ctx:
        yield ctx


__all__ = ["Role", "count_queries", "make_org", "make_province", "make_user"]
