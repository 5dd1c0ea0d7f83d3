"""benchmarks.many_users: the wrk script rotates through every session cookie and counts
what is not 200, and the sessions made in bulk sign their users in."""

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.urls import reverse

from benchmarks.many_users import bulk_session_cookies, lua_script, run_rotating
from tests.factories import PsychologistFactory

COOKIES = [f"sessionid=key{n}" for n in range(5)]
WRK = shutil.which("wrk")


class Recorder(BaseHTTPRequestHandler):
    """Answers 200, or 302 to the cookie `refused`, and records every Cookie header."""

    protocol_version = "HTTP/1.1"
    seen: list[str] = []
    refused = ""

    def do_GET(self):
        cookie = self.headers.get("Cookie", "")
        type(self).seen.append(cookie)
        self.send_response(302 if cookie == type(self).refused else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    Recorder.seen, Recorder.refused = [], ""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_script_lists_every_cookie_once_and_rotates_through_them():
    script = lua_script("/mijn/", COOKIES)

    assert all(script.count(f'"{cookie}"') == 1 for cookie in COOKIES)
    assert "cookies[(counter - 1) % #cookies + 1]" in script
    assert 'wrk.format("GET", "/mijn/", headers)' in script


@pytest.mark.parametrize(
    "wrk",
    [
        pytest.param(WRK, marks=pytest.mark.skipif(WRK is None, reason="no wrk"), id="wrk"),
        pytest.param(None, id="python"),
    ],
)
def test_each_tool_sends_every_cookie_in_turn(recorder, wrk):
    result = run_rotating(wrk, recorder.server_port, "/healthz/", COOKIES, 1)

    assert set(Recorder.seen) == set(COOKIES)
    assert result["requests"] >= len(COOKIES)
    assert result["non_2xx"] == 0


@pytest.mark.skipif(WRK is None, reason="wrk is not installed")
def test_an_answer_that_is_not_200_fails_the_measurement(recorder):
    Recorder.refused = COOKIES[2]
    with pytest.raises(RuntimeError, match="not 200"):
        run_rotating(WRK, recorder.server_port, "/healthz/", COOKIES, 1)


@pytest.mark.django_db
def test_a_session_made_in_bulk_signs_its_user_in(client):
    psychologist = PsychologistFactory()
    (cookie,) = bulk_session_cookies([psychologist.user])
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]

    response = client.get(reverse("password_change_done"))

    assert response.status_code == 200
    assert response.wsgi_request.user == psychologist.user
