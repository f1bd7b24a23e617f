import io

import pytest
from django.core.management import CommandError, call_command

from salaklang.api.models import ApiKey


def test_issue_list_and_revoke(demo):
    out = io.StringIO()
    call_command("api_key", "issue", "--user", "pn.damrongdhama", "--name", "1567 hotline", stdout=out,
                 stderr=io.StringIO())
    raw = out.getvalue().strip()
    assert raw.startswith("slk_") and ApiKey.lookup(raw).user.username == "pn.damrongdhama"
    listing = io.StringIO()
    call_command("api_key", "list", stdout=listing)
    assert raw[:12] in listing.getvalue() and raw not in listing.getvalue()  # only the prefix is shown
    call_command("api_key", "revoke", raw[:12], stdout=io.StringIO())
    assert ApiKey.lookup(raw) is None
    with pytest.raises(CommandError):
        call_command("api_key", "revoke", raw[:12], stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("api_key", "issue", "--user", "nobody", "--name", "x", stdout=io.StringIO())


def test_openapi_document_names_the_api_key_scheme(demo, client_as):
    schema = client_as("opdc").get("/api/v1/schema/?format=json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": "`Authorization: Api-Key <key>` (issued with `manage.py api_key issue`)."}
