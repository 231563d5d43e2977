"""Appending to the hash-chained audit trail, and checking that nobody has rewritten it."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEntry

GENESIS = "0" * 64
# What a person reads in the history and the trail for a move nobody made by hand (the desk's timers).
SYSTEM_LABEL = "سامانه (خودکار)"


def _canonical(entry: AuditEntry) -> str:
    body = {
        "case": entry.case_id,
        "action": entry.action,
        "from": entry.from_state,
        "to": entry.to_state,
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "organization": entry.organization_id,
        "ip": entry.ip,
        "at": entry.created_at.isoformat(),
        "reason": entry.reason,
        "changes": entry.changes,
        "object": [entry.object_type, entry.object_id],
    }
    if entry.on_behalf_of_id:
        # Only where there is one: the entries written before substitutes existed keep their hashes.
        body["on_behalf_of"] = [entry.on_behalf_of_id, entry.on_behalf_of_name]
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    return hashlib.sha256((_canonical(entry) + prev_hash).encode()).hexdigest()


def audit_append(
    *,
    action: str,
    actor=None,
    case=None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    changes: dict | None = None,
    ip: str | None = None,
    subject=None,
    organization=None,
    on_behalf_of=None,
) -> AuditEntry:
    """Writes one entry; must run inside the transaction of the change it records. `on_behalf_of` is the
    absent person a substitute acted for."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_append() must run inside the transaction it records")
    head = AuditChainHead.objects.select_for_update(no_key=True).filter(pk=1).first()
    if head is None:
        head, _ = AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
        head = AuditChainHead.objects.select_for_update(no_key=True).get(pk=1)
    # Round-trip through JSON so the hash covers exactly what the database will give back.
    stored_changes = json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder, ensure_ascii=False))
    entry = AuditEntry(
        case=case,
        action=action,
        from_state=from_state,
        to_state=to_state,
        # No person (the desk's own timers, SYSTEM) is recorded as no user under the desk's Persian name.
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_full_name() or actor.username) if getattr(actor, "pk", None) else SYSTEM_LABEL,
        on_behalf_of=on_behalf_of,
        on_behalf_of_name=(on_behalf_of.get_full_name() or on_behalf_of.username) if on_behalf_of else "",
        organization=organization or (getattr(actor, "organization", None) if actor else None),
        ip=ip,
        created_at=timezone.now(),
        reason=reason,
        changes=stored_changes,
        object_type=subject._meta.label_lower if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry, head.last_hash)
    entry.save(force_insert=True)
    AuditChainHead.objects.filter(pk=1).update(last_hash=entry.hash)
    return entry


def audit_verify() -> AuditEntry | None:
    """The first entry whose content or link does not match the chain, or None when all hold.

    The desk goes on writing while the chain is walked. The head is read first, so every entry it names was
    committed before the walk began and must be met on it; entries appended since then come after it, linked
    to it, and are checked as the rest."""
    head = AuditChainHead.objects.filter(pk=1).first()
    prev = GENESIS
    head_met = head is None or head.last_hash == GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or entry_hash(entry, prev) != entry.hash:
            return entry
        prev = entry.hash
        head_met = head_met or entry.hash == head.last_hash
    if not head_met:
        # Entries the head had seen are gone from the end of the chain.
        return AuditEntry(id=None, action="chain-head", hash=head.last_hash)
    return None
