"""The columns of every .xlsx export of service A; the ledger's match the national system's exchange."""

from apps.core.jalali import format_date

from .models import JobQuota

YES_NO = {True: "بله", False: "خیر"}

# The first six headers are the quota import's, so an exported ledger imports back as it is.
LEDGER_COLUMNS = [
    ("کد دستگاه", lambda q: q.agency.code),
    ("کد شغل محل", lambda q: q.job_code),
    ("عنوان شغل", lambda q: q.job_title),
    ("شهر", lambda q: q.city),
    ("سهمیه ابلاغی", lambda q: q.posts),
    ("ویژه بومیان", lambda q: YES_NO[q.natives_only]),
    ("نام دستگاه", lambda q: q.agency.name),
    ("سهم ایثارگران", lambda q: q.veterans_share),
    ("سهم افراد دارای معلولیت", lambda q: q.disabled_share),
    ("تخصیص برای ثبت", lambda q: q.allocated),
    ("ثبت‌شده", lambda q: q.registered),
    ("تأیید نهایی", lambda q: q.approved),
    ("مانده", lambda q: q.remaining),
]
LEDGER_HEADERS = [header for header, _ in LEDGER_COLUMNS]


def ledger_row(quota: JobQuota) -> list:
    return [accessor(quota) for _, accessor in LEDGER_COLUMNS]


VENUE_COLUMNS = [
    ("نام حوزه", lambda v: v.name),
    ("نشانی", lambda v: v.address),
    ("ظرفیت", lambda v: v.capacity),
    ("تعداد ناظران", lambda v: v.supervisors),
    (
        "گزارش",
        lambda v: (
            "ارسال شد"
            if hasattr(v, "report") and v.report.sent_at
            else ("ثبت شد" if hasattr(v, "report") else "ثبت نشده")
        ),
    ),
]

SUPERVISOR_COLUMNS = [
    ("نام و نام خانوادگی", lambda s: s.full_name),
    ("کد ملی", lambda s: s.national_id),
    ("شماره همراه", lambda s: s.mobile),
    ("تعداد حوزه‌ها", lambda s: s.venues),
]

MY_VENUE_COLUMNS = [
    ("دوره", lambda n: n.venue.round.title),
    ("حوزه", lambda n: n.venue.name),
    ("نشانی", lambda n: n.venue.address),
    ("شماره کارت", lambda n: n.card_number),
    ("اعتبار تا", lambda n: format_date(n.valid_until, persian_digits=False)),
]

PANEL_COLUMNS = [
    ("عنوان هیئت", lambda p: p.title),
    ("تاریخ", lambda p: format_date(p.date, persian_digits=False)),
    ("محل", lambda p: p.place),
    ("ناظر", lambda p: p.supervisor.full_name),
    ("تعداد داوطلبان", lambda p: p.candidates_count),
]

CANDIDATE_COLUMNS = [
    ("کد ملی", lambda c: c.national_id),
    ("نام", lambda c: c.first_name),
    ("نام خانوادگی", lambda c: c.last_name),
    ("کد شغل محل", lambda c: c.job.job_code),
    ("دستگاه", lambda c: c.job.agency.name),
    ("نمره آزمون", lambda c: c.exam_score),
    ("سهمیه", lambda c: c.get_quota_type_display()),
    ("نمره مصاحبه", lambda c: c.interview_score),
    ("وضعیت", lambda c: c.get_status_display()),
]

HIRE_COLUMNS = [
    ("کد رهگیری", lambda h: h.case.tracking_code),
    ("کد ملی", lambda h: h.national_id),
    ("نام", lambda h: h.first_name),
    ("نام خانوادگی", lambda h: h.last_name),
    ("دستگاه", lambda h: h.agency.name),
    ("کد شغل محل", lambda h: h.job.job_code),
    ("سهمیه", lambda h: h.get_quota_type_display()),
    ("وضعیت", lambda h: h.case.state_label),
    ("مهلت", lambda h: format_date(h.case.due_date, persian_digits=False)),
    ("دیرکرد", lambda h: YES_NO[h.case.is_overdue]),
    ("شماره مستخدم", lambda h: h.employee_number),
]
