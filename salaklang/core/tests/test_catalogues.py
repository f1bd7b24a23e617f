"""Thai first: every catalogue is complete (no untranslated or fuzzy entry), and every page's strings are in it."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/th/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_is_a_thai_and_an_english_catalogue_per_app():
    apps = sorted(p.parent.name for p in ROOT.glob("salaklang/*/apps.py"))
    for app in apps:
        assert (ROOT / "salaklang" / app / "locale" / "th" / "LC_MESSAGES" / "django.po").exists(), app
        assert (ROOT / "salaklang" / app / "locale" / "en" / "LC_MESSAGES" / "django.po").exists(), app
    assert (ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=[str(p.relative_to(ROOT)) for p in CATALOGUES])
def test_thai_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"{len(missing)} untranslated in {path.relative_to(ROOT)}: {missing[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=[str(p.relative_to(ROOT)) for p in CATALOGUES])
def test_placeholders_survive_translation(path):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in polib.pofile(str(path)):
        if entry.translated() and not entry.msgid_plural:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(entry.msgstr)), entry.msgid


def test_no_app_shadows_another_apps_translation():
    """Django merges the apps' catalogues into one: the same English string must mean the same Thai
    everywhere, or the first app's translation silently replaces the others' (use pgettext for homonyms)."""
    from django.conf import settings

    apps = [a.rsplit(".", 1)[-1] for a in settings.INSTALLED_APPS if a.startswith("salaklang.")]
    seen: dict = {}
    clashes = []
    for app in apps:
        path = ROOT / "salaklang" / app / "locale" / "th" / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for e in polib.pofile(str(path)):
            if not e.msgstr:
                continue
            key = (e.msgctxt, e.msgid)
            if key in seen and seen[key][1] != e.msgstr:
                clashes.append(f"{app}: {e.msgid!r} = {e.msgstr!r}, but {seen[key][0]} says {seen[key][1]!r}")
            seen.setdefault(key, (app, e.msgstr))
    assert not clashes, "\n".join(clashes)
