from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "thidua.works"
    label = "works"
    verbose_name = _("Works")

    def ready(self) -> None:
        # The closing page of a movement lists the works and reviews still open.
        from thidua.works import lifecycle_links

        lifecycle_links.register()
