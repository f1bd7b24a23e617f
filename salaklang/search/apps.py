from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "salaklang.search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from salaklang.search import (
            checks,  # noqa: F401
            hooks,  # noqa: F401  (connects the one indexing hook)
        )
