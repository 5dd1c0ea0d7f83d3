"""Enqueue a Celery task once the transaction has committed, and survive a broker outage.

The change is committed first; sending its task comes after and may fail when the broker
is down. That must never turn the committed change into an error page: the failure is
logged, the caller is told (`Enqueued.sent`, `on_failure`) and keeps the means to send
the task again later (billing: the run stays queued and the sweeper sends it). The
CELERY_* timeouts in settings make a send to a dead broker give up within a second or two.

Without a broker (eager, `make run`) a task runs in the request that enqueues it; a long
one (`background=True`: the ZIP of a run's PDFs) runs in a thread of the web process
instead, so the page answers at once and follows its progress like with a worker
(`EAGER_TASKS_IN_THREAD`; the tests turn it off and run it in the request).
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, transaction

from portal.celery import app

logger = logging.getLogger(__name__)


@dataclass
class Enqueued:
    """What became of a task: `sent` is None until the transaction commits (and stays None
    on a rollback), then True, or False when the broker could not be reached."""

    sent: bool | None = None
    # The thread running the task, when it runs eagerly in the background.
    thread: threading.Thread | None = None


def enqueue_on_commit(
    task_name: str,
    *args,
    on_failure: Callable[[Exception], None] | None = None,
    background: bool = False,
) -> Enqueued:
    """Send the task registered as `task_name` with `args` after the current transaction
    commits (at once without one).

    By name, so that a service never imports the tasks module that imports it. The task
    is looked up in the app's registry now (an unknown name fails the change, not the
    commit) and sent with `delay`: unlike `send_task`, `delay` honours
    `task_always_eager`, so without a broker (`make run`, the tests) it runs in-process;
    with `background` in a thread of its own (see the module's docstring).
    """
    task = app.tasks[task_name]
    outcome = Enqueued()

    def send() -> None:
        if task.app.conf.task_always_eager:
            if background and settings.EAGER_TASKS_IN_THREAD:
                outcome.thread = _in_thread(task, args)
            else:
                # Run in-process: there is no broker to miss, and the task's own errors show.
                task.delay(*args)
            outcome.sent = True
            return
        try:
            task.delay(*args)
        except Exception as error:  # kombu, redis and the result store each raise their own
            logger.warning(
                "Could not enqueue %s%r, the broker did not answer: %s", task.name, args, error
            )
            outcome.sent = False
            if on_failure is not None:
                on_failure(error)
        else:
            outcome.sent = True

    transaction.on_commit(send)
    return outcome


def _in_thread(task, args) -> threading.Thread:
    """Run an eager task in a daemon thread; its database connection is closed after it
    (Django opens one per thread, and nothing else would close this one)."""

    def work() -> None:
        try:
            task.apply(args=args, throw=True)
        except Exception:
            logger.exception("Background task %s%r failed", task.name, args)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name=f"eager {task.name}", daemon=True)
    thread.start()
    return thread
