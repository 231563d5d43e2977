"""Spreadsheet import of the managers' database: an agency loads its current managers and candidates."""

from apps.accounts import permissions
from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.spreadsheets import Column, ImportSpec, max_length, register

from .models import ManagerProfile


@register
class ManagerProfileImport(ImportSpec):
    name = "managers-profiles"
    label = "بانک اطلاعات مدیران"
    columns = (
        Column("نام و نام خانوادگی", "full_name", validator=max_length(200)),
        Column("نام پدر", "father_name", validator=max_length(100)),
        Column("کد ملی", "national_id", type="national_id", unique=True),
        Column("آخرین مدرک", "highest_degree", type="choice", choices=ManagerProfile.Degree.choices),
        Column("رشته کارشناسی", "bachelor_field", validator=max_length(200)),
        Column("سابقه کارشناسی مرتبط (ماه)", "related_experience_months", type="int"),
        Column("سابقه مدیریتی مرتبط (ماه)", "management_experience_months", type="int"),
        Column("واحد سازمانی فعلی", "current_unit", required=False, validator=max_length(200)),
        Column("شماره همراه", "mobile", type="mobile", required=False),
        Column("مدیر فعلی", "is_current_manager", type="choice", choices=[(True, "بله"), (False, "خیر")]),
    )

    def allowed(self, user) -> bool:
        # Loading many rows of the database at once: the table's `bulk` on the managers' database.
        return permissions.may(user, "managers.profile", "bulk")

    def validate_row(self, row, context: dict) -> list[str]:
        errors = []
        for key in ("related_experience_months", "management_experience_months"):
            if row.get(key) is not None and row[key] < 0:
                errors.append("سابقه نمی‌تواند منفی باشد.")
        return errors

    def existing_keys(self, context: dict) -> dict[str, set]:
        ids = ManagerProfile.objects.filter(organization_id=context["organization_id"]).values_list(
            "national_id", flat=True
        )
        return {"national_id": set(ids)}

    def save(self, rows, context: dict) -> int:
        ManagerProfile.objects.bulk_create(
            [
                ManagerProfile(
                    organization_id=context["organization_id"],
                    **{k: (v if v is not None else "") for k, v in row.items()},
                )
                for row in rows
            ],
            batch_size=500,
        )
        audit_append(
            action="managers.profile.imported",
            actor=User.objects.filter(pk=context.get("user_id")).first(),
            changes={"rows": len(rows)},
        )
        return len(rows)
