"""Demo data of one agency: rules, posts, a managers' database and appointments in every state."""

from decimal import Decimal

from apps.accounts.roles import Role
from apps.core.jalali import today
from apps.core.national_id import national_id_with_checksum
from apps.workflow.services import perform

from .appointment import extra_conditions
from .models import Level, ManagerProfile, Source
from .services import agency as agency_services
from .services import council as council_services
from .services import decrees as decree_services
from .services import nominations as nomination_services
from .services import profiles as profile_services

PEOPLE = (
    ("سعید کرمی", "حسن", "مدیریت دولتی", "master", True, 86, 30, "78"),
    ("نسرین آزادی", "علی", "حسابداری", "master", False, 80, 12, "72"),
    ("کامران فرهادی", "رضا", "مهندسی عمران", "bachelor", False, 71, 0, "58"),
    ("الهام شریفی", "محمود", "مدیریت بازرگانی", "doctorate", True, 110, 40, "81"),
    ("بهرام نیک‌نام", "جواد", "اقتصاد", "master", False, 90, 26, "69"),
    ("پروین رستمی", "احمد", "علوم اجتماعی", "bachelor", False, 60, 0, "55"),
)
POSTS = (
    ("معاون برنامه‌ریزی و توسعه منابع", "M-01", Level.MIDDLE, "حوزه معاونت", "اهواز", "مدیریت"),
    ("مدیر امور مالی", "M-02", Level.MIDDLE, "امور مالی", "اهواز", "حسابداری"),
    ("رئیس اداره فناوری اطلاعات", "B-01", Level.BASE, "فناوری اطلاعات", "اهواز", "فناوری اطلاعات"),
    ("رئیس اداره شهرستان دزفول", "B-02", Level.BASE, "اداره شهرستان", "دزفول", "مدیریت"),
    ("رئیس اداره کارگزینی", "B-03", Level.BASE, "کارگزینی", "اهواز", "مدیریت"),
    ("رئیس اداره امور عمومی", "B-04", Level.BASE, "امور عمومی", "اهواز", "مدیریت"),
)
GENERAL = {
    "planning": 8,
    "organizing": 7,
    "leading": 8,
    "controlling": 7,
    "communication": 8,
    "information": 7,
    "decision": 8,
    "conceptual": 7,
    "human": 8,
    "technical": 7,
}


def _profiles(head, agency) -> list[ManagerProfile]:
    profiles = []
    for n, (name, father, field, degree, master, related, managing, exam) in enumerate(PEOPLE):
        profiles.append(
            profile_services.profile_save(
                actor=head,
                data={
                    "full_name": name,
                    "father_name": father,
                    "national_id": national_id_with_checksum(f"{600000000 + agency.pk * 97 + n * 7:09d}"),
                    "birth_place": "اهواز",
                    "marital_status": "married",
                    "children": n % 3,
                    "military_status": "completed" if n % 2 == 0 else "not_applicable",
                    "address": "اهواز، کیانپارس",
                    "mobile": f"0917{agency.pk % 1000:03d}{n:04d}",
                    "employment_type": "permanent",
                    "current_agency": agency.name,
                    "current_unit": "حوزه معاونت",
                    "current_location": "اهواز",
                    "highest_degree": degree,
                    "bachelor_field": field,
                    "education": f"کارشناسی {field}، دانشگاه شهید چمران اهواز",
                    "master_in_management": master,
                    "courses": "مدیریت راهبردی — ۴۰ ساعت",
                    "related_experience_months": related,
                    "management_experience_months": managing,
                    "general_exam_points": Decimal(exam),
                    "self_actions": "استقرار نظام پیشنهادها در واحد.",
                    "self_plans": "کاهش زمان پاسخ به ارباب رجوع.",
                },
            )
        )
    profile_services.profile_publish(actor=head, profile=profiles[0], published=True)
    return profiles


def _nominate(head, post, candidates):
    case = nomination_services.nomination_open(actor=head, post=post, proposer_position=head.title)
    nomination = case.nomination
    for priority, profile in enumerate(candidates, start=1):
        nomination_services.candidate_add(
            actor=head, nomination=nomination, profile=profile, source=Source.AGENCY, priority=priority
        )
    return case


def _check(hr, case, extra):
    for candidate in case.nomination.candidates.all():
        nomination_services.candidate_check(
            actor=hr,
            candidate=candidate,
            data={
                "bachelor_matches": True,
                "last_degree_confirmed": True,
                "management_course_confirmed": True,
                "master_management_confirmed": candidate.profile.master_in_management,
                "related_experience_months": candidate.profile.related_experience_months,
                "management_experience_months": candidate.profile.management_experience_months,
                "appraisal_scores": [{"year": 1400 + n, "score": 85 + n} for n in range(4)],
                "performance_scores": [{"year": 1400 + n, "score": 80 + n} for n in range(4)],
                "extra_results": {c.pk: True for c in extra},
            },
        )


def _score(secretary, case, session_number: str, *, lower_by: int = 0, specific=(9, 8)):
    nomination = case.nomination
    council_services.session_record(
        actor=secretary,
        nomination=nomination,
        number=session_number,
        held_on=today(),
        attendees=[
            {"name": "بالاترین مقام دستگاه", "position": "رئیس شورا"},
            {"name": "معاون توسعه مدیریت", "position": "عضو"},
            {"name": "دبیر شورا", "position": "دبیر"},
        ],
        superior_invited=True,
    )
    for n, candidate in enumerate(nomination.candidates.all()):
        general = {k: v - n - lower_by for k, v in GENERAL.items()}
        council_services.candidate_score(
            actor=secretary, candidate=candidate, general=general, specific=list(specific)
        )


def build(world, agency) -> None:
    people = world.agency_users[agency.id]
    head, hr, secretary = (
        people[Role.AGENCY_HEAD],
        people[Role.AGENCY_HR],
        people[Role.AGENCY_COUNCIL_SECRETARY],
    )
    agency_services.rules_save(
        actor=secretary,
        data={},
        specific_criteria=["تسلط بر قوانین حوزه", "تجربه میدانی"],
        extra_conditions=["نداشتن محکومیت اداری"],
    )
    posts = [
        agency_services.post_save(
            actor=head,
            data={
                "title": title,
                "number": number,
                "level": level,
                "unit": unit,
                "location": location,
                "job_field": field,
                "superior": head,
            },
        )
        for title, number, level, unit, location, field in POSTS
    ]
    p = _profiles(head, agency)
    extra = extra_conditions(agency.pk)

    # Waiting on the superior, on HR, and on the council.
    _nominate(head, posts[0], [p[0]])
    perform(_nominate(head, posts[1], [p[1], p[4]]), "submit", actor=head)
    council = _nominate(head, posts[2], [p[2], p[4]])
    perform(council, "submit", actor=head)
    _check(hr, council, extra)
    perform(council, "forward", actor=hr)

    # Decided by the council and waiting for the decree; appointed; rejected. The council's pick for the
    # first scores 64.7 of 100 against the base level's desired 65: the decree step says so before signing.
    decided = _nominate(head, posts[3], [p[1], p[3]])
    _through_council(head, hr, secretary, decided, extra, "1405-12", lower_by=1, specific=(5, 4))
    appointed = _nominate(head, posts[4], [p[3], p[0]])
    _through_council(head, hr, secretary, appointed, extra, "1405-13")
    decree = decree_services.decree_issue(actor=head, case=appointed)
    decree_services.evaluation_record(
        actor=hr, decree=decree, year=1405, score=Decimal("74"), note="ارزیابی سالانه"
    )
    decree_services.change_propose(
        actor=head, decree=decree, proposal="با توجه به نتایج ارزیابی عملکرد، تغییر مدیر پیشنهاد می‌شود."
    )
    # Both of the last post's nominees fall short of condition (c) (5 years 11 months, 5 years): HR returns it.
    short = _nominate(head, posts[5], [p[2], p[5]])
    perform(short, "submit", actor=head)
    _check(hr, short, extra)
    perform(short, "return", actor=hr, reason="هیچ‌یک از نامزدها شش سال سابقه مرتبط ندارد.")
    rejected = _nominate(head, posts[0], [p[4]])
    perform(rejected, "submit", actor=head)
    _check(hr, rejected, extra)
    perform(rejected, "forward", actor=hr)
    perform(rejected, "reject", actor=secretary, reason="امتیاز نامزد به حد مطلوب نرسید.")

    council_services.hearing_request(
        actor=secretary,
        complainant="کارمند معترض",
        subject="اعتراض به نتیجه سنجش صلاحیت در جلسه شورا.",
        in_presence=True,
    )


def _through_council(head, hr, secretary, case, extra, session_number: str, **scores) -> None:
    perform(case, "submit", actor=head)
    _check(hr, case, extra)
    perform(case, "forward", actor=hr)
    _score(secretary, case, session_number, **scores)
    perform(case, "decide", actor=secretary, reason="شایسته‌ترین نامزد بر پایه امتیاز و اولویت.")
