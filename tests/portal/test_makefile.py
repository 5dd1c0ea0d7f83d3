"""`make run` for a newcomer: another port through PORT, and a demo step that sends its
e-mails nowhere and logs only errors, so its last output is the table of logins."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def dry_run(**env) -> str:
    """The commands `make run` would run (make -n runs nothing); an empty value unsets."""
    environment = {key: value for key, value in {**os.environ, **env}.items() if value}
    result = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_serves_on_the_port_given_in_port_and_8000_without():
    assert "runserver 127.0.0.1:8010" in dry_run(PORT="8010")
    assert "runserver 127.0.0.1:8000" in dry_run(PORT="")


def test_the_demo_step_silences_its_e_mails_and_info_logs():
    [demo] = [line for line in dry_run().splitlines() if "manage.py demo" in line]

    assert "EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend" in demo
    assert "LOG_LEVEL=ERROR" in demo
