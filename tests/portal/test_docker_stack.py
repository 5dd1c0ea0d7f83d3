"""The Docker stack: docker-compose.yml runs the portal scaled out on one image (two web
replicas behind nginx, two workers, one beat, a one-off migrate), gunicorn with threads.

No Docker engine is needed: the file is parsed with PyYAML, and `docker compose config`
(or the older `docker-compose config`) validates it when the client is installed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
APP_SERVICES = ("migrate", "web", "worker", "beat")
NGINX_CONF = BASE_DIR / "deploy" / "nginx.conf"
GUNICORN = "gunicorn portal.wsgi --bind 0.0.0.0:8000 -k gthread --threads 4"


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"]


def compose_command() -> list[str] | None:
    """The compose client of this machine, or None when there is none."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_has_the_services_of_the_scaled_out_stack(services):
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat", "proxy"}


def test_migrate_web_worker_and_beat_run_the_same_image(services):
    images = {(services[name]["image"], str(services[name]["build"])) for name in APP_SERVICES}
    assert len(images) == 1


def test_app_services_use_postgres_and_redis_of_the_stack(services):
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://postgres:postgres@db:5432/")
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["DEBUG"] == "0"


def test_web_keeps_database_connections_and_shares_a_redis_cache(services):
    environment = services["web"]["environment"]
    assert environment["CONN_MAX_AGE"] == "60"
    assert environment["CACHE_URL"] == "redis://redis:6379/1"


def test_app_services_wait_for_a_healthy_database(services):
    assert "healthcheck" in services["db"]
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_schema_is_migrated_once_before_web_workers_and_beat_start(services):
    command = " ".join(services["migrate"]["command"])
    assert command.index("migrate --noinput") < command.index("demo")
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_web_prepares_catalogues_and_static_files_before_gunicorn(services):
    command = " ".join(services["web"]["command"])
    steps = ["compile_translations", "collectstatic", GUNICORN]
    positions = [command.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "migrate" not in command


def test_two_web_replicas_and_two_workers_but_one_beat(services):
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 2
    assert "deploy" not in services["beat"] and "scale" not in services["beat"]


def test_worker_and_beat_run_celery(services):
    assert services["worker"]["command"].startswith("celery -A portal worker")
    assert services["beat"]["command"].startswith("celery -A portal beat")


def test_only_the_proxy_publishes_a_port_and_waits_for_a_live_web(services):
    published = {name for name, service in services.items() if "ports" in service}
    assert published == {"proxy"}
    assert services["proxy"]["ports"] == ["8000:80"]
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "/healthz/" in " ".join(services["web"]["healthcheck"]["test"])


def test_the_proxy_spreads_requests_over_the_web_replicas_and_names_the_client():
    conf = NGINX_CONF.read_text()
    assert "set $web http://web:8000;" in conf and "proxy_pass $web;" in conf
    assert "resolver 127.0.0.11" in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf


def test_the_web_trusts_the_client_address_of_the_proxy_header(services):
    assert services["web"]["environment"]["CLIENT_IP_HEADER"] == "X-Real-IP"


def test_the_proxy_accepts_a_request_as_large_as_the_portal_does():
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", NGINX_CONF.read_text())[1])
    assert megabytes * 1024 * 1024 >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_redis_keeps_the_broker_queue_on_disk(services):
    assert services["redis"]["command"] == ["redis-server", "--appendonly", "yes"]
    assert any(volume.endswith(":/data") for volume in services["redis"]["volumes"])


GUNICORN_READS = (
    "import json, shlex, sys; from gunicorn.config import Config; config = Config(); "
    "parsed = config.parser().parse_args(shlex.split(sys.argv[1])[1:]); "
    "[config.set(k, v) for k, v in vars(parsed).items() if k != 'args' and v is not None]; "
    "print(json.dumps([config.worker_class_str, config.threads, config.workers]))"
)


def gunicorn_reads(command: str, web_concurrency: str) -> list:
    """Worker class, threads and workers as gunicorn parses this command line (a fresh
    process: gunicorn reads WEB_CONCURRENCY when it is imported)."""
    env = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"}
    result = subprocess.run(
        [sys.executable, "-c", GUNICORN_READS, command],
        env={**env, "WEB_CONCURRENCY": web_concurrency},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def dockerfile_command() -> str:
    line = next(
        x for x in (BASE_DIR / "Dockerfile").read_text().splitlines() if x.startswith("CMD")
    )
    return " ".join(yaml.safe_load(line.removeprefix("CMD ")))


def test_the_image_serves_with_threaded_workers_counted_by_web_concurrency():
    assert dockerfile_command() == GUNICORN
    assert "ENV WEB_CONCURRENCY=2" in (BASE_DIR / "Dockerfile").read_text()
    assert gunicorn_reads(dockerfile_command(), "2") == ["gthread", 4, 2]


def test_web_concurrency_of_compose_defaults_to_two_workers(services):
    assert services["web"]["environment"]["WEB_CONCURRENCY"] == "${WEB_CONCURRENCY:-2}"
    assert gunicorn_reads(GUNICORN, "3") == ["gthread", 4, 3]


def test_image_runs_as_a_non_root_user():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim-bookworm" in dockerfile
    user_lines = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user_lines and user_lines[-1] != "USER root"


def test_compose_client_accepts_the_file():
    command = compose_command()
    if command is None:
        pytest.skip("no docker compose client on this machine")
    result = subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config", "--quiet"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
