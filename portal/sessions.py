"""Sessions in the database, read through the shared cache (with CACHE_URL): a signed-in
page then costs no session query (issue #17: the session was read from the database on
every request).

Django's cached_db backend, made safe for a cache that fails: the database stays the
truth (every save and delete writes it first), a cache error on any read or write only
logs, and a cached copy lives at most CACHED_SECONDS. A logout while Redis is unreachable
deletes the database row; the copy it could not delete is gone within that time, and
`get_user` checks the password hash on every request anyway.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

CACHED_SECONDS = 300


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - any cache failure: read the database
            logger.warning("Session cache unavailable; reading the database", exc_info=True)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        self._set_cached(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def save(self, must_create=False):
        super(cached_db.SessionStore, self).save(must_create)
        self._set_cached(self._session, self.get_expiry_age())

    def delete(self, session_key=None):
        super(cached_db.SessionStore, self).delete(session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:  # noqa: BLE001 - the copy expires within CACHED_SECONDS
            logger.warning("Session cache unavailable; cached copy expires", exc_info=True)

    def _set_cached(self, data, expiry_age: int) -> None:
        try:
            self._cache.set(self.cache_key, data, min(expiry_age, CACHED_SECONDS))
        except Exception:  # noqa: BLE001 - the database holds the session
            logger.warning("Session cache unavailable; not cached", exc_info=True)
