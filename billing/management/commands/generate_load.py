"""`manage.py generate_load --scale N`: national-scale synthetic data for the benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks.loadgen import LoadGenerator, Scale


class Command(BaseCommand):
    help = "Generate realistic synthetic data in bulk (scale 1 = all 32 Belgian networks)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        started = time.perf_counter()
        try:
            counts = LoadGenerator(Scale.of(scale), seed=seed, log=self.stdout.write).run()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary} in {elapsed:.1f} s."))
