from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "thidua.works"
    label = "works"
    verbose_name = _("Works")

    def ready(self) -> None:
        # The unit page lists the works of a unit's predecessors (units.extensions).
        from thidua.works import unit_links

        unit_links.register()

        # The closing page of a movement lists the works and reviews still open.
        from thidua.works import lifecycle_links

        lifecycle_links.register()
