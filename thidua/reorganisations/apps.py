from django.apps import AppConfig


class ReorganisationsConfig(AppConfig):
    name = "thidua.reorganisations"
    label = "reorganisations"
    verbose_name = "Reorganisations"
