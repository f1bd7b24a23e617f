"""salaklang.core.appconfig: the apps declare what they register; Django still picks each app's own config."""

import pytest
from django.apps import apps

from salaklang.audit import verbs
from salaklang.core import dashboard, nav, workflow
from salaklang.core.appconfig import SalaklangAppConfig

DECLARING = ("agendas", "audit", "calls", "complaints", "openinfo", "organizations", "participation", "plans", "reviews")


@pytest.mark.parametrize("label", DECLARING)
def test_django_picks_the_apps_own_config_not_the_imported_base(label):
    config = apps.get_app_config(label)
    assert isinstance(config, SalaklangAppConfig) and type(config) is not SalaklangAppConfig
    assert config.name == f"salaklang.{label}"


@pytest.mark.parametrize("label", DECLARING)
def test_what_an_app_declares_is_registered(label):
    config = apps.get_app_config(label)
    for verb, text in config.audit_verbs.items():
        assert verbs.label(verb) == str(text)
    for item in config.nav_items():
        assert nav._ITEMS[item.key].url_name == item.url_name
    if config._submodule("workflows") is not None:
        assert any(w.model._meta.app_label == label for w in workflow.registered())
    if (panels := config._submodule("dashboard")) is not None:
        assert panels.panel in dashboard._PANELS
