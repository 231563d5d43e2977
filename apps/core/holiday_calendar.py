"""The holiday table's years: extending it by rule, importing a year's official list, and warning when it runs short.

A Jalali year is covered when its holidays are in the table (a HolidayYear row says so): the official
list, or the desk's estimate until that list is imported. The desk warns its administrators (a system
check, the holidays admin page, the daily beat task) when the next twelve months are not covered, so the
official list is loaded before the working-day calendar has to reckon a year's holidays by itself.
"""

import datetime as dt
import logging

from django.core import checks
from django.db import DatabaseError, transaction

from . import holiday_rules
from .digits import to_persian_digits
from .holiday_rules import jalali_year, year_span
from .jalali import format_date, today

logger = logging.getLogger(__name__)

# How far ahead the table must reach: a due date is rarely further off than that.
COVERAGE_AHEAD = dt.timedelta(days=365)


def _fa(number: int) -> str:
    return to_persian_digits(str(number))


def covered_years() -> dict[int, bool]:
    """Each Jalali year in the table, with whether its holidays are estimated."""
    from .models import HolidayYear

    return dict(HolidayYear.objects.values_list("year", "estimated"))


def covered_until(*, on: dt.date | None = None) -> dt.date | None:
    """The last day of the unbroken run of covered years from the one `on` falls in; None if that year is not covered."""
    on = on or today()
    years, year = covered_years(), jalali_year(on)
    if year not in years:
        return None
    while year + 1 in years:
        year += 1
    return year_span(year)[1]


def uncovered_years(*, on: dt.date | None = None) -> list[int]:
    """The Jalali years the next twelve months reach into that the table does not cover."""
    on = on or today()
    years = covered_years()
    return [y for y in range(jalali_year(on), jalali_year(on + COVERAGE_AHEAD) + 1) if y not in years]


def estimated_years(*, on: dt.date | None = None) -> list[int]:
    """The Jalali years of the next twelve months whose holidays are the desk's estimate, not the official list."""
    on = on or today()
    years = covered_years()
    return [y for y in range(jalali_year(on), jalali_year(on + COVERAGE_AHEAD) + 1) if years.get(y)]


def coverage_warning(*, on: dt.date | None = None) -> str:
    """The administrators' warning when the table does not cover the next twelve months; empty when it does."""
    on = on or today()
    missing = uncovered_years(on=on)
    if not missing:
        return ""
    until = covered_until(on=on)
    head = (
        f"تقویم تعطیلات رسمی تنها تا {format_date(until)} را در بر می‌گیرد"
        if until
        else "تقویم تعطیلات رسمی سال جاری را در بر نمی‌گیرد"
    )
    return (
        f"{head} و دوازده ماه آینده (تا {format_date(on + COVERAGE_AHEAD)}) را پوشش نمی‌دهد: تعطیلات سال "
        f"{'، '.join(_fa(y) for y in missing)} در جدول نیست و مهلت‌ها با تعطیلات برآوردی شمرده می‌شوند. "
        "فرمان load_holidays را اجرا کنید یا فهرست رسمی آن سال را وارد کنید."
    )


def estimate_notice(*, on: dt.date | None = None) -> str:
    """A reminder that the coming year's lunar holidays are estimated until its official list is imported."""
    years = estimated_years(on=on)
    if not years:
        return ""
    return (
        f"تعطیلات قمری سال {'، '.join(_fa(y) for y in years)} برآوردی است و ممکن است یک روز جابه‌جا شود؛ "
        "با انتشار تقویم رسمی، فهرست رسمی آن سال را در «ورود اطلاعات از اکسل: تعطیلات رسمی» وارد کنید."
    )


@transaction.atomic
def holiday_year_estimate(*, year: int) -> int:
    """Writes the year's holidays by rule, marked estimated, unless the year is already in the table.

    A day already in the table (an official row, a closure an administrator added) is left as it is.
    Returns how many rows were written.
    """
    from .models import Holiday, HolidayYear

    if HolidayYear.objects.filter(year=year).exists():
        return 0
    rows = [
        Holiday(date=day, title=title, estimated=True)
        for day, title in holiday_rules.estimated_holidays(year).items()
    ]
    national = Holiday.objects.filter(province__isnull=True)
    existing = set(national.filter(date__in=[r.date for r in rows]).values_list("date", flat=True))
    rows = [r for r in rows if r.date not in existing]
    # ignore_conflicts: a second process extending the same year at the same moment writes nothing twice.
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)
    HolidayYear.objects.bulk_create(
        [HolidayYear(year=year, first_day=year_span(year)[0], estimated=True)], ignore_conflicts=True
    )
    return len(rows)


def holidays_extend(*, until: dt.date | None = None, on: dt.date | None = None) -> list[int]:
    """Estimates every year from the one `on` falls in through the one `until` falls in that the table lacks.

    By default through the next twelve months. Returns the years added.
    """
    from .models import HolidayYear

    on = on or today()
    until = until or on + COVERAGE_AHEAD
    added = []
    for year in range(jalali_year(on), jalali_year(until) + 1):
        if HolidayYear.objects.filter(year=year).exists():
            continue
        try:
            holiday_year_estimate(year=year)
        except holiday_rules.YearOutOfRange:
            continue  # past the rules' reach: the coverage warning names the year
        added.append(year)
    return added


@transaction.atomic
def holidays_import_official(*, rows: list[dict], years: list[int] | None = None) -> int:
    """Writes an official list: each Jalali year it names loses its estimated rows and becomes official.

    `rows` are {"date", "title"}; the file of a year is that year's whole official list. `years` names
    more years the list belongs to (one whose official rows are all in the table already). Rows already in
    the table as official are the caller's to refuse (the import reports them as row errors).
    """
    from .models import Holiday, HolidayYear

    for year in sorted({jalali_year(r["date"]) for r in rows} | set(years or ())):
        first, last = year_span(year)
        Holiday.objects.filter(date__range=(first, last), estimated=True, province__isnull=True).delete()
        HolidayYear.objects.update_or_create(year=year, defaults={"first_day": first, "estimated": False})
    Holiday.objects.bulk_create(
        [Holiday(date=r["date"], title=r["title"], estimated=False) for r in rows], batch_size=1000
    )
    return len(rows)


def holidays_import_local(*, rows: list[dict], province_id: int) -> int:
    """Writes a province's local holidays: they move only its deadlines, and leave the national list, its
    estimated rows and the covered years as they are."""
    from .models import Holiday

    Holiday.objects.bulk_create(
        [Holiday(date=r["date"], title=r["title"], province_id=province_id) for r in rows], batch_size=1000
    )
    return len(rows)


@checks.register(checks.Tags.database)
def check_holiday_coverage(app_configs=None, databases=None, **kwargs):
    """`manage.py check --database default` (and migrate) warn when the table runs short."""
    # Like Django's own database checks, it reads the database only when asked to.
    if not databases or "default" not in databases:
        return []
    try:
        warning, notice = coverage_warning(), estimate_notice()
    except DatabaseError:
        return []  # not migrated yet: migrate runs the checks before it creates the table
    found = []
    if warning:
        found.append(
            checks.Warning(
                warning,
                hint="manage.py load_holidays, or import the year's official list (holidays import).",
                id="core.W001",
            )
        )
    if notice:
        found.append(checks.Info(notice, id="core.I001"))
    return found


def holidays_coverage_check() -> list[int]:
    """The beat's daily look: extends the table by rule for the next twelve months and warns the administrators.

    Returns the years it added.
    """
    from django.core.mail import mail_admins

    added = holidays_extend()
    warning = coverage_warning()
    if added:
        logger.warning(
            "Estimated the holidays of Jalali year(s) %s; import the official list when it is published.",
            ", ".join(map(str, added)),
        )
        mail_admins(
            "تقویم تعطیلات میز خدمت",
            f"تعطیلات سال {'، '.join(_fa(y) for y in added)} از روی قاعده برآورد و ثبت شد. {estimate_notice()}",
            fail_silently=True,
        )
    if warning:
        # Left only when a year lies past the rules' reach: nothing the desk can fill by itself.
        logger.error("The holiday table does not cover the next twelve months: %s", warning)
        mail_admins("تقویم تعطیلات میز خدمت کامل نیست", warning, fail_silently=True)
    return added
