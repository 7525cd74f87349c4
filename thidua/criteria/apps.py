from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "thidua.criteria"
    label = "criteria"
    verbose_name = _("Criteria and facts")

    def ready(self) -> None:
        # The unit page lists the ratings of a unit's predecessors (units.extensions).
        from thidua.criteria import unit_links

        unit_links.register()
