"""Point the Celery app at another broker for one test, and a broker address that is down."""

import socket
from contextlib import contextmanager

from portal.celery import app


def forget_connections():
    """Drop the broker pool and result backend built for the previous configuration."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextmanager
def celery_configured(**conf):
    """The Celery app with `conf` (broker_url, task_always_eager …), restored afterwards."""
    saved = {key: app.conf[key] for key in conf}
    app.conf.update(conf)
    forget_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        forget_connections()


@contextmanager
def broker_down():
    """Celery as in production (not eager), its broker on a port that refuses connections.

    The port is bound without listening, so nothing else can take it during the test.
    """
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{closed.getsockname()[1]}/0"
        with celery_configured(broker_url=url, result_backend=url, task_always_eager=False):
            yield


def broker_at(url: str):
    """Send tasks to `url` (broker and result store), not eagerly; restored afterwards."""
    return celery_configured(broker_url=url, result_backend=url, task_always_eager=False)
