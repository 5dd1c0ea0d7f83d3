"""The signed-in user, read through the shared cache (issue 17: every page read the user
and their roles from the database).

Only with a shared cache (`USER_CACHE_SECONDS`, on by default with CACHE_URL): a copy
per process could not be forgotten by the others. The copy holds the user row, their
roles and their networks, never the psychologist profile (its data version changes
through bulk updates that send no signal). It is forgotten at once when any of them
changes — a save or delete of the user (a password, `is_active`, a login), a change of
their groups or networks, the two services that write the user with an update — and
lives at most USER_CACHE_SECONDS whatever happens, which also bounds the rare race of a
copy read just before a change and stored just after it. A cache error only logs: the
database answers.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from redis.exceptions import RedisError

from portal.models import User

logger = logging.getLogger(__name__)


def _key(user_id) -> str:
    return f"signed-in-user:{user_id}"


def enabled() -> bool:
    return settings.USER_CACHE_SECONDS > 0


def get(user_id) -> User | None:
    """The cached copy of the user, or None (not cached, off, or the cache failed)."""
    if not enabled():
        return None
    try:
        return cache.get(_key(user_id))
    except RedisError:
        logger.warning("Cache unavailable; reading the user from the database", exc_info=True)
        return None


def load(user_id) -> User | None:
    """The user from the database with their roles and networks, stored for next time."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    user.roles  # noqa: B018 - read now, so the copy carries them
    user.network_ids  # noqa: B018
    try:
        cache.set(_key(user_id), user, settings.USER_CACHE_SECONDS)
    except RedisError:
        logger.warning("Cache unavailable; the user is not cached", exc_info=True)
    return user


def forget(*user_ids) -> None:
    if not enabled() or not user_ids:
        return
    try:
        cache.delete_many([_key(user_id) for user_id in user_ids])
    except RedisError:
        logger.warning("Cache unavailable; cached users expire on their own", exc_info=True)


def follow() -> None:
    """Forget a user's copy whenever what it holds may have changed."""

    def user_changed(sender, instance, **kwargs) -> None:
        forget(instance.pk)

    def membership_changed(sender, instance, pk_set=None, **kwargs) -> None:
        if isinstance(instance, User):
            forget(instance.pk)
        elif pk_set:
            forget(*pk_set)  # from the group's or the network's side

    for signal in (post_save, post_delete):
        signal.connect(user_changed, sender=User, weak=False, dispatch_uid=f"user_cache:{signal}")
    for through in (User.groups.through, User.networks.through):
        m2m_changed.connect(
            membership_changed, sender=through, weak=False, dispatch_uid=f"user_cache:{through}"
        )
