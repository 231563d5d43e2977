"""The registry of document kinds: each app that issues a document declares its kind once."""

_KINDS: dict[str, str] = {}

LETTER = "letter"


def register_kind(code: str, label: str) -> str:
    """Declares a kind (e.g. "certificate", "گواهی") so documents of it can be issued and shown."""
    _KINDS[code] = label
    return code


def kind_label(code: str) -> str:
    return _KINDS.get(code, code)


def is_registered(code: str) -> bool:
    return code in _KINDS


def kind_choices() -> list[tuple[str, str]]:
    # A callable, so a kind registered by another app never needs a migration here.
    return list(_KINDS.items())


register_kind(LETTER, "نامه رسمی")
