from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "demand"
    verbose_name = "Ondersteuningsvragen"

    def ready(self) -> None:
        from demand import offer_cache, pending_cache

        offer_cache.follow()
        pending_cache.follow()
