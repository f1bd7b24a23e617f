from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "salaklang.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from salaklang.core import sessions  # noqa: F401 — connects the sign-in receiver of the sliding session
