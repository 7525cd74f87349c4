from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "thidua.interchange"
    label = "interchange"
