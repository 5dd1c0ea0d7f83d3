"""Settings read from the environment: safe defaults, production values, a clean deploy check.

Settings are evaluated once per process, so each case runs Python in a fresh subprocess.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parents[2]
# Variables the settings read; cleared so the machine's own environment cannot leak in.
SETTINGS_VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "CONN_MAX_AGE",
    "CONN_HEALTH_CHECKS",
    "DISABLE_SERVER_SIDE_CURSORS",
    "DATABASE_CONNECT_TIMEOUT",
    "CLIENT_IP_HEADER",
    "WORKER_HEARTBEAT_MAX_AGE",
    "SENTRY_DSN",
    "SENTRY_ENVIRONMENT",
    "SENTRY_TRACES_SAMPLE_RATE",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "SECRET_KEY",
    "DEBUG",
    "REQUIRE_2FA_FOR_STAFF",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "EMAIL_BACKEND",
    "EMAIL_TIMEOUT",
    "EMAIL_MAX_RETRIES",
    "EMAIL_RETRY_MINUTES",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_TLS_PROXY",
    # Set by the browser tests' conftest for Playwright; the deploy check rightly warns on it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]
PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "art8.example.be",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "REQUIRE_2FA_FOR_STAFF": "1",
}


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    env.update(values)
    return env


def read_settings(*names: str, **env: str) -> dict:
    """The values of `names` as a fresh process with this environment sees them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    return fresh_process_json(code, env)


def fresh_process_json(code: str, env: dict) -> dict:
    """The JSON the last line of `code`, run in a fresh process with `env`, prints."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("value", ["1", "true", "Yes", " on "])
def test_env_bool_reads_yes_values_as_true(monkeypatch, value):
    monkeypatch.setenv("ART8_FLAG", value)
    assert env_bool("ART8_FLAG") is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_env_bool_reads_other_values_as_false(monkeypatch, value):
    monkeypatch.setenv("ART8_FLAG", value)
    assert env_bool("ART8_FLAG", default=True) is False


def test_env_bool_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("ART8_FLAG", raising=False)
    assert env_bool("ART8_FLAG", default=True) is True


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ART8_LIST", " a.example.be, ,b.example.be ,")
    assert env_list("ART8_LIST") == ["a.example.be", "b.example.be"]


def test_env_list_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("ART8_LIST", raising=False)
    assert env_list("ART8_LIST", "x,y") == ["x", "y"]


def test_database_defaults_to_sqlite_under_var():
    database = read_settings("DATABASES")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == BASE_DIR / "var" / "db.sqlite3"


def test_database_url_selects_postgresql():
    url = "postgres://art8:geheim@db.example.be:5433/art8"
    database = read_settings("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("art8", "art8", "geheim")
    assert (database["HOST"], database["PORT"]) == ("db.example.be", 5433)


def test_connections_are_checked_before_reuse_by_default():
    database = read_settings("DATABASES")["DATABASES"]["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_behind_pgbouncer_server_side_cursors_can_be_switched_off():
    url = "postgres://art8@pgbouncer:6432/art8"
    env = {"DATABASE_URL": url, "DISABLE_SERVER_SIDE_CURSORS": "1"}
    database = read_settings("DATABASES", **env)["DATABASES"]["default"]
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_an_unreachable_postgresql_fails_a_connection_after_five_seconds():
    url = "postgres://art8@db.example.be:5432/art8"
    database = read_settings("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]
    assert database["OPTIONS"]["connect_timeout"] == 5


def test_the_worker_heartbeat_may_be_five_minutes_old_by_default():
    assert read_settings("WORKER_HEARTBEAT_MAX_AGE") == {"WORKER_HEARTBEAT_MAX_AGE": 300}


def test_the_client_ip_header_is_read_from_the_environment():
    values = read_settings("CLIENT_IP_HEADER", CLIENT_IP_HEADER="X-Real-IP")
    assert values == {"CLIENT_IP_HEADER": "X-Real-IP"}


SENTRY_STATE = (
    "import json, sys, django; django.setup(); loaded = 'sentry_sdk' in sys.modules; "
    "import sentry_sdk; client = sentry_sdk.get_client(); "
    "print(json.dumps({'loaded': loaded, 'active': client.is_active(), "
    "'options': {k: client.options.get(k) for k in ('send_default_pii', "
    "'max_request_body_size', 'include_local_variables', 'traces_sample_rate', "
    "'environment')}, 'integrations': sorted(client.integrations)}))"
)


def sentry_state(**env: str) -> dict:
    """What the error reporting of a fresh process with this environment is (nothing is sent:
    no error is captured, and the DSN's host does not exist)."""
    return fresh_process_json(SENTRY_STATE, env)


def test_without_a_sentry_dsn_no_error_reporting_is_loaded():
    state = sentry_state()
    assert (state["loaded"], state["active"]) == (False, False)


def test_a_sentry_dsn_reports_errors_of_django_and_celery_without_personal_data():
    state = sentry_state(SENTRY_DSN="https://public@example.invalid/1")
    assert state["active"] is True
    assert {"django", "celery"} <= set(state["integrations"])
    assert state["options"] == {
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "traces_sample_rate": 0.0,
        "environment": "production",
    }


def test_sentry_environment_and_trace_sampling_are_read_from_the_environment():
    env = {"SENTRY_ENVIRONMENT": "acceptatie", "SENTRY_TRACES_SAMPLE_RATE": "0.05"}
    state = sentry_state(SENTRY_DSN="https://public@example.invalid/1", **env)
    assert state["options"]["environment"] == "acceptatie"
    assert state["options"]["traces_sample_rate"] == 0.05


def test_celery_runs_eagerly_without_redis():
    values = read_settings("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", REDIS_URL="")
    assert values == {"CELERY_TASK_ALWAYS_EAGER": True, "CELERY_BROKER_URL": ""}


def test_celery_uses_redis_as_broker_when_set():
    url = "redis://127.0.0.1:6379/3"
    values = read_settings("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", REDIS_URL=url)
    assert values == {"CELERY_TASK_ALWAYS_EAGER": False, "CELERY_BROKER_URL": url}


def test_without_cache_url_each_process_has_its_own_cache():
    backend = read_settings("CACHES")["CACHES"]["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_url_shares_one_redis_cache():
    url = "redis://127.0.0.1:6379/1"
    cache = read_settings("CACHES", CACHE_URL=url)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == url


def test_sessions_are_read_through_a_shared_cache():
    engine = read_settings("SESSION_ENGINE", CACHE_URL="redis://127.0.0.1:6379/1")
    assert engine == {"SESSION_ENGINE": "portal.sessions"}


def test_sessions_are_read_from_the_database_without_a_shared_cache():
    engine = read_settings("SESSION_ENGINE")
    assert engine == {"SESSION_ENGINE": "django.contrib.sessions.backends.db"}


def test_language_defaults_to_belgian_dutch():
    assert read_settings("LANGUAGE_CODE") == {"LANGUAGE_CODE": "nl-be"}


def test_time_zone_defaults_to_brussels():
    assert read_settings("TIME_ZONE") == {"TIME_ZONE": "Europe/Brussels"}


def test_email_defaults_to_console_backend():
    backend = read_settings("POST_OFFICE")["POST_OFFICE"]["BACKENDS"]["default"]
    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_every_email_goes_through_the_outbox_whatever_the_transport():
    dummy = "django.core.mail.backends.dummy.EmailBackend"
    values = read_settings("EMAIL_BACKEND", "POST_OFFICE", EMAIL_BACKEND=dummy)
    assert values["EMAIL_BACKEND"] == "post_office.EmailBackend"
    assert values["POST_OFFICE"]["BACKENDS"] == {"default": dummy}


def test_an_smtp_server_that_stops_answering_fails_the_send_after_30_seconds():
    assert read_settings("EMAIL_TIMEOUT") == {"EMAIL_TIMEOUT": 30}


def test_email_retries_are_read_from_the_environment():
    config = read_settings("POST_OFFICE", EMAIL_MAX_RETRIES="3", EMAIL_RETRY_MINUTES="2")
    assert config["POST_OFFICE"]["MAX_RETRIES"] == 3
    assert config["POST_OFFICE"]["RETRY_INTERVAL"] == "0:02:00"


def test_debug_is_off_by_default():
    assert read_settings("DEBUG") == {"DEBUG": False}


def test_deploy_check_is_clean_with_production_values():
    env = clean_env(SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _deploy_check(**values: str) -> subprocess.CompletedProcess:
    env = clean_env(SECRET_KEY=secrets.token_urlsafe(50), **{**PRODUCTION, **values})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_two_factor_for_staff_is_warned_about():
    result = _deploy_check(REQUIRE_2FA_FOR_STAFF="0")
    assert result.returncode != 0
    assert "portal.W001" in result.stdout + result.stderr


def test_debug_without_two_factor_for_staff_is_not_warned_about():
    result = _deploy_check(REQUIRE_2FA_FOR_STAFF="0", DEBUG="1", SECURE_SSL_REDIRECT="0")
    assert "portal.W001" not in result.stdout + result.stderr
