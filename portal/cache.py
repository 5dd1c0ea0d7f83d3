"""The cache is an optimisation: when Redis is down or slow, pages render without it."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def get_or_render(key: str, render: Callable[[], T], timeout: int) -> T:
    """The cached value of `key`, or `render()` stored under it; a cache error only logs."""
    try:
        value = cache.get(key)
    except RedisError:
        logger.warning("Cache unavailable; rendering %s without it", key, exc_info=True)
        return render()
    if value is None:
        value = render()
        try:
            cache.set(key, value, timeout)
        except RedisError:
            logger.warning("Cache unavailable; %s not stored", key, exc_info=True)
    return value
