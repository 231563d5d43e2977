"""The history a person reads: every audit entry as one Persian sentence built from the declarations.

A move of a case reads from its process (the action's label, the steps' labels); any other entry reads
from the phrase its app registers for the action name with `register_label()`, in the app's `history`
module (found by autodiscovery, like Django's admin). Display only: the entries and their hash chain are
never touched.
"""

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from apps.core.digits import to_persian_digits
from apps.core.jalali import MONTH_NAMES, to_jalali

from .actors import SYSTEM_LABEL

# action name (or a pattern with *) → a phrase with {change} fields, or phrase(entry) -> str.
_LABELS: dict[str, str | Callable] = {}
_discovered = False
_DECIMAL = re.compile(r"^-?\d+\.\d+$")

# What a process's own moves read when no declared action matches (the filing, a step's work).
OPENED = "پرونده را ثبت کرد"
# Between a substitute's name and the absent colleague's: «X به جانشینی از Y».
ON_BEHALF_OF = "به جانشینی از"


def register_label(action: str, phrase: str | Callable) -> None:
    """Declares what the history says someone did for an audit action name: a verb phrase after the
    person's name, with the entry's `changes` as fields («پیوست «{title}» را افزود»), or a function of
    the entry returning it. `action` may hold a * (documents.*.issued)."""
    _LABELS[action] = phrase


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("history")


def _registered(action: str) -> str | Callable | None:
    _discover()
    if action in _LABELS:
        return _LABELS[action]
    return next((v for k, v in _LABELS.items() if "*" in k and fnmatch.fnmatchcase(action, k)), None)


class _Fields(dict):
    """The entry's changes for a phrase: Persian digits, lists joined, and nothing for a missing one."""

    def __missing__(self, key):
        return ""

    def __getitem__(self, key):
        value = super().get(key, "")
        if isinstance(value, (list, tuple)):
            value = "، ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "بله" if value else "خیر"
        elif value is None:
            value = ""
        value = str(value)
        if _DECIMAL.match(value):  # a score as stored (82.14): the Persian decimal mark, no trailing zeros
            value = value.rstrip("0").rstrip(".").replace(".", "٫")
        return to_persian_digits(value)


def fields(entry) -> _Fields:
    return _Fields(entry.changes if isinstance(entry.changes, dict) else {})


def step_label(process, state: str) -> str:
    try:
        return process.step(state).label
    except KeyError:
        return state


def _process_of(entry):
    from .process import _REGISTRY

    case = entry.case if entry.case_id else None
    if case is not None and case.process in _REGISTRY:
        return _REGISTRY[case.process]
    # An entry of a process without its case loaded: the longest process name it starts with.
    names = [n for n in _REGISTRY if entry.action.startswith(n + ".")]
    return _REGISTRY[max(names, key=len)] if names else None


def _transition(entry) -> str | None:
    """The phrase for a process's own move: its filing, or one of its declared actions."""
    process = _process_of(entry)
    if process is None or not entry.action.startswith(process.name + "."):
        return None
    name = entry.action[len(process.name) + 1 :]
    if name == process.opened_event:
        return f"{OPENED} (مرحلهٔ «{step_label(process, entry.to_state or process.initial)}»)"

    def named(action) -> bool:
        return (action.event or action.name) == name

    action = None
    if entry.from_state:
        try:
            actions = [a for a in process.step(entry.from_state).actions if named(a)]
            # Several actions of a step may share one trail name (a round's every move is its "stage"):
            # the one that led where the entry went.
            action = next((a for a in actions if a.to == entry.to_state), None) or next(iter(actions), None)
        except KeyError:
            action = None
    if action is None:
        action = next((a for s in process.steps for a in s.actions if named(a)), None)
    if action is None:
        return None
    phrase = f"اقدام «{action.label}» را انجام داد"
    if entry.from_state and entry.to_state and entry.from_state != entry.to_state:
        phrase += (
            f" و پرونده از مرحلهٔ «{step_label(process, entry.from_state)}»"
            f" به مرحلهٔ «{step_label(process, entry.to_state)}» رفت"
        )
    return phrase


def did(entry) -> str | None:
    """What the person did, as a verb phrase in Persian; None when nothing declares this action."""
    phrase = _transition(entry)
    if phrase is not None:
        return phrase
    label = _registered(entry.action)
    if label is None:
        return None
    return label(entry) if callable(label) else label.format_map(fields(entry))


def who(entry) -> str:
    """The person's name, with their post and organization: «مریم احمدی (کارشناس، سازمان …)», and for a
    substitute's action whom they stood in for: «… به جانشینی از علی رضایی»."""
    if entry.actor_id is None:
        return entry.actor_name or SYSTEM_LABEL
    name = entry.actor_name
    details = [d for d in (getattr(entry.actor, "title", ""), getattr(entry.organization, "name", "")) if d]
    text = f"{name} ({'، '.join(details)})" if details else name
    if entry.on_behalf_of_name:
        text += f" {ON_BEHALF_OF} {entry.on_behalf_of_name}"
    return to_persian_digits(text)


def when(entry) -> str:
    """«۲ آذر ۱۴۰۵، ساعت ۱۴:۰۵» in Tehran's time."""
    moment = to_jalali(entry.created_at)
    return to_persian_digits(
        f"{moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}، ساعت {moment.hour:02d}:{moment.minute:02d}"
    )


@dataclass(frozen=True)
class Line:
    who: str
    did: str
    when: str
    reason: str

    @property
    def sentence(self) -> str:
        text = f"{self.who} {self.did}، {self.when}."
        return f"{text} دلیل: {self.reason}" if self.reason else text


def describe(entry) -> Line:
    """One entry as the history shows it; an undeclared action reads as a generic record, never its code
    (a test keeps every action the desk writes declared)."""
    return Line(
        who=who(entry),
        did=did(entry) or "رویدادی را ثبت کرد",
        when=when(entry),
        reason=to_persian_digits(entry.reason) if entry.reason else "",
    )


def undeclared(entries) -> list[str]:
    """The action names among these entries that have no sentence."""
    return sorted({e.action for e in entries if did(e) is None})


register_label("workflow.attachment.added", "پیوست «{title}» را افزود")
