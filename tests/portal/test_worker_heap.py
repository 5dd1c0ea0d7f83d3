"""A web worker freezes what it holds once loaded (portal.wsgi): the cyclic garbage
collector's full collections then walk only what requests allocate, which took the long
tails off every page (issue 17)."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = "import gc, portal.wsgi; print(gc.get_freeze_count())"


def test_loading_the_web_application_freezes_what_it_holds():
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert int(result.stdout.strip().splitlines()[-1]) > 10_000
