"""The public offer pages, read through the shared cache (issue 17).

Anyone may open them, and each visit counted the running allocations of the country
(0.15–0.35 s at national scale). What they show is kept for at most OFFER_CACHE_SECONDS
per network, day and language, so an approval shows within that time. What the public
sees of a person never outlives their choice: a save of a psychologist or of their name,
and a change of their themes, forget every cached offer at once (an erasure saves both).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone, translation
from redis.exceptions import RedisError

from portal.cache import get_or_render
from portal.models import Network, Psychologist, User

logger = logging.getLogger(__name__)

OFFER_CACHE_SECONDS = 300
ALL_NETWORKS = "networks"
# What a User save may change of a listed psychologist (a login only writes last_login).
PUBLIC_USER_FIELDS = {"first_name", "last_name", "is_active"}


def _key(name, day, language: str) -> str:
    return f"offer:{name}:{day}:{language}"


def cached(name, read):
    """`read()` for the offer `name` (a network's pk, or ALL_NETWORKS), through the cache."""
    key = _key(name, timezone.localdate(), translation.get_language())
    return get_or_render(key, read, OFFER_CACHE_SECONDS)


def forget_all() -> None:
    """Drop every cached offer of today, in every language."""
    day = timezone.localdate()
    names = [ALL_NETWORKS, *Network.objects.values_list("pk", flat=True)]
    keys = [_key(name, day, code) for name in names for code, _label in settings.LANGUAGES]
    try:
        cache.delete_many(keys)
    except RedisError:
        logger.warning("Cache unavailable; cached offers expire on their own", exc_info=True)


def follow() -> None:
    """Forget the cached offers whenever what they show of a person may have changed."""

    def psychologist_saved(sender, instance, **kwargs) -> None:
        forget_all()

    def user_saved(sender, instance, update_fields=None, **kwargs) -> None:
        if update_fields is not None and not PUBLIC_USER_FIELDS & set(update_fields):
            return
        if Psychologist.objects.filter(user=instance).exists():
            forget_all()

    for signal, receiver, sender in (
        (post_save, psychologist_saved, Psychologist),
        (post_save, user_saved, User),
        (m2m_changed, psychologist_saved, Psychologist.themes.through),
    ):
        signal.connect(receiver, sender=sender, weak=False, dispatch_uid=f"offer:{sender}")
