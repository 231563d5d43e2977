"""Loads the official holidays the desk ships (1405) and estimates the years ahead; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.holiday_calendar import COVERAGE_AHEAD, holidays_extend, holidays_import_official
from apps.core.holiday_rules import jalali_year, year_span
from apps.core.jalali import parse_jalali_date, today
from apps.core.models import Holiday

# The official holidays of the 1405 calendar (21 March 2026 – 20 March 2027). The solar ones and
# those up to Ashura follow the published 1405 calendar of the Council for Public Culture; the later
# lunar ones are reckoned from the new moons of 1448 AH in the same way the published dates are,
# and agree with its count of Thursday and Friday holidays. A lunar holiday can still move by a day
# when the crescent is sighted: correct such a date in the admin or through the holiday import.
HOLIDAYS_1405 = (
    ("1405/01/01", "آغاز نوروز؛ عید سعید فطر"),
    ("1405/01/02", "عید نوروز؛ تعطیل به مناسبت عید سعید فطر"),
    ("1405/01/03", "عید نوروز"),
    ("1405/01/04", "عید نوروز"),
    ("1405/01/12", "روز جمهوری اسلامی ایران"),
    ("1405/01/13", "روز طبیعت"),
    # 25 Shawwal 1447 falls on 25 Farvardin, since 1 Shawwal is 1 Farvardin; some press summaries of
    # the 1405 calendar leave it out, but the holidays law names it.
    ("1405/01/25", "شهادت امام جعفر صادق (ع)"),
    ("1405/03/06", "عید سعید قربان"),
    ("1405/03/14", "رحلت امام خمینی (ره)؛ عید سعید غدیر خم"),
    ("1405/03/15", "قیام ۱۵ خرداد"),
    ("1405/04/03", "تاسوعای حسینی"),
    ("1405/04/04", "عاشورای حسینی"),
    ("1405/05/13", "اربعین حسینی"),
    ("1405/05/21", "رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)"),
    ("1405/05/22", "شهادت امام رضا (ع)"),
    ("1405/05/30", "شهادت امام حسن عسکری (ع)"),
    ("1405/06/08", "میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)"),
    ("1405/08/22", "شهادت حضرت فاطمه زهرا (س)"),
    ("1405/10/01", "ولادت امام علی (ع)"),
    ("1405/10/15", "مبعث حضرت رسول اکرم (ص)"),
    ("1405/11/03", "ولادت حضرت قائم (عج)"),
    ("1405/11/22", "پیروزی انقلاب اسلامی"),
    ("1405/12/09", "شهادت امام علی (ع)"),
    ("1405/12/19", "عید سعید فطر"),
    ("1405/12/20", "تعطیل به مناسبت عید سعید فطر"),
    ("1405/12/29", "روز ملی شدن صنعت نفت"),
)


OFFICIAL_LISTS = {1405: HOLIDAYS_1405}


class Command(BaseCommand):
    help = (
        "Loads the official holidays of 1405 (replacing estimated rows of that year, leaving official ones as they "
        "are), then estimates by rule every year from the current one through the next twelve months and "
        "--ahead more years that the table lacks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ahead", type=int, default=1, help="whole Jalali years to estimate past the next twelve months"
        )

    @transaction.atomic
    def handle(self, *args, **options):
        created = 0
        for year, holidays in OFFICIAL_LISTS.items():
            first, last = year_span(year)
            official = set(
                Holiday.objects.filter(
                    date__range=(first, last), estimated=False, province__isnull=True
                ).values_list("date", flat=True)
            )
            rows = [{"date": parse_jalali_date(j), "title": t} for j, t in holidays]
            rows = [r for r in rows if r["date"] not in official]
            # The year becomes official even when all its rows were there: its estimated ones go.
            holidays_import_official(rows=rows, years=[year])
            created += len(rows)
        last_year = jalali_year(today() + COVERAGE_AHEAD) + max(options["ahead"], 0)
        added = holidays_extend(until=year_span(last_year)[1])
        present = sum(len(h) for h in OFFICIAL_LISTS.values()) - created
        self.stdout.write(f"{created} holidays added, {present} already present.")
        if added:
            self.stdout.write(f"Estimated holidays written for {', '.join(map(str, added))}.")
