"""Loads the official holidays of Jalali year 1405 into the Holiday table; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core.jalali import parse_jalali_date
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


class Command(BaseCommand):
    help = "Loads the official holidays of Jalali year 1405 (existing dates are left as they are)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = 0
        for jalali, title in HOLIDAYS_1405:
            _, was_created = Holiday.objects.get_or_create(
                date=parse_jalali_date(jalali), defaults={"title": title}
            )
            created += was_created
        self.stdout.write(f"{created} holidays added, {len(HOLIDAYS_1405) - created} already present.")
