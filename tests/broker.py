"""Point the Celery app at another broker for one test: a real Redis, or one that is down."""

import socket
from contextlib import contextmanager

from portal.celery import app


def forget_connections() -> None:
    """Drop the broker pool and result backend built for the previous configuration."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextmanager
def broker_at(url: str):
    """Send tasks to `url` (broker and result store), not eagerly; restore after."""
    keys = ("broker_url", "result_backend", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    forget_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        forget_connections()


def closed_port_url() -> str:
    """A Redis URL on a local port nobody listens on: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
