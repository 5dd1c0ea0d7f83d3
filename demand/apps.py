from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "demand"
    verbose_name = "Ondersteuningsvragen"
