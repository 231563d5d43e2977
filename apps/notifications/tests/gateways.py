"""SMS gateways for tests: one that is down and one that works and remembers what it was given.

Tests name them in `settings.KHEDMAT_SMS_BACKEND` by the paths below.
"""


class BrokenSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        raise ConnectionError("gateway unreachable")


class RecordingSmsBackend:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        RecordingSmsBackend.sent.append((to, text))


BROKEN_SMS = f"{__name__}.BrokenSmsBackend"
RECORDING_SMS = f"{__name__}.RecordingSmsBackend"
