from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "thidua.nominations"
    label = "nominations"
    verbose_name = _("Nominations and public notice")

    def ready(self) -> None:
        # The closing page of a movement lists the dossiers still in progress.
        from thidua.nominations import lifecycle_links

        lifecycle_links.register()
