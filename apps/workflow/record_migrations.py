"""Giving existing records the case of their new lifecycle, for the data migrations that move a record's
hand-kept field into a declared process (issue 23). Works on the migration's historical models."""

import secrets

from django.utils import timezone

NATIONAL_PREFIX = "00"


def cases_for_records(
    apps,
    *,
    model: str,
    process: str,
    field: str,
    final_states: set[str],
    owner_of,
    title_of,
    creator_of,
    unit_code: str = "",
) -> None:
    """Opens, for each row of `model` without a case, a case of `process` already at the row's state,
    acted on by its owner (the province's Organization, or the agency) and, where given, its group."""
    Record = apps.get_model(model)
    Case = apps.get_model("workflow", "Case")
    OrgUnit = apps.get_model("accounts", "OrgUnit")
    now = timezone.now()
    # The historical Case has a province once workflow's 0007 ran before the caller; a migration that runs
    # before it leaves the province to 0008, which fills every case's from its owner.
    has_province = any(f.name == "province" for f in Case._meta.get_fields())
    for record in Record.objects.filter(case__isnull=True).iterator():
        owner = owner_of(record)
        state = getattr(record, field)
        closed = state in final_states
        prefix = owner.province.tracking_prefix if owner.province_id else NATIONAL_PREFIX
        code = f"{prefix}{secrets.randbelow(10**8):08d}"
        while Case.objects.filter(tracking_code=code).exists():
            code = f"{prefix}{secrets.randbelow(10**8):08d}"
        unit = OrgUnit.objects.filter(organization=owner, code=unit_code).first() if unit_code else None
        case = Case.objects.create(
            tracking_code=code,
            process=process,
            title=title_of(record)[:300],
            owner=owner,
            created_by=creator_of(record),
            state=state,
            current_org=None if closed else owner,
            current_unit=None if closed else unit,
            step_started_at=now,
            is_closed=closed,
            closed_at=now if closed else None,
            **({"province_id": owner.province_id} if has_province else {}),
        )
        Record.objects.filter(pk=record.pk).update(case=case)
