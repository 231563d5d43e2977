"""Core's own spreadsheet import: the official holidays the working-day calendar skips."""

from .models import Holiday
from .spreadsheets import Column, ImportSpec, max_length, register


@register
class HolidayImport(ImportSpec):
    name = "holidays"
    label = "تعطیلات رسمی"
    columns = (
        Column("تاریخ", "date", type="date", unique=True, example="1405/01/01"),
        Column("مناسبت", "title", validator=max_length(200), example="آغاز نوروز"),
    )

    def allowed(self, user) -> bool:
        return bool(
            user.is_authenticated and (user.is_superuser or getattr(user, "is_province_staff", False))
        )

    def existing_keys(self, context: dict) -> dict[str, set]:
        # A few hundred rows at most: one query beats filtering by the file's dates.
        return {"date": set(Holiday.objects.values_list("date", flat=True))}

    def save(self, rows, context: dict) -> int:
        Holiday.objects.bulk_create(
            [Holiday(date=r["date"], title=r["title"]) for r in rows], batch_size=1000
        )
        return len(rows)
