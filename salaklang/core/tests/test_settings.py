"""The production defaults are safe without any configuration (settings read in a clean process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({'debug': s.DEBUG, 'secure': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE, "
    "'db': s.DATABASES['default']['ENGINE'], 'tasks': s.TASKS['default']['BACKEND'], "
    "'csp': s.SECURE_CSP['script-src'], 'mw': s.MIDDLEWARE}))"
)


def settings_in_clean_process(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG", "SALAKLANG_DEV", "DATABASE_URL",
                                                             "SECURE_COOKIES"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SALAKLANG_VAR_DIR": str(tmp_path)}, **env)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_defaults_are_secure(tmp_path):
    s = settings_in_clean_process(tmp_path)
    assert s["debug"] is False
    assert s["secure"] is True and s["csrf"] is True
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django.middleware.csrf.CsrfViewMiddleware" in s["mw"]
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in s["mw"]
    assert "'unsafe-inline'" not in s["csp"]
    assert (tmp_path / "secret_key").exists()


def test_database_url_selects_postgresql(tmp_path):
    s = settings_in_clean_process(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert s["db"] == "django.db.backends.postgresql"


def test_development_mode(tmp_path):
    s = settings_in_clean_process(tmp_path, SALAKLANG_DEV="1")
    assert s["debug"] is True and s["secure"] is False


def test_local_run_is_not_debug_but_works_over_plain_http(tmp_path):
    """`make run` (SALAKLANG_LOCAL=1): no debug pages, yet the cookies work on http://127.0.0.1."""
    s = settings_in_clean_process(tmp_path, SALAKLANG_LOCAL="1")
    assert s["debug"] is False
    assert s["secure"] is False and s["csrf"] is False
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in s["mw"]


def test_base_url_comes_from_the_environment(tmp_path):
    probe = ("import django; from django.conf import settings as s; django.setup(); "
             "from salaklang.core.links import absolute_url; print(s.BASE_URL, absolute_url('/calls/3/'))")
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "BASE_URL"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SALAKLANG_VAR_DIR": str(tmp_path)})
    run = lambda **env: subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env={**clean, **env},  # noqa: E731
                                       capture_output=True, text=True, check=True).stdout.split()[-2:]
    assert run() == ["http://127.0.0.1:8000", "http://127.0.0.1:8000/calls/3/"]
    assert run(BASE_URL="https://salaklang.phangnga.go.th/") == [
        "https://salaklang.phangnga.go.th", "https://salaklang.phangnga.go.th/calls/3/"]
