from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "salaklang.plans"
    label = "plans"
    verbose_name = _("HPP action plans and scorecards")
