"""Import organizations and people from CSV (UTF-8, UTF-8 with BOM, or TIS-620/cp874 as Excel writes
Thai CSV) and XLSX. Everything is validated first; a file with any bad row imports nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.core.guard import clean_text
from salaklang.organizations import access
from salaklang.organizations.models import Membership, Organization, Role
from salaklang.organizations.roles import province_id_of

ORG_COLUMNS = ["code", "kind", "parent_code", "name_th", "name_en", "short_name", "letter_prefix", "registry_code"]
ORG_REQUIRED = ["code", "kind", "parent_code", "name_th"]
PEOPLE_COLUMNS = ["username", "title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title",
                  "email", "phone", "organization_code", "role"]
PEOPLE_REQUIRED = ["username", "first_name", "last_name", "email", "organization_code", "role"]
KINDS = {"organizations": (ORG_COLUMNS, ORG_REQUIRED), "people": (PEOPLE_COLUMNS, PEOPLE_REQUIRED)}
MAX_ROWS = 20_000
# Limits on what a file may make the server read (issue 10): a hostile file is refused in well under 2 s.
MAX_COLS = 40  # columns read per row (the templates have 8 and 11)
MAX_CELL_CHARS = 2_000  # characters per cell
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLS  # cells read in total
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024  # of an .xlsx's XML parts (a zip bomb is refused before parsing)
MAX_LENGTHS = {"code": 40, "name_th": 255, "name_en": 255, "short_name": 80, "letter_prefix": 20, "registry_code": 20,
               "username": 150, "title": 40, "first_name": 150, "last_name": 150, "first_name_en": 150,
               "last_name_en": 150, "position_title": 255, "email": 254, "phone": 40}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, format, columns)."""


@dataclass
class Preview:
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number as in the file, message)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) strictly, else TIS-620/cp874 (what Excel writes for Thai)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is neither UTF-8 nor Thai TIS-620 (cp874) text.")) from None
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text (CSV) file."))
    return text


def _too_many_rows() -> ImportFileError:
    return ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})


def _bounded(rows) -> list[list[str]]:
    """Rows (lists of cell texts) with the limits applied while reading: no more than MAX_ROWS + 1 non-empty rows,
    MAX_COLS columns, MAX_CELL_CHARS per cell, MAX_CELLS in all; control characters (NUL…) removed."""
    out: list[list[str]] = []
    cells = 0
    for row in rows:
        row = list(row[:MAX_COLS])
        cells += len(row) or 1
        if cells > MAX_CELLS * 2:
            raise ImportFileError(_("The file has too many cells (at most %(n)s rows of %(c)s columns).") % {
                "n": MAX_ROWS, "c": MAX_COLS})
        if not any((c or "").strip() for c in row):
            continue
        for c in row:
            if len(c) > MAX_CELL_CHARS:
                raise ImportFileError(_("A cell is longer than %(n)s characters (row %(row)s).") % {
                    "n": MAX_CELL_CHARS, "row": len(out) + 1})
        out.append([clean_text(c) for c in row])
        if len(out) - 1 > MAX_ROWS:
            raise _too_many_rows()
    return out


def read_table(filename: str, data: bytes) -> list[dict[str, str]]:
    name = filename.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        rows = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        text = decode_csv(data)
        try:
            rows = _bounded(csv.reader(io.StringIO(text)))
        except csv.Error:
            raise ImportFileError(_("The CSV file cannot be read: a field is too long (at most %(n)s characters) "
                                    "or a quote is not closed.") % {"n": MAX_CELL_CHARS}) from None
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [(h or "").strip().lower() for h in rows[0]]
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    return [dict(zip(header, [(c or "").strip() for c in r] + [""] * (len(header) - len(r)), strict=False))
            for r in rows[1:]] if header else []


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read_xlsx(data: bytes) -> list[list[str]]:
    """Streaming read of the first sheet: the declared dimension is ignored (a sheet may declare A1:XFD1048576
    in a few bytes), only cells that exist are read, within the limits of ``_bounded``."""
    import zipfile

    from openpyxl import load_workbook

    invalid = _("The file is not a valid Excel (.xlsx) workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise ImportFileError(_("The workbook is too large once unpacked (at most %(mb)s MB).") % {
                    "mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)})
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001 — any parse failure is the same message to the user
        raise ImportFileError(invalid) from None
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # read what is there, not what the file claims
        return _bounded([_cell(v) for v in row] for row in ws.iter_rows(values_only=True, max_col=MAX_COLS))
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001
        raise ImportFileError(invalid) from None
    finally:
        wb.close()


def _header_errors(kind: str, rows: list[dict[str, str]]) -> list[tuple[int, str]]:
    columns, required = KINDS[kind]
    present = set(rows[0].keys()) if rows else set()
    missing = [c for c in required if c not in present]
    if missing:
        return [(1, _("Missing column(s): %(cols)s. Expected columns: %(all)s.") % {
            "cols": ", ".join(missing), "all": ", ".join(columns)})]
    return []


def preview(*, actor: User, kind: str, filename: str, data: bytes) -> Preview:
    rows = read_table(filename, data)
    result = Preview(kind=kind, rows=rows)
    if not rows:
        result.errors.append((1, _("The file has a header but no rows.")))
        return result
    result.errors = _header_errors(kind, rows)
    if result.errors:
        return result
    if kind == "organizations":
        result.errors = _check_organizations(actor, rows)
    else:
        result.errors = _check_people(actor, rows)
    result.errors.sort()
    return result


def _row_common(row: dict[str, str], line: int, required: list[str]) -> list[tuple[int, str]]:
    errors = []
    for col in required:
        if not row.get(col):
            errors.append((line, _("Column %(col)s is empty.") % {"col": col}))
    for col, limit in MAX_LENGTHS.items():
        if len(row.get(col, "")) > limit:
            errors.append((line, _("Column %(col)s is longer than %(n)s characters.") % {"col": col, "n": limit}))
    return errors


def _check_organizations(actor: User, rows: list[dict[str, str]]) -> list[tuple[int, str]]:
    errors: list[tuple[int, str]] = []
    kinds = set(Organization.Kind.values)
    codes_in_file: dict[str, int] = {}
    file_codes = {r.get("code", "").lower() for r in rows}
    wanted = {c for c in file_codes | {r.get("parent_code", "").lower() for r in rows} if c}
    existing = {o.code.lower(): o for o in Organization.objects.annotate(lc=Lower("code")).filter(lc__in=wanted)}
    by_code = {r.get("code", "").lower(): r for r in rows}
    memo: dict = {}
    for i, row in enumerate(rows, start=2):
        errors += _row_common(row, i, ORG_REQUIRED[:2] + ["name_th"])
        code = row.get("code", "").lower()
        if code:
            if code in codes_in_file:
                errors.append((i, _("The code %(code)s appears twice in the file (rows %(a)s and %(b)s).") % {
                    "code": row["code"], "a": codes_in_file[code], "b": i}))
            codes_in_file.setdefault(code, i)
            if code in existing:
                errors.append((i, _("The code %(code)s already exists.") % {"code": row["code"]}))
        kind = row.get("kind", "")
        if kind and kind not in kinds:
            errors.append((i, _("Unknown kind %(kind)s (use one of: %(kinds)s).") % {"kind": kind, "kinds": ", ".join(sorted(kinds))}))
            continue
        parent_code = row.get("parent_code", "").lower()
        if kind == Organization.Kind.NATION and not parent_code:
            parent_kind = None
        elif not parent_code:
            errors.append((i, _("Column parent_code is empty.")))
            continue
        elif parent_code in by_code:
            parent_kind = by_code[parent_code].get("kind")
        elif parent_code in existing:
            parent_kind = existing[parent_code].kind
        else:
            errors.append((i, _("Unknown parent %(code)s: it is neither in the file nor in the system.") % {
                "code": row["parent_code"]}))
            continue
        if kind and parent_kind not in Organization.ALLOWED_PARENTS.get(kind, set()):
            errors.append((i, _("A %(kind)s cannot be placed under a %(parent)s.") % {"kind": kind, "parent": parent_kind}))
        if not _may_import_org(actor, row, by_code, existing, memo):
            errors.append((i, _("You may not add organizations there: it is outside the provinces you manage.")))
    errors += _cycles(rows)
    return errors


def _province_of(row, by_code, existing, memo: dict | None = None) -> int | None | str:
    """The province id an imported row lands in, or the code of a province created by the same file. With ``memo``
    shared across rows, the whole file is resolved in linear time (each code is walked once)."""
    memo = {} if memo is None else memo
    path: list[str] = []
    on_path: set[str] = set()
    node = row
    result: int | None | str = None
    while node is not None:
        code = node.get("code", "").lower()
        if code in memo:
            result = memo[code]
            break
        if code in on_path:  # a cycle: reported by _cycles
            result = None
            break
        path.append(code)
        on_path.add(code)
        if node.get("kind") == Organization.Kind.PROVINCE:
            result = "new:" + code
            break
        parent = node.get("parent_code", "").lower()
        if parent in by_code:
            node = by_code[parent]
            continue
        org = existing.get(parent)
        result = province_id_of(org)
        break
    for code in path:
        memo[code] = result
    return result


def _may_import_org(actor, row, by_code, existing, memo: dict | None = None) -> bool:
    roles = access.roles_of(actor)
    if roles.is_national_admin:
        return True
    province = _province_of(row, by_code, existing, memo)
    return isinstance(province, int) and province in roles.admin_province_ids


def _cycles(rows) -> list[tuple[int, str]]:
    """Cycles among the file's parent links, each reported once. Linear: every code is walked once (a node
    finished by an earlier walk stops the next one)."""
    parent = {r.get("code", "").lower(): r.get("parent_code", "").lower() for r in rows}
    line = {r.get("code", "").lower(): i for i, r in enumerate(rows, start=2)}
    errors = []
    done: set[str] = set()
    for start in parent:
        if start in done:
            continue
        position: dict[str, int] = {}
        path: list[str] = []
        node = start
        while node in parent and node not in done and node not in position:
            position[node] = len(path)
            path.append(node)
            node = parent[node]
        if node in position:
            cycle = path[position[node]:]
            errors.append((min(line[c] for c in cycle), _("These rows make a cycle in the tree: %(codes)s.") % {
                "codes": " → ".join([*cycle, cycle[0]]).upper()}))
        done.update(path)
    return errors


def _check_people(actor: User, rows: list[dict[str, str]]) -> list[tuple[int, str]]:
    errors: list[tuple[int, str]] = []
    roles = set(Role.values)
    orgs = {o.code.lower(): o for o in Organization.objects.annotate(lc=Lower("code")).filter(
        lc__in={r.get("organization_code", "").lower() for r in rows})}
    emails = {r.get("email", "").lower() for r in rows if r.get("email")}
    usernames = {r.get("username", "") for r in rows if r.get("username")}
    used_emails = set(User.objects.annotate(le=Lower("email")).filter(le__in=emails).values_list("le", flat=True))
    used_usernames = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    seen_email: dict[str, int] = {}
    seen_username: dict[str, int] = {}
    role_set = access.roles_of(actor)
    for i, row in enumerate(rows, start=2):
        errors += _row_common(row, i, PEOPLE_REQUIRED)
        email = row.get("email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append((i, _("%(email)s is not a valid e-mail address.") % {"email": row["email"]}))
            if email in used_emails:
                errors.append((i, _("The e-mail %(email)s is already used by another account.") % {"email": row["email"]}))
            if email in seen_email:
                errors.append((i, _("The e-mail %(email)s appears twice in the file (rows %(a)s and %(b)s).") % {
                    "email": row["email"], "a": seen_email[email], "b": i}))
            seen_email.setdefault(email, i)
        username = row.get("username", "")
        if username:
            if username in used_usernames:
                errors.append((i, _("The username %(u)s is already taken.") % {"u": username}))
            if username in seen_username:
                errors.append((i, _("The username %(u)s appears twice in the file.") % {"u": username}))
            seen_username.setdefault(username, i)
        if row.get("role") and row["role"] not in roles:
            errors.append((i, _("Unknown role %(role)s (use one of: %(roles)s).") % {"role": row["role"],
                                                                                 "roles": ", ".join(sorted(roles))}))
        code = row.get("organization_code", "").lower()
        org = orgs.get(code)
        if code and org is None:
            errors.append((i, _("Unknown organization %(code)s.") % {"code": row["organization_code"]}))
        elif (org is not None and not role_set.is_national_admin
              and province_id_of(org) not in role_set.admin_province_ids):
            errors.append((i, _("You may not add people to %(org)s: it is outside the provinces you manage.") % {
                "org": org.code}))
    return errors


@transaction.atomic
def apply(*, actor: User, result: Preview) -> dict[str, Any]:
    """Create everything of a clean preview in one transaction (re-validated by the caller)."""
    if not result.ok:
        raise ValidationError(_("The file has errors: nothing was imported."))
    created = 0
    if result.kind == "organizations":
        created = _create_organizations(actor, result.rows)
    else:
        orgs = {o.code.lower(): o for o in Organization.objects.annotate(lc=Lower("code")).filter(
            lc__in={r["organization_code"].lower() for r in result.rows})}
        for row in result.rows:
            person = User(username=row["username"], kind=User.Kind.STAFF, email=row["email"],
                          **{k: row.get(k, "") for k in ("title", "first_name", "last_name", "first_name_en",
                                                          "last_name_en", "position_title", "phone")})
            person.set_unusable_password()
            person.full_clean(exclude=["password"])
            person.save()
            org = orgs[row["organization_code"].lower()]
            Membership.objects.create(user=person, organization=org, role=row["role"])
            record(actor=actor, action=AuditEntry.Action.CREATE, obj=person, verb="person_imported", organization=org,
                   changes={"username": [None, person.username], "membership": [None, f"{row['role']}@{org.code}"]})
            created += 1
    record(actor=actor, action=AuditEntry.Action.IMPORT, obj=actor, verb=f"{result.kind}_import",
           changes={"created": [0, created]})
    return {"created": created}


def _levels(rows: list[dict[str, str]]) -> dict[str, int]:
    """{code: depth of the row within the file} (0 for a row whose parent is not in the file). Iterative and
    linear: no recursion on the depth a file chooses."""
    parent = {r["code"].lower(): r.get("parent_code", "").lower() for r in rows}
    level: dict[str, int] = {}
    for start in parent:
        path, node = [], start
        while node in parent and node not in level:
            path.append(node)
            node = parent[node]
            if len(path) > len(parent):  # a cycle (refused by the preview): stop
                raise ValidationError(_("These rows make a cycle in the tree."))
        base = level.get(node, -1) if node in parent else -1
        for depth, code in enumerate(reversed(path), start=base + 1):
            level[code] = depth
    return level


def _insert_many(batch: list[Organization]) -> None:
    """INSERT the organizations with one ``executemany`` and read their ids back by code (the ORM's bulk insert
    spends most of a 20,000-row import building SQL). Values are prepared by the fields themselves, as ``save()``
    would (``pre_save`` fills the timestamps)."""
    from django.db import connection

    fields = [f for f in Organization._meta.concrete_fields if not f.primary_key]
    rows = [[f.get_db_prep_save(f.pre_save(o, add=True), connection) for f in fields] for o in batch]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Organization._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",  # noqa: S608
                           rows)
    ids: dict[str, int] = {}
    codes = [o.code for o in batch]
    for start in range(0, len(codes), 5000):
        ids.update(Organization.objects.filter(code__in=codes[start:start + 5000]).values_list("code", "pk"))
    for o in batch:
        o.pk = ids[o.code]
        o._state.adding = False
        o._state.db = connection.alias


def _create_organizations(actor: User, rows: list[dict[str, str]]) -> int:
    """Create the organizations of a checked file level by level (parents first) with bulk inserts: a
    20,000-row file is a few hundred statements, not 60,000. The tree fields are derived as ``save()`` does."""
    from django.db import IntegrityError

    from salaklang.audit.services import record_many

    by_code = {r["code"].lower(): r for r in rows}
    level = _levels(rows)
    outside = {r.get("parent_code", "").lower() for r in rows} - set(by_code) - {""}
    made: dict[str, Organization] = {o.code.lower(): o for o in Organization.objects.annotate(
        lc=Lower("code")).filter(lc__in=outside)}
    by_level: dict[int, list[str]] = {}
    for code in by_code:
        by_level.setdefault(level[code], []).append(code)
    created: list[Organization] = []
    for depth in sorted(by_level):
        batch = []
        for code in by_level[depth]:
            row = by_code[code]
            parent_code = row.get("parent_code", "").lower()
            parent = made.get(parent_code) if parent_code else None
            if parent_code and parent is None:
                raise ValidationError(_("Unknown parent %(code)s.") % {"code": parent_code.upper()})
            org = Organization(code=row["code"], kind=row["kind"], parent=parent, name_th=row["name_th"],
                               name_en=row.get("name_en", ""), short_name=row.get("short_name", ""),
                               letter_prefix=row.get("letter_prefix", ""), registry_code=row.get("registry_code", ""))
            org.clean_fields(exclude=["parent", "province"])
            org.clean()
            org.derive_tree_fields()
            batch.append(org)
        try:
            with transaction.atomic():
                _insert_many(batch)
        except IntegrityError:
            raise ValidationError(_("A code of the file has just been used by someone else: nothing was imported."))\
                from None
        provinces = [o.pk for o in batch if o.kind == Organization.Kind.PROVINCE]
        if provinces:
            Organization.objects.filter(pk__in=provinces).update(province_id=models.F("pk"))
            for o in batch:
                if o.kind == Organization.Kind.PROVINCE:
                    o.province_id = o.pk
        for o in batch:
            made[o.code.lower()] = o
        created.extend(batch)
    record_many(actor=actor, action=AuditEntry.Action.CREATE, verb="organization_imported", items=[
        (o, {"code": [None, o.code], "parent": [None, o.parent.code if o.parent_id else None]}) for o in created])
    return len(created)


def template_csv(kind: str) -> bytes:
    columns, _required = KINDS[kind]
    example = {
        "organizations": ["PNA-EXAMPLE", "agency", "PNA", "สำนักงานตัวอย่างจังหวัดพังงา", "Example Office", "สตย.พง", "", "0099"],
        "people": ["pn.example", "นางสาว", "ตัวอย่าง", "ทดสอบ", "Example", "Test", "นักวิชาการ", "example@example.go.th",
                   "0 7641 0000", "PNA-TOUR", "agency_coordinator"],
    }[kind]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerow(example)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook

    columns, _required = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = kind
    ws.append(columns)
    rows = list(csv.reader(io.StringIO(template_csv(kind).decode("utf-8-sig"))))
    ws.append(rows[1])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
