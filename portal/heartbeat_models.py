"""The worker's heartbeat: one row a Celery worker rewrites every minute, read by /readyz/.

Kept apart from portal/models.py (the directory) so that module stays small; Django finds
the model here because portal/models.py imports this module. See portal/readiness.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time a worker ran the heartbeat task that beat sends every minute.

    A database row, not a cache key: it survives a cache flush or a Redis restart, and
    without CACHE_URL each process has its own in-memory cache, where the web process would
    never see what the worker wrote. One row (pk 1), overwritten: no history grows.
    """

    beat_at = models.DateTimeField(_("laatste hartslag"))

    class Meta:
        verbose_name = _("hartslag van de worker")
        verbose_name_plural = _("hartslagen van de worker")

    def __str__(self) -> str:
        return f"{self.beat_at:%Y-%m-%d %H:%M:%S}"
