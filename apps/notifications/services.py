"""System messages: in-app inbox rows and outbox rows for e-mail and SMS, sent after commit."""


def notify_users(*, users, subject: str, body: str, case=None, url: str = "") -> None:
    """Queues a message to each user; nothing is sent before the surrounding transaction commits."""
