"""Run jobs at the same moment, each in its own thread and database connection."""

import threading

from django.db import connection


def run_at_once(jobs) -> list[Exception | None]:
    """Start every job together; return, per job, the exception it raised or None."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Exception | None] = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 - handed to the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
