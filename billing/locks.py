"""A PostgreSQL session advisory lock on (namespace, id), for work only one process may do
at a time (executing a run, building its ZIP); a no-op on SQLite, which serialises writers.

The lock dies with its connection, so a worker that crashes never leaves it behind: the
recovery sweep (`billing.recovery`) knows a stalled job by a lock nobody holds.
"""

from django.db import connection


class advisory_lock:
    """`with advisory_lock(namespace, key) as acquired:` (False: another process holds it)."""

    def __init__(self, namespace: int, key: int):
        self.keys = [namespace, key]
        self.postgres = connection.vendor == "postgresql"
        self.acquired = False

    def __enter__(self) -> bool:
        if not self.postgres:
            return True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", self.keys)
            self.acquired = cursor.fetchone()[0]
        return self.acquired

    def __exit__(self, *exc) -> None:
        if self.postgres and self.acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", self.keys)
