"""`python -m benchmarks.run [--smoke] [--scale F] [--reuse]`: the benchmarks of issue 7.

Creates a fresh PostgreSQL database (BENCH_DATABASE_URL, default art8_bench; smoke:
art8_benchsmoke), migrates it, loads national-scale data with the load generator and
measures billing, registering, selectors, pages, PDFs, throughput, every page over HTTP
and throughput with many users against their targets. Writes benchmarks/results.json and
prints a table. Smoke mode uses a tiny scale and iteration counts and asserts nothing
about speed: it exits non-zero only on a crash.
"""

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/{name}"
FULL_DB, SMOKE_DB = "art8_bench", "art8_benchsmoke"
LOAD_TARGET_SECONDS = 600  # at scale 1
SEED = 2026


def log(message: str) -> None:
    print(message, flush=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny scale, seconds, no targets")
    parser.add_argument("--scale", type=float, help="load scale (default 1; smoke 0.002)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database and its data if already loaded"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.scale is None:
        args.scale = 0.002 if args.smoke else 1.0
    return args


def configure_environment(smoke: bool) -> dict:
    """Environment of this process and of gunicorn; set before django.setup()."""
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL.format(
        name=SMOKE_DB if smoke else FULL_DB
    )
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"benchmarks: PostgreSQL required; BENCH_DATABASE_URL is {url!r}.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ["DATABASE_URL"] = url
    # Production settings: no DEBUG (no query log, cached templates, hashed static files).
    os.environ["DEBUG"] = "0"
    os.environ["SESSION_COOKIE_SECURE"] = "0"  # plain http on loopback
    os.environ["CSRF_COOKIE_SECURE"] = "0"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["STATIC_ROOT"] = str(BASE_DIR / "var" / "bench-static")
    os.environ["MEDIA_ROOT"] = str(BASE_DIR / "var" / "bench-media")
    os.environ["LOG_LEVEL"] = "WARNING"
    # Tasks run eagerly in-process and mail goes nowhere: nothing leaves the machine.
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ["REDIS_URL"] = ""
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    (BASE_DIR / "var").mkdir(exist_ok=True)
    return dict(os.environ)


def recreate_database(url: str) -> None:
    """DROP and CREATE the benchmark database, connected to the `postgres` database."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def static_manifest_stale() -> bool:
    """Is the collected manifest older than a static file or the last `make install`?"""
    manifest = Path(os.environ["STATIC_ROOT"]) / "staticfiles.json"
    if not manifest.exists():
        return True
    sources = [p for p in (BASE_DIR / "static").rglob("*") if p.is_file()]
    sources.append(BASE_DIR / ".venv" / ".installed")
    newest = max((p.stat().st_mtime for p in sources if p.exists()), default=0)
    return newest > manifest.stat().st_mtime


def prepare(args, url: str) -> dict:
    """Database, migrations, static files and the load; returns the setup figures."""
    from django.core.management import call_command

    started = time.perf_counter()
    if not args.reuse:
        log(f"Creating database {url.rsplit('/', 1)[-1]} …")
        recreate_database(url)
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("benchmarks: PostgreSQL required.")
    call_command("migrate", verbosity=0, interactive=False)
    # DEBUG is off: templates need the hashed static file manifest (8 s: only when stale).
    if static_manifest_stale():
        call_command("collectstatic", verbosity=0, interactive=False)
    setup_seconds = time.perf_counter() - started

    from benchmarks.loadgen import LOAD_PREFIX, LoadGenerator, Scale
    from portal.models import Network

    load = {"scale": args.scale, "seed": args.seed, "setup_seconds": round(setup_seconds, 2)}
    if Network.objects.filter(code__startswith=LOAD_PREFIX).exists():
        log("Load data already present (--reuse): not loaded again.")
        load["reused"] = True
        return load
    log(f"Loading scale {args.scale:g} …")
    started = time.perf_counter()
    counts = LoadGenerator(Scale.of(args.scale), seed=args.seed, log=log).run()
    load["seconds"] = round(time.perf_counter() - started, 2)
    load["counts"] = counts
    started = time.perf_counter()
    load["analyzed_tables"] = vacuum_analyze_loaded_tables()
    load["vacuum_analyze_seconds"] = round(time.perf_counter() - started, 2)
    log(
        f"  {', '.join(f'{v:,} {k}' for k, v in counts.items())} in {load['seconds']:.1f} s "
        f"(VACUUM ANALYZE {load['vacuum_analyze_seconds']:.1f} s)"
    )
    return load


def vacuum_analyze_loaded_tables() -> int:
    """VACUUM ANALYZE every table the load filled, as autovacuum soon would in production.

    Tables nobody wrote to (invoices before the first run) are left alone, as autovacuum
    leaves them: statistics that call such a table empty make PostgreSQL keep planning its
    lookups as full scans while a billing run fills it (8 s of foreign-key checks on the
    invoice items at scale 1, benchmarks/README.md).
    """
    from django.db import connection
    from psycopg import sql

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        filled = []
        for table in tables:
            cursor.execute(
                sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))
            )
            if cursor.fetchone()[0]:
                filled.append(table)
        for table in filled:
            cursor.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
    return len(filled)


def main(argv=None) -> int:
    args = parse_args(argv)
    env = configure_environment(args.smoke)
    url = os.environ["DATABASE_URL"]
    sys.path.insert(0, str(BASE_DIR))
    started = time.perf_counter()
    load = prepare(args, url)

    from django.db import connection

    from benchmarks import billing_suite, http_suite, many_users, page_suite, pdf_suite, suites
    from benchmarks.report import Figure, Target, machine_info, table

    counts = suites.SMOKE if args.smoke else suites.FULL
    figures: list[Figure] = []
    if "seconds" in load:
        figures.append(
            Figure(
                "load_seconds",
                f"0. Load generator, scale {args.scale:g} (s)",
                load["seconds"],
                "s",
                # The target is set for scale 1; other scales are reported only.
                target=Target("<", LOAD_TARGET_SECONDS) if args.scale == 1 else None,
                details=load,
            )
        )
    steps = [
        ("1. Billing run", billing_suite.billing_run),
        ("2. Registration service", suites.registration_service),
        ("3a. remaining_minutes", suites.remaining_minutes),
        ("3b. Pages", page_suite.pages),
        ("4. PDFs", pdf_suite.pdfs),
        ("5. Throughput", lambda c, lg: page_suite.throughput(c, lg, env)),
    ]
    over_http = http_suite.HttpBench(env)
    steps += [
        ("6. Every page over HTTP", over_http.pages),
        ("7. First request of a fresh worker", over_http.first_requests),
        ("8. Many users and a slow page", lambda c, lg: many_users.many_users(over_http, c, lg)),
    ]
    crashed = []
    for title, step in steps:
        log(f"{title} …")
        try:
            figures += step(counts, log)
        except Exception:
            traceback.print_exc()
            crashed.append(title)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    results = {
        "mode": "smoke" if args.smoke else "full",
        "scale": args.scale,
        "database": url.rsplit("/", 1)[-1],
        "machine": machine_info(postgres),
        "load": load,
        "conn_max_age": os.environ.get("CONN_MAX_AGE", "0"),
        "total_seconds": round(time.perf_counter() - started, 1),
        "crashed": crashed,
        "figures": [f.as_dict() for f in figures],
    }
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    machine = results["machine"]
    log("")
    log(
        f"{'Smoke' if args.smoke else 'Benchmark'} results, scale {args.scale:g}, "
        f"{machine['nproc']} × {machine['cpu_model']}, {machine['memory_gib']} GiB, "
        f"PostgreSQL {postgres}, Python {machine['python']}"
    )
    log(table(figures, enforce=not args.smoke))
    missed = [f.key for f in figures if f.passed is False]
    log("")
    if args.smoke:
        log("Smoke mode: targets are not checked.")
    else:
        log(
            f"{len(missed)} target(s) missed: {', '.join(missed)}" if missed else "All targets met."
        )
    log(f"Written to {args.output} in {results['total_seconds']:.0f} s.")
    if crashed:
        log(f"CRASHED: {', '.join(crashed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
