from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"

    def ready(self) -> None:
        from portal.data_version import follow
        from registrations import usage
        from registrations.models import Registration

        follow(Registration)
        usage.follow()
