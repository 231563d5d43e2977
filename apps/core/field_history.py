"""Field history: who changed which field of a record, from what to what and when, as a person reads it."""

import copy
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_actor
from auditlog.diff import get_field_value
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .digits import persian_numbers
from .jalali import format_date, format_datetime
from .templatetags.jalali import fa

# Who a change is recorded under when no person made it: the desk's timers, a management command.
SYSTEM_NAME = "سامانه"
EMPTY = "—"
YES, NO = "بله", "خیر"
# The page shows the latest changes; older ones stay in the table (and the admin's audit log).
LIMIT = 100
# A long text (a profile's plans, an index's description) is cut where a row would become a page.
TEXT_LIMIT = 300


@dataclass(frozen=True)
class FieldChange:
    """One field of one save: the row a page shows."""

    record: str  # which of the page's records changed (an index of an evaluation); "" for the page's own
    field: str
    old: str
    new: str
    actor: str
    when: str  # Jalali date and time, Persian digits
    at: dt.datetime


def field_history(
    *targets: models.Model | models.QuerySet,
    hide: Iterable[str] = (),
    reveal: Callable[[], bool] | None = None,
    label: Callable[[models.Model], object] | None = None,
    limit: int = LIMIT,
) -> list[FieldChange]:
    """The latest changes to the fields of `targets` (records, or querysets of records), newest first.

    One query for the changes with their actors, one for each queryset's records that changed (to name
    them), and one for each kind of record a changed foreign key points to: the count does not grow with
    the number of changes. `hide` names fields the reader may not see (left out, not masked) unless
    `reveal()` says they may; it is asked only when such a change is there. `label` names a record when a
    page shows several; the first record given is the page's own and goes unnamed.
    """
    if not targets:
        return []
    records: dict[tuple[int, int], models.Model] = {}
    querysets: dict[int, models.QuerySet] = {}
    own: tuple[int, int] | None = None
    where = Q()
    for target in targets:
        if isinstance(target, models.QuerySet):
            type_id = ContentType.objects.get_for_model(target.model).pk
            querysets[type_id] = target
            where |= Q(content_type_id=type_id, object_id__in=target.values("pk"))
        else:
            key = (ContentType.objects.get_for_model(target).pk, target.pk)
            records[key] = target
            own = own or key
            where |= Q(content_type_id=key[0], object_id=key[1])
    entries = list(
        LogEntry.objects.filter(where, action=LogEntry.Action.UPDATE)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:limit]
    )
    for type_id, queryset in querysets.items():
        changed = {entry.object_id for entry in entries if entry.content_type_id == type_id}
        if changed:
            records.update(((type_id, obj.pk), obj) for obj in queryset.filter(pk__in=changed))
    hidden = set(hide)
    if hidden and reveal is not None and any(name in hidden for e in entries for name in e.changes or {}):
        hidden = set() if reveal() else hidden
    changes = []
    for entry in entries:
        obj = records.get((entry.content_type_id, entry.object_id))
        if obj is None:
            continue
        for name, pair in _ordered(obj, entry.changes or {}):
            if name in hidden:
                continue
            changes.append((entry, obj, name, pair))
    related = _related_objects(changes)
    rows = []
    for entry, obj, name, pair in changes:
        field = _field(obj, name)
        key = (entry.content_type_id, entry.object_id)
        record = "" if key == own or label is None else str(label(obj))
        if isinstance(pair, dict):  # a many-to-many field: what was added or taken away
            old, new = _m2m(pair)
        else:
            old, new = (_show(field, value, related) for value in _pair(pair))
        rows.append(
            FieldChange(
                record=persian_numbers(record),
                field=_label(obj, field, name),
                old=old,
                new=new,
                actor=_actor(entry),
                when=format_datetime(entry.timestamp),
                at=entry.timestamp,
            )
        )
    return rows


@contextmanager
def recorded_as(actor):
    """Saves inside are recorded under `actor`: a person's action run by a worker, outside any request.

    auditlog's set_actor leaves its own context in place when it ends; the caller's (a request's, when a
    task runs inline) is put back so the saves after it keep their person.
    """
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor if getattr(actor, "pk", None) else None):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def update_record(*, instances: Iterable[models.Model], field: str, new, actor) -> None:
    """Records that `field` of each instance became `new` through QuerySet.update(), which auditlog's
    signals do not see: the same entry a save() would have made, for all of them in one insert.

    Call it with the instances as they were before the update (their old value is read from them).
    """
    instances = list(instances)
    if not instances:
        return
    model = type(instances[0])
    model_field = model._meta.get_field(field)
    after = copy.copy(instances[0])
    setattr(after, model_field.name, new)
    new_value = get_field_value(after, model_field, use_json_for_changes=True)
    context = auditlog_value.get(None) or {}
    content_type = ContentType.objects.get_for_model(model)
    entries = []
    for obj in instances:
        old_value = get_field_value(obj, model_field, use_json_for_changes=True)
        if old_value == new_value:
            continue
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj),
                action=LogEntry.Action.UPDATE,
                changes={model_field.name: [old_value, new_value]},
                actor=actor if getattr(actor, "pk", None) else None,
                actor_email=getattr(actor, "email", None) or None,
                remote_addr=context.get("remote_addr"),
                cid=get_cid(),
            )
        )
    LogEntry.objects.bulk_create(entries)


def actor_identified(user) -> None:
    """The request's saves are recorded under `user`, named after the middleware ran (an API token)."""
    context = auditlog_value.get(None)
    if context is not None:
        context["actor"] = user


def _ordered(obj: models.Model, changes: dict) -> list[tuple[str, object]]:
    """The changed fields in the order the model declares them, as its form shows them."""
    order = {f.name: i for i, f in enumerate(obj._meta.get_fields())}
    return sorted(changes.items(), key=lambda item: order.get(item[0], len(order)))


def _field(obj: models.Model, name: str):
    try:
        return obj._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the change was recorded
        return None


def _label(obj: models.Model, field, name: str) -> str:
    mapped = auditlog.get_model_fields(type(obj))["mapping_fields"] if auditlog.contains(type(obj)) else {}
    if name in mapped:
        return mapped[name]
    return str(field.verbose_name) if field is not None else name


def _pair(pair) -> tuple[object, object]:
    if isinstance(pair, (list, tuple)) and len(pair) == 2:
        return pair[0], pair[1]
    return None, pair


def _related_objects(changes) -> dict[tuple[type, str], models.Model]:
    """Every record a changed foreign key names, one query per kind of record."""
    wanted: dict[type, set[str]] = defaultdict(set)
    for _entry, obj, name, pair in changes:
        field = _field(obj, name)
        if field is None or not field.many_to_one or isinstance(pair, dict):
            continue
        for value in _pair(pair):
            if value not in (None, "", "None"):
                wanted[field.related_model].add(str(value))
    found = {}
    for model, pks in wanted.items():
        for pk, related in model._base_manager.select_related().in_bulk(list(pks)).items():
            found[(model, str(pk))] = related
    return found


def _show(field, value, related) -> str:
    """A stored value as the page shows it: choice label, Jalali date, Persian digits, a record's name."""
    if value is None or value == "":
        return EMPTY
    if field is None:
        return persian_numbers(_cut(str(value)))
    if field.many_to_one:
        related_obj = related.get((field.related_model, str(value)))
        return persian_numbers(str(related_obj)) if related_obj is not None else persian_numbers(f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return YES if value in (True, "True", "true", 1) else NO
    if isinstance(field, models.DateTimeField):
        moment = _parse_moment(value)
        return format_datetime(moment) if moment else persian_numbers(str(value))
    if isinstance(field, models.DateField):
        try:
            return format_date(dt.date.fromisoformat(str(value)[:10]))
        except ValueError:
            return persian_numbers(str(value))
    if isinstance(field, (models.DecimalField, models.FloatField, models.IntegerField)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return persian_numbers(str(value))
        return fa(int(number) if number == number.to_integral_value() else number)
    if isinstance(field, models.JSONField):
        return persian_numbers(_cut(json.dumps(value, ensure_ascii=False)))
    return persian_numbers(_cut(str(value)))


def _parse_moment(value) -> dt.datetime | None:
    """auditlog keeps a moment as naive UTC text."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)


def _m2m(change: dict) -> tuple[str, str]:
    names = persian_numbers("، ".join(str(o) for o in change.get("objects", []))) or EMPTY
    if change.get("operation") == "add":
        return EMPTY, "افزوده شد: " + names
    return "برداشته شد: " + names, EMPTY


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _actor(entry: LogEntry) -> str:
    if entry.actor is None:
        return SYSTEM_NAME
    return entry.actor.get_full_name() or entry.actor.username
