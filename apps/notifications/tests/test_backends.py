"""The SMS backends: console, file, and the HTTP gateway against a real local server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.notifications.backends import (
    ConsoleSmsBackend,
    FileSmsBackend,
    HttpSmsGatewayBackend,
    get_sms_backend,
)


@pytest.fixture
def gateway(monkeypatch):
    """A tiny SMS gateway on 127.0.0.1 that records each request and answers `status`."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    received = []
    state = {"status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append(
                {
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": json.loads(self.rfile.read(length)),
                }
            )
            self.send_response(state["status"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/send", "received": received, "state": state}
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_console_backend_prints_the_sms(capsys):
    ConsoleSmsBackend().send(to="09121234567", text="پرونده ثبت شد")
    assert "09121234567" in capsys.readouterr().out


def test_the_file_backend_appends_one_line_per_sms(settings, tmp_path):
    settings.KHEDMAT_SMS_FILE_PATH = str(tmp_path / "out.log")
    backend = FileSmsBackend()
    backend.send(to="09121234567", text="پرونده ۱۲۳\nثبت شد")
    backend.send(to="09127654321", text="دومی")

    lines = (tmp_path / "out.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("\t09121234567\tپرونده ۱۲۳ ثبت شد")
    assert lines[1].endswith("\t09127654321\tدومی")


def test_the_gateway_backend_posts_json_with_the_bearer_token(settings, gateway):
    settings.KHEDMAT_SMS_BACKEND = "apps.notifications.backends.HttpSmsGatewayBackend"
    settings.KHEDMAT_SMS_GATEWAY_URL = gateway["url"]
    settings.KHEDMAT_SMS_GATEWAY_TOKEN = "secret-token"

    get_sms_backend().send(to="09121234567", text="پرونده ۱۲۳ ثبت شد")

    [request] = gateway["received"]
    assert request["path"] == "/send"
    assert request["headers"]["Authorization"] == "Bearer secret-token"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert request["body"] == {"to": "09121234567", "text": "پرونده ۱۲۳ ثبت شد"}


def test_the_gateway_backend_raises_when_the_gateway_refuses(settings, gateway):
    settings.KHEDMAT_SMS_GATEWAY_URL = gateway["url"]
    gateway["state"]["status"] = 503

    with pytest.raises(RuntimeError, match="503"):
        HttpSmsGatewayBackend().send(to="09121234567", text="متن")


def test_the_gateway_backend_needs_its_url(settings):
    settings.KHEDMAT_SMS_GATEWAY_URL = ""
    with pytest.raises(ImproperlyConfigured):
        HttpSmsGatewayBackend()
