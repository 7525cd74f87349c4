from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        # The register answers criteria's questions through criteria's extension points.
        from thidua.awards import criteria_links, unit_links

        criteria_links.register()
        unit_links.register()
