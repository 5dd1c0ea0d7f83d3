from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self):
        from portal import checks, outbox  # noqa: F401 - registers the checks, the eager sender
        from portal.cache_versions import DIRECTORY
        from portal.celery import app
        from portal.models import Findplace, Network
        from portal.user_cache import follow as forget_cached_users_on_change

        forget_cached_users_on_change()
        DIRECTORY.follow(Network)
        DIRECTORY.follow(Findplace)

        # Every app's tasks registered in this process too, not only in a worker: the
        # services enqueue tasks by name (portal.queueing), never importing them.
        app.autodiscover_tasks(force=True)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin on PortalAdminSite (the second factor for administrators)."""

    default = False  # only where settings name it; "portal" itself stays PortalConfig
    default_site = "portal.admin_site.PortalAdminSite"
