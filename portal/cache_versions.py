"""Tokens in the cache that change whenever what a cached page shows of shared data does.

A page cached per user would otherwise have to choose between a short life and stale
names: with a token in its key it can live until its day ends and still show a renamed
findplace, or a withdrawn proposal, at once. Each app names the models behind a token from
AppConfig.ready(); a committed save or delete then draws a new one. Bulk updates send no
signal: whoever does one calls `change_on_commit()`. A cache error only logs: pages then
render without the cache anyway.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
UNAVAILABLE = "unavailable"


class CacheVersion:
    def __init__(self, name: str):
        self.name = name
        self.key = f"cache-version:{name}"

    def current(self) -> str:
        """The token as it is now; drawn (and kept) when the cache has none."""
        try:
            token = cache.get(self.key)
            if token is None:
                cache.add(self.key, secrets.token_hex(6), None)
                token = cache.get(self.key)
        except RedisError:
            logger.warning("Cache unavailable; no %s version", self.name, exc_info=True)
            return UNAVAILABLE
        return token or UNAVAILABLE

    def change(self) -> None:
        """A new token, so nothing cached under the old one is read again."""
        try:
            cache.set(self.key, secrets.token_hex(6), None)
        except RedisError:
            logger.warning("Cache unavailable; %s version not changed", self.name, exc_info=True)

    def change_on_commit(self) -> None:
        # After the commit: a page rendered in between would otherwise be cached under
        # the new token with the data as it was before.
        transaction.on_commit(self.change)

    def follow(self, model: type[Model]) -> None:
        """A new token after every committed save or delete of `model`."""

        def changed(sender, **kwargs) -> None:
            self.change_on_commit()

        for signal in (post_save, post_delete):
            signal.connect(
                changed,
                sender=model,
                weak=False,
                dispatch_uid=f"cache_version:{self.name}:{model._meta.label}",
            )


# The names every psychologist's pages show: networks, findplaces, calls and editions. A
# restore changes it too: the restored data versions of the psychologists go back.
DIRECTORY = CacheVersion("directory")
