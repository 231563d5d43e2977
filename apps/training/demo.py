"""Demo data of service B: this Jalali year's calendar (once for the province) and, per agency, requests in
every state of the process, with one session held and certified whose certificates one request has released,
and one topped up after a request left it.

Everything goes through the same services the pages call, so the demo is also a walk of the whole flow: the
sessions take a hall and an instructor free on their days, and a later agency's request is merged into an
open session of the same course while it has room, as the scheduling page offers.
"""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.selectors import users_with_roles
from apps.core.jalali import to_jalali, today
from apps.core.national_id import national_id_with_checksum
from apps.core.workdays import WorkCalendar
from apps.workflow.services import perform

from .imports import LearnerImport
from .models import Category, Course, CourseSession, Learner, Mode
from .selectors import open_sessions
from .services import requests as request_services
from .services import sessions as session_services
from .services.clashes import session_clash_find

CALENDAR = (
    ("آشنایی با قوانین و مقررات اداری و استخدامی", Category.INDUCTION, 24, 2, Mode.IN_PERSON),
    ("مهارت‌های ارتباطی در محیط کار", Category.JOB_GENERAL, 16, 3, Mode.BLENDED),
    ("مستندسازی تجربیات مدیران", Category.MANAGEMENT, 16, 4, Mode.IN_PERSON),
    ("کاربرد هوش مصنوعی در خدمات دولتی", Category.GENERAL, 12, 5, Mode.VIRTUAL),
    ("تفکر راهبردی برای مدیران میانی", Category.MANAGEMENT, 20, 6, Mode.IN_PERSON),
    ("نظام بودجه‌ریزی عملیاتی", Category.JOB_SPECIALIZED, 16, 7, Mode.BLENDED),
    ("امنیت اطلاعات و حفاظت از داده‌ها", Category.GENERAL, 8, 8, Mode.VIRTUAL),
    ("مدیریت تعارض و مذاکره", Category.MANAGEMENT, 12, 9, Mode.IN_PERSON),
)
SYLLABUS = "سرفصل‌های مصوب نظام آموزش کارمندان: مبانی، مطالعه موردی، کارگاه عملی و آزمون پایانی."
TUITION = 4_000_000
FIRST = ("مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی", "لیلا", "امید")
LAST = ("احمدی", "موسوی", "کریمی", "حسینی", "رضایی", "جعفری", "بهبهانی", "دزفولی", "شوشتری", "عباسی")
EMPLOYMENT = ("رسمی", "پیمانی", "قراردادی و سایر")
PDF_BYTES = b"%PDF-1.4\n% demo document\n"
HALLS = (
    "سالن آموزش سازمان",
    "کلاس ۱ مرکز آموزش",
    "کلاس ۲ مرکز آموزش",
    "کلاس ۳ مرکز آموزش",
    "سالن همایش سازمان",
    "کارگاه رایانه مرکز آموزش",
)
INSTRUCTORS = (
    "دکتر نرگس کاظمی",
    "مهندس امید رحیمی",
    "دکتر حسن نوری",
    "دکتر لیلا صادقی",
    "مهندس رضا فرهادی",
    "دکتر مینا جهانگیری",
    "دکتر علی شریفی",
    "مهندس سارا امینی",
)


def calendar_build(province_id: int | None) -> list[Course]:
    """The province's calendar of this year, created once and reused by every agency's builder."""
    year = to_jalali(today()).year
    return [
        Course.objects.get_or_create(
            province_id=province_id,
            year=year,
            title=title,
            defaults={
                "category": category,
                "syllabus": SYLLABUS,
                "hours": hours,
                "tuition": TUITION,
                "planned_month": month,
                "mode": mode,
                "venue": "سالن آموزش سازمان مدیریت و برنامه‌ریزی استان",
                "capacity": 40,
            },
        )[0]
        for title, category, hours, month, mode in CALENDAR
    ]


def _learner_file(agency_id: int, start: int, count: int, person: User | None = None) -> SimpleUploadedFile:
    """The learner form of a request: numbered people, the last one `person` (the demo's employee) if given."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in LearnerImport.columns])
    for n in range(start, start + count):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 3 + agency_id) % len(LAST)]}"
        if person is not None and name == person.get_full_name():
            # Nobody else on the form bears the employee's name: their own rows must be theirs alone.
            name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 3 + agency_id + 1) % len(LAST)]}"
        national_id = national_id_with_checksum(f"{(270_000_000 + agency_id * 7919 + n * 131) % 10**9:09d}")
        mobile = f"0917{(agency_id * 1000 + n) % 10**7:07d}"
        if person is not None and person.national_id and n == start + count - 1:
            name, national_id, mobile = person.get_full_name(), person.national_id, person.mobile or mobile
        sheet.append([name, national_id, EMPLOYMENT[n % 3], "کارشناس", "کارشناسی", mobile])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("learners.xlsx", buffer.getvalue())


class _Agency:
    """Files this agency's requests with numbered learners so no person repeats within a course."""

    def __init__(self, officer: User, employee: User | None = None):
        self.officer = officer
        self.employee = employee
        self.next_learner = 0

    def file(self, course: Course, people: int, *, with_employee: bool = False):
        case = request_services.request_file(
            actor=self.officer,
            course=course,
            receipt_number=f"{self.officer.organization_id}{self.next_learner:05d}",
            receipt_amount=course.tuition * people,
            receipt_date=today() - dt.timedelta(days=3),
            learner_file=_learner_file(
                self.officer.organization_id,
                self.next_learner,
                people,
                self.employee if with_employee else None,
            ),
            letter_file=SimpleUploadedFile("letter.pdf", PDF_BYTES),
            receipt_file=SimpleUploadedFile("receipt.pdf", PDF_BYTES),
        )
        self.next_learner += people
        return case


def _training_expert(world) -> User:
    staff = users_with_roles(Role.ORG_EXPERT, Role.ORG_GROUP_HEAD, organization_ids=[world.province.pk])
    return staff.filter(unit__code="training").order_by("pk").first()


def _free_slot(course: Course, start: dt.date) -> dict:
    """The first hall and instructor free on the session's two days; a week later if every pair is taken."""
    while True:
        end = start + dt.timedelta(days=1)
        for instructor in INSTRUCTORS:
            for place in HALLS:
                slot = {"starts_on": start, "ends_on": end, "place": place, "mode": course.mode}
                if session_clash_find(instructor=instructor, **slot) is None:
                    return {**slot, "instructor": instructor}
        start = WorkCalendar().next_working_day(start + dt.timedelta(days=7))


def _session(expert, course, cases, *, starts_ago: int):
    start = WorkCalendar().next_working_day(today() - dt.timedelta(days=starts_ago))
    return session_services.session_plan(
        actor=expert,
        course=course,
        requests=[c.training_request for c in cases],
        meetings=4,
        **_free_slot(course, start),
    )


def _merged_or_new(expert, course, case, *, starts_ago: int, state: str) -> CourseSession:
    """Merges the request into an open session of the course at `state` with room for it, as the
    scheduling page offers; only when none has room is another session opened."""
    people = case.training_request.learners.count()
    for session in open_sessions(course=course).filter(state=state):
        if session.people + people <= course.capacity:
            return session_services.session_top_up(
                session=session, actor=expert, requests=[case.training_request]
            )
    session = _session(expert, course, [case], starts_ago=starts_ago)
    if state == CourseSession.State.ANNOUNCED:
        session_services.session_announce(session=session, actor=expert)
    return session


def build(world, agency) -> None:
    courses = calendar_build(world.province.province_id)
    expert = _training_expert(world)
    people = world.agency_users[agency.id]
    # The agency's demo employee attends courses too, so their own record, requests and certificate show.
    desk = _Agency(people[Role.AGENCY_OFFICER], people.get(Role.LEARNER))

    desk.file(courses[0], 3, with_employee=True)  # waiting for review
    returned = desk.file(courses[1], 2)
    perform(returned, "return", actor=expert, reason="تصویر فیش بانکی خوانا نیست؛ دوباره بارگذاری کنید.")
    gathering = desk.file(courses[3], 6)
    perform(gathering, "approve", actor=expert)
    cancelled = desk.file(courses[6], 2)
    perform(cancelled, "approve", actor=expert)
    perform(cancelled, "cancel", actor=expert, reason="دوره به حد نصاب نرسید؛ شهریه بازگردانده می‌شود.")

    # A session held and certified, merging two requests (12 + 8 = the quorum of 20).
    held = [desk.file(courses[2], 12, with_employee=True), desk.file(courses[2], 8)]
    for case in held:
        perform(case, "approve", actor=expert)
    session = _session(expert, courses[2], held, starts_ago=10)
    session_services.session_announce(session=session, actor=expert)
    learners = list(Learner.objects.filter(request__session=session).order_by("pk"))
    # One learner missed two of four meetings (8 of 16 hours): more than a tenth, so they fail.
    session_services.absences_record(session=session, actor=expert, absent={learners[0].pk: {1, 2}})
    session_services.session_finish(session=session, actor=expert)
    scores = {x.pk: Decimal(55 + (i * 7) % 45) for i, x in enumerate(learners)}
    session_services.scores_record(session=session, actor=expert, scores=scores)
    session_services.session_examine(session=session, actor=expert)
    session_services.session_certify(session=session, actor=expert)
    first = held[0].training_request
    officer = desk.officer
    request_services.evaluation_submit(
        request=first,
        actor=officer,
        answers={"syllabus": 5, "instructor": 4, "venue": 4, "usefulness": 5, "comment": ""},
    )
    request_services.survey_submit(
        request=first, actor=officer, answers={"satisfaction": 4, "timeliness": 5, "desk": 4, "comment": ""}
    )

    # A session announced and running (requests in «running»), 20 people of this agency's request; the
    # next agency's request joins it while the course has room.
    running = desk.file(courses[4], 20, with_employee=True)
    perform(running, "approve", actor=expert)
    _merged_or_new(expert, courses[4], running, starts_ago=0, state=CourseSession.State.ANNOUNCED)

    # A session planned for two requests (14 + 6 = the quorum of 20); the agency withdraws the second, which
    # leaves the session at 14, below the quorum, and a third request of 8 tops it up to 22.
    first_half = desk.file(courses[6], 14)
    withdrawn = desk.file(courses[6], 6)
    for case in (first_half, withdrawn):
        perform(case, "approve", actor=expert)
    topped = _session(expert, courses[6], [first_half, withdrawn], starts_ago=-14)
    perform(withdrawn, "cancel", actor=expert, reason="دستگاه از اعزام این فراگیران انصراف داد.")
    top_up = desk.file(courses[6], 8)
    perform(top_up, "approve", actor=expert)
    session_services.session_top_up(session=topped, actor=expert, requests=[top_up.training_request])

    # Sessions at the other steps: planned (message due), held (exam due), examined (certificates due).
    planned = desk.file(courses[5], 20)
    perform(planned, "approve", actor=expert)
    _merged_or_new(expert, courses[5], planned, starts_ago=-7, state=CourseSession.State.SCHEDULED)
    exam = desk.file(courses[7], 20)
    perform(exam, "approve", actor=expert)
    exam_session = _session(expert, courses[7], [exam], starts_ago=3)
    session_services.session_announce(session=exam_session, actor=expert)
    session_services.session_finish(session=exam_session, actor=expert)
    examined = desk.file(courses[0], 20)
    perform(examined, "approve", actor=expert)
    examined_session = _session(expert, courses[0], [examined], starts_ago=5)
    session_services.session_announce(session=examined_session, actor=expert)
    session_services.session_finish(session=examined_session, actor=expert)
    pupils = Learner.objects.filter(request__session=examined_session)
    session_services.scores_record(
        session=examined_session, actor=expert, scores={x.pk: Decimal(70) for x in pupils}
    )
    session_services.session_examine(session=examined_session, actor=expert)
