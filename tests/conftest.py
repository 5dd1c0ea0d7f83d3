"""Shared fixtures: databases, the Celery broker, and a skip report for missing services.

Tests marked `postgres` need PostgreSQL (row locks), tests marked `redis` need a Redis
broker, tests marked `html_checker` need Java (the Nu HTML checker), tests marked `gettext`
need GNU gettext (`makemessages` compares the code's strings with the catalogues). Without them they are
skipped with a reason that names the missing service; `.ci/run` fails the build if any
such skip happens.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from portal.celery import app as celery_app

MISSING_SERVICE = "needs-service"


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL") or settings.REDIS_URL or "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    parsed = urlparse(redis_url())
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def missing_services() -> dict[str, str]:
    """Marker → name of the service that is not there."""
    missing = {}
    if connection.vendor != "postgresql":
        missing["postgres"] = "PostgreSQL"
    if not redis_answers():
        missing["redis"] = "Redis"
    if not os.path.exists(chromium_path()):
        missing["e2e"] = "Chromium"
    if not shutil.which("java"):
        missing["html_checker"] = "Java"
    if not shutil.which("xgettext"):
        missing["gettext"] = "gettext"
    return missing


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    missing = missing_services()
    needed = {name for marker, name in missing.items() if any(marker in i.keywords for i in items)}
    if needed and os.environ.get("REQUIRE_SERVICES"):
        pytest.exit(
            f"REQUIRE_SERVICES is set but these are missing: {', '.join(sorted(needed))}", 2
        )
    for item in items:
        for marker, name in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=f"{MISSING_SERVICE}: {name}"))


# The apps whose migrations seed rows (calls and their editions, rates).
PROJECT_APPS = ("portal", "applications", "registrations", "billing")


@pytest.fixture(scope="session")
def seeded_rows(django_db_setup, django_db_blocker) -> str:
    """What the migrations seeded in the project's apps, read once from the fresh test
    database (Django's serializer: the rows as they are now, whatever the migrations did)."""
    from django.apps import apps
    from django.core import serializers

    with django_db_blocker.unblock():
        rows = [
            row
            for label in PROJECT_APPS
            for model in apps.get_app_config(label).get_models()
            for row in model._default_manager.order_by("pk")
        ]
        return serializers.serialize("json", rows)


def restore(seeded: str) -> None:
    from django.core import serializers
    from django.db import transaction

    with transaction.atomic():
        for row in serializers.deserialize("json", seeded):
            row.save()


@pytest.fixture(autouse=True)
def _reseed_after_flush(request):
    """Transactional tests flush every table after each test, seeds included: put them back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        seeded = request.getfixturevalue("seeded_rows")
        request.getfixturevalue("transactional_db")
        restore(seeded)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (cached overviews of an earlier test's ids)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Uploads (and the demo's agreement PDF) go to a directory of this test only.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Mail goes through the outbox as in production; its transport is Django's test outbox.
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_always_eager = True
    # Eager background tasks run in the request: a thread would not see the test's data.
    settings.EAGER_TASKS_IN_THREAD = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
