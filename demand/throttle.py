"""Rate limits of the public request form, per IP address and per e-mail address.

Counted with django-ratelimit in the project's cache: Redis when CACHE_URL is set (one
count shared by every process, as in production), else each process's own memory (the
tests, `make run`). The counts are kept under a hash of the address, never the address.
A cache that does not answer lets the request through (logged): the e-mailed confirmation
still keeps a bot's requests out of every inbox, and an outage must not close the form.
"""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def _over(request, group: str, key, rate: str) -> bool:
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    except (OSError, RedisError):
        log.warning("Rate limit %s not counted: the cache does not answer", group)
        return False


def ip_over_limit(request) -> bool:
    """Count one more sending of the form from this IP address; True once over the limit."""
    return _over(request, "demand.request.ip", "ip", settings.DEMAND_REQUESTS_PER_IP)


def email_over_limit(request, email: str) -> bool:
    """Count one more request for this e-mail address; True once over the limit."""
    address = email.strip().lower()
    return _over(
        request,
        "demand.request.email",
        lambda _group, _request: address,
        settings.DEMAND_REQUESTS_PER_EMAIL,
    )
