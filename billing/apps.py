from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        from billing.models import Invoice
        from portal.data_version import follow

        follow(Invoice)
