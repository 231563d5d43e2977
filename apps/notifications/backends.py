"""SMS backends, chosen by the dotted path in KHEDMAT_SMS_BACKEND; e-mail uses Django's own backends."""

import json
import threading
import urllib.request
from urllib.error import HTTPError

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

GATEWAY_TIMEOUT_SECONDS = 10


class SmsBackend:
    """An SMS backend sends one text to one mobile number and raises when it could not."""

    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    """Prints each SMS; the default for the embedded mode and development."""

    def send(self, *, to: str, text: str) -> None:
        print(f"SMS to {to}: {text}", flush=True)


class FileSmsBackend(SmsBackend):
    """Appends one line per SMS to KHEDMAT_SMS_FILE_PATH, for a test or a demo to read back."""

    _lock = threading.Lock()

    def send(self, *, to: str, text: str) -> None:
        line = f"{timezone.now().isoformat()}\t{to}\t{' '.join(text.split())}\n"
        with self._lock, open(settings.KHEDMAT_SMS_FILE_PATH, "a", encoding="utf-8") as fh:
            fh.write(line)


class HttpSmsGatewayBackend(SmsBackend):
    """POSTs {"to", "text"} as JSON with a bearer token to KHEDMAT_SMS_GATEWAY_URL."""

    def __init__(self):
        if not settings.KHEDMAT_SMS_GATEWAY_URL:
            raise ImproperlyConfigured("KHEDMAT_SMS_GATEWAY_URL is required by HttpSmsGatewayBackend")
        self.url = settings.KHEDMAT_SMS_GATEWAY_URL
        self.token = settings.KHEDMAT_SMS_GATEWAY_TOKEN

    def send(self, *, to: str, text: str) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The URL is the operator's own setting, never user input.
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"to": to, "text": text}, ensure_ascii=False).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=GATEWAY_TIMEOUT_SECONDS) as response:
                status = response.status
        except HTTPError as exc:
            raise RuntimeError(f"SMS gateway answered HTTP {exc.code}") from exc
        # urlopen already raises for 4xx/5xx; a 1xx/3xx left unfollowed is no delivery either.
        if not 200 <= status < 300:
            raise RuntimeError(f"SMS gateway answered HTTP {status}")


def get_sms_backend() -> SmsBackend:
    """A fresh instance of the configured backend (read on each call so tests can override it)."""
    return import_string(settings.KHEDMAT_SMS_BACKEND)()
