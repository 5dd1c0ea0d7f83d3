"""`python -m benchmarks.generate_load [--scale F] [--seed N]`: national-scale synthetic data.

Loads the data of the benchmarks (`benchmarks.loadgen`, scale 1 = all 32 Belgian
networks) into the database of DATABASE_URL, as `benchmarks.run` does into its own.
"""

import argparse
import os
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate_load",
        description="Generate realistic synthetic data in bulk (scale 1 = all 32 Belgian networks).",
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from benchmarks.loadgen import LoadGenerator, Scale

    started = time.perf_counter()
    try:
        counts = LoadGenerator(Scale.of(args.scale), seed=args.seed, log=print).run()
    except RuntimeError as error:
        print(f"generate_load: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    print(f"Loaded {summary} in {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
