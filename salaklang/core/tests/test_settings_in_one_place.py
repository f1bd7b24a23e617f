"""Settings live in config/settings.py only (issue 12, point 6): the application code reads ``settings.NAME``;
it never reads the environment, never supplies its own default for a setting, never hard-codes a page size;
every setting it names exists, and every environment variable config/settings.py reads is in the README."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "salaklang"

FORBIDDEN = {
    "reads the environment": re.compile(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\("),
    "supplies a default for a setting": re.compile(r"getattr\(\s*settings\s*,[^()]*,"),
    "hard-codes a page size": re.compile(r"Paginator\([^\n]*,\s*\d+\s*\)"),
    "hard-codes a rate limit": re.compile(r"(?:\brate=|_post\()\s*[\"']\d+/\d*[smhd][\"']"),
}
SETTING_READ = re.compile(r"\bsettings\.([A-Z][A-Z0-9_]+)")
SETTING_NAMED = re.compile(r"[\"']((?:COMPLAINTS|API|OPEN311|PARTICIPATION|PORTAL|PLANS)_[A-Z0-9_]+)[\"']")
ENV_READ = re.compile(r"(?:os\.environ\.get|os\.environ\[|env_bool|env_list|env_sizes)\(?\s*\"([A-Z0-9_]+)\"")


def app_files():
    for path in sorted(APP.rglob("*.py")):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path


def offences(text: str) -> list[str]:
    return [what for what, pattern in FORBIDDEN.items() if pattern.search(text)]


def test_the_checks_catch_what_they_look_for():
    assert offences('rate = os.environ.get("X") or "1/m"') == ["reads the environment"]
    assert offences('n = getattr(settings, "PAGE", 30)') == ["supplies a default for a setting"]
    assert offences("page = Paginator(qs, 30).get_page(1)") == ["hard-codes a page size"]
    assert offences('@ratelimit(key="ip", rate="5/h", method="POST")') == ["hard-codes a rate limit"]
    assert offences('@participant_post("30/h")') == ["hard-codes a rate limit"]
    assert offences('n = settings.PAGE_SIZES["lists"]; r = getattr(settings, name)') == []


def test_no_app_module_reads_the_environment_or_defaults_a_setting():
    found = [f"{path.relative_to(ROOT)}:{n}: {what}" for path in app_files()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) for what in offences(line)]
    assert found == []


def test_every_setting_the_apps_name_is_defined():
    names = set()
    for path in app_files():
        text = path.read_text(encoding="utf-8")
        names |= set(SETTING_READ.findall(text)) | set(SETTING_NAMED.findall(text))
    assert len(names) > 20  # the scan sees the code
    assert sorted(n for n in names if not hasattr(settings, n)) == []


def test_every_environment_variable_is_documented_in_the_readme():
    read = set(ENV_READ.findall((ROOT / "config" / "settings.py").read_text(encoding="utf-8"))) - {"PYTEST_VERSION"}
    assert {"BASE_URL", "PAGE_SIZES", "COMPLAINTS_RETENTION_DAYS", "OPEN311_READ_RATE"} <= read
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(n for n in read if f"`{n}`" not in readme) == []
