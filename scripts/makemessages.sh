#!/usr/bin/env bash
# Refresh the th and en catalogues: one per app (salaklang/<app>/locale) plus the site-wide one (locale/)
# for templates/ and config/. Then fill in the Thai msgstr of new entries and run `make messages`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
for app in salaklang/*/; do
  app=${app%/}
  [ -f "$app/apps.py" ] || continue
  mkdir -p "$app/locale"
  (cd "$app" && "../../$PY" ../../manage.py makemessages -l th -l en --no-obsolete --no-location -i "tests/*" -i "migrations/*" >/dev/null)
done
mkdir -p locale
"$PY" manage.py makemessages -l th -l en --no-obsolete --no-location -i ".venv/*" -i "salaklang/*" -i "bench/*" -i "var/*" >/dev/null
echo "catalogues refreshed"
