"""Core's own spreadsheet import: the holidays the working-day calendar skips.

Whom the table lets keep every province's holidays (the administrators, NATION) uploads the official
national list: a file holds the whole list of each Jalali year it names, and the estimated rows of those
years go. A province's Organization staff (PROVINCE) upload their own province's local holidays, which
move only that province's deadlines; they never write the national list.
"""

from apps.accounts.permissions import NATION, province_of, scopes_for

from .holiday_calendar import holidays_import_local, holidays_import_official
from .models import Holiday
from .permissions import HOLIDAY
from .spreadsheets import Column, ImportSpec, max_length, register


def local_province(context: dict) -> int | None:
    """The province whose local holidays an upload writes; None for the official national list."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=context.get("user_id")).select_related("organization").first()
    if user is None or NATION in scopes_for(user, HOLIDAY, "manage"):
        return None
    return province_of(user)


@register
class HolidayImport(ImportSpec):
    name = "holidays"
    label = "تعطیلات رسمی"
    kind, action = HOLIDAY, "manage"
    columns = (
        Column("تاریخ", "date", type="date", unique=True, example="1405/01/01"),
        Column("مناسبت", "title", validator=max_length(200), example="آغاز نوروز"),
    )

    def existing_keys(self, context: dict) -> dict[str, set]:
        # A few hundred rows at most: one query beats filtering by the file's dates. Estimated rows are
        # not in the way: the official list of their year replaces them. A province's day is taken when
        # it is already its local holiday or a national one.
        province = local_province(context)
        if province is None:
            taken = Holiday.objects.filter(estimated=False, province__isnull=True)
        else:
            taken = Holiday.objects.filter(province=province) | Holiday.objects.filter(
                estimated=False, province__isnull=True
            )
        return {"date": set(taken.values_list("date", flat=True))}

    def save(self, rows, context: dict) -> int:
        province = local_province(context)
        if province is None:
            return holidays_import_official(rows=rows)
        return holidays_import_local(rows=rows, province_id=province)
