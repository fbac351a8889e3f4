from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "hromada.web.stakeholders"
    label = "stakeholders"
    verbose_name = _("Stakeholders")
