"""`manage.py prerender_overviews`: what the nightly job does (applications.overview), at
once — after emptying the cache, say, or to measure it."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from applications import overview


class Command(BaseCommand):
    help = (
        "Render and cache today's overview (/mijn/) of every psychologist who signed in within "
        f"{overview.PRERENDER_ACTIVE_DAYS} days; overviews cached already are left as they are."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        done = overview.prerender(timezone.localdate())
        self.stdout.write(
            f"{done} overviews rendered or found cached in {time.perf_counter() - started:.1f} s"
        )
