"""Reads of a user's messages."""


def unread_count(*, user) -> int:
    return 0
