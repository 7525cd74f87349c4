from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The top of the house: the home page composes what each domain app says is on the
    user's desk. Nothing below imports it."""

    name = "thidua.desk"
    label = "desk"
    verbose_name = _("Desk")
