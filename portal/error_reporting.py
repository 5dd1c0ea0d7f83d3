"""Optional error reporting to Sentry (or a service that speaks its protocol, such as
GlitchTip): off unless SENTRY_DSN is set; settings.py calls `init` once per process.

The portal holds data about clients and psychologists, so the report carries the error
and its stack only: no user, IP address or cookies (`send_default_pii=False`), no request
body (a form's free text) and no local variables of the stack frames (a loaded
registration). Celery tasks are reported too: the worker reads the same settings.
"""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        environment=environment or None,
    )
