from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top of the house: the Trạm Tấu demo (`load_demo`) and the benchmark (`bench`)
    compose the domain apps through their services. Nothing below imports it."""

    name = "thidua.demo"
    label = "demo"
    verbose_name = _("Demo and benchmark")
