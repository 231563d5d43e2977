"""Core's own spreadsheet import: the official holidays the working-day calendar skips.

A file holds the whole official list of each Jalali year it names: the estimated rows of those years go.
"""

from .holiday_calendar import holidays_import_official
from .models import Holiday
from .spreadsheets import Column, ImportSpec, max_length, register


@register
class HolidayImport(ImportSpec):
    name = "holidays"
    label = "تعطیلات رسمی"
    kind, action = "core.holiday", "manage"
    columns = (
        Column("تاریخ", "date", type="date", unique=True, example="1405/01/01"),
        Column("مناسبت", "title", validator=max_length(200), example="آغاز نوروز"),
    )

    def existing_keys(self, context: dict) -> dict[str, set]:
        # A few hundred rows at most: one query beats filtering by the file's dates. Estimated rows are
        # not in the way: the official list of their year replaces them.
        return {
            "date": set(
                Holiday.objects.filter(estimated=False, province__isnull=True).values_list("date", flat=True)
            )
        }

    def save(self, rows, context: dict) -> int:
        return holidays_import_official(rows=rows)
