from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarDaysConfig(AppConfig):
    name = "thidua.calendar_days"
    label = "calendar_days"
    verbose_name = _("Working-day calendar")
