"""The Docker stack: docker-compose.yml describes the five services on one image.

No Docker engine is needed: the file is parsed with PyYAML, and `docker compose config`
(or the older `docker-compose config`) validates it when the client is installed.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")


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


def test_compose_has_the_five_services(services):
    assert set(services) == {"db", "redis", "web", "worker", "beat"}


def test_web_worker_and_beat_run_the_same_image(services):
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


def test_web_prepares_the_database_and_static_files_before_gunicorn(services):
    command = " ".join(services["web"]["command"])
    steps = ["migrate", "compile_translations", "collectstatic", "demo", "gunicorn portal.wsgi"]
    positions = [command.index(step) for step in steps]
    assert positions == sorted(positions)


def test_worker_and_beat_run_celery(services):
    assert services["worker"]["command"].startswith("celery -A portal worker")
    assert services["beat"]["command"].startswith("celery -A portal beat")


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
