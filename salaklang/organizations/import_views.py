"""Import organizations and people: upload → preview (nothing written) → confirm → result."""

from __future__ import annotations

import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from salaklang.core.services import show_refusal
from salaklang.organizations import access, importing

KIND_LABELS = {"organizations": gettext_lazy("Organizations"), "people": gettext_lazy("People")}
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.csv or .xlsx)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)})
        return f


def _import_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check(request, kind: str) -> None:
    if kind not in importing.KINDS:
        raise Http404
    if not access.can_manage_people(request.user):
        raise PermissionDenied


def _stored(request, token: str) -> tuple[str, bytes]:
    meta = request.session.get("imports", {}).get(token)
    if not meta or not token.isalnum():
        raise Http404
    return meta["name"], (_import_dir() / token).read_bytes()


def import_upload(request, kind: str):
    _check(request, kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            preview = importing.preview(actor=request.user, kind=kind, filename=upload.name, data=data)
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            token = secrets.token_hex(16)
            (_import_dir() / token).write_bytes(data)
            request.session.setdefault("imports", {})[token] = {"name": upload.name, "kind": kind}
            request.session.modified = True
            return render(request, "organizations/import_preview.html",
                          {"kind": kind, "kind_label": KIND_LABELS[kind], "preview": preview, "token": token,
                           "filename": upload.name}, status=200 if preview.ok else 400)
    return render(request, "organizations/import_upload.html",
                  {"form": form, "kind": kind, "kind_label": KIND_LABELS[kind]}, status=400 if form.errors else 200)


@require_POST
def import_confirm(request, kind: str):
    _check(request, kind)
    token = request.POST.get("token", "")
    filename, data = _stored(request, token)
    preview = importing.preview(actor=request.user, kind=kind, filename=filename, data=data)
    if not preview.ok:
        return render(request, "organizations/import_preview.html",
                      {"kind": kind, "kind_label": KIND_LABELS[kind], "preview": preview, "token": token,
                       "filename": filename}, status=400)
    try:
        result = importing.apply(actor=request.user, result=preview)
    except ValidationError as exc:
        show_refusal(request, exc)
        return redirect("org_import:upload", kind=kind)
    (_import_dir() / token).unlink(missing_ok=True)
    request.session.get("imports", {}).pop(token, None)
    request.session.modified = True
    messages.success(request, _("Imported %(n)s row(s).") % {"n": result["created"]})
    return redirect("organizations:people" if kind == "people" else "organizations:tree")


def import_template(request, kind: str, fmt: str):
    _check(request, kind)
    if fmt == "csv":
        response = HttpResponse(importing.template_csv(kind), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(importing.template_xlsx(kind),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="salaklang-{kind}-template.{fmt}"'
    return response
