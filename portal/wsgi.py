import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

from portal.warmup import warm_up  # noqa: E402 - needs the settings get_wsgi_application set up

warm_up()
# What the worker holds once loaded (modules, URLs, catalogues, compiled templates) lives as
# long as it does: out of the cyclic collector's sight, a full collection no longer walks it
# all in the middle of a request (issue 17: HTTP p95 of the review queue 238 → 166 ms,
# of a request 264 → 114 ms; p50 and throughput with 1,000 rotating users unchanged).
gc.freeze()
