from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardCatalogueConfig(AppConfig):
    """Award forms, who may award them and the money they carry, each dated with its source.
    Read by criteria, nominations, councils and awards; imports none of them."""

    name = "thidua.award_catalogue"
    label = "award_catalogue"
    verbose_name = _("Award catalogue")
