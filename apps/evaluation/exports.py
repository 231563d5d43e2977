"""The .xlsx columns of every table of service D: (Persian header, accessor) pairs."""

from .rules import Standing

CYCLE_COLUMNS = [
    ("سال", lambda c: c.year),
    ("عنوان", lambda c: c.title),
    ("شماره بخشنامه", lambda c: c.circular_number),
    ("تاریخ بخشنامه", lambda c: c.circular_date),
    ("مرحله", lambda c: c.get_phase_display()),
    ("مهلت خودارزیابی", lambda c: c.self_assessment_deadline),
    ("پایان مهلت اعتراض", lambda c: c.objection_deadline),
    ("تعداد شاخص‌ها", lambda c: c.index_count),
]
INDEX_COLUMNS = [
    ("کد", lambda i: i.code),
    ("عنوان", lambda i: i.title),
    ("نوع", lambda i: i.get_kind_display()),
    ("محور", lambda i: i.axis),
    ("حداکثر امتیاز", lambda i: i.max_score),
    ("وزن", lambda i: i.weight),
    ("جهت مطلوب", lambda i: i.get_direction_display()),
    ("استاندارد", lambda i: i.standard),
    ("واحد سنجش", lambda i: i.unit),
    ("مستندات لازم", lambda i: i.evidence_required),
    ("تعداد دستگاه‌های مشمول (۰ یعنی همه)", lambda i: i.agency_count),
]
EVALUATION_COLUMNS = [
    ("دستگاه", lambda e: e.organization.name),
    ("گروه ارزیابی", lambda e: e.organization.evaluation_group),
    ("کد رهگیری", lambda e: e.case.tracking_code),
    ("وضعیت", lambda e: e.case.state_label),
    ("امتیاز اولیه", lambda e: e.initial_percent),
    ("امتیاز نهایی", lambda e: e.final_percent),
    ("سطح", lambda e: e.level),
    ("رتبه در گروه", lambda e: e.group_rank),
]
OBJECTION_COLUMNS = [
    ("دستگاه", lambda o: o.score.evaluation.organization.name),
    ("شاخص", lambda o: o.score.index.code),
    ("امتیاز خودارزیابی", lambda o: o.score.self_score),
    ("امتیاز ارزیاب", lambda o: o.score.evaluator_score),
    ("امتیاز بازبینی", lambda o: o.score.rescore),
    ("دلیل اعتراض", lambda o: o.reason),
    ("پاسخ", lambda o: o.answer),
    ("تاریخ ثبت", lambda o: o.filed_at),
]
EVIDENCE_COLUMNS = [
    ("دستگاه", lambda f: f.organization.name),
    ("عنوان", lambda f: f.title),
    ("نسخه", lambda f: f.version),
    ("نوع", lambda f: f.kind),
    ("حجم (بایت)", lambda f: f.size),
    ("چکیده SHA-256", lambda f: f.sha256),
    ("تاریخ بارگذاری", lambda f: f.uploaded_at),
]
ATTENDANCE_COLUMNS = [
    ("دستگاه", lambda a: a.organization.name),
    ("نام", lambda a: a.attendee),
    ("سمت", lambda a: a.position),
    ("حضور", lambda a: a.present),
]
NOMINATION_COLUMNS = [
    ("دستگاه", lambda n: n.organization.name),
    ("نام تیم", lambda n: n.team_name),
    ("دستاورد", lambda n: n.achievement),
    ("وضعیت", lambda n: n.get_status_display()),
]
STANDING_HEADERS = ["گروه", "رتبه در گروه", "دستگاه", "درصد امتیاز", "سطح"]


def standing_rows(standings: list[Standing]):
    return ([s.group, s.rank, s.organization, s.percent, s.level] for s in standings)
