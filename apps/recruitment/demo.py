"""Demo data of service A: one round in progress (files in every state) and one closed round.

The rounds move through their process (`recruitment.round`) by the services, or by `record_perform` for
the steps whose work the demo seeds as the national organization's data (results and interviews).

Every hire file carries its documents (the degree, the national card and the open round's own extra one)
attached through the real service; one draft still lacks its degree, so its checklist shows what is missing.

The rounds, their venues and supervisors are the province's and are made once; each demo agency then
gets its job-locations, its accepted people and its hire files, which move through the real services.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.accounts.roles import Role
from apps.core.jalali import today
from apps.core.national_id import national_id_with_checksum
from apps.workflow.services import perform, record_mark, record_perform

from . import selectors
from .models import Candidate, JobQuota, QuotaType, Round, Supervisor
from .rules import INTERVIEW_PASS_SCORE
from .services import hire_documents, hires, rounds, supervisors

OPEN_ROUND = ("1405-1", "آزمون استخدامی مشترک دستگاه‌های اجرایی — نوبت اول ۱۴۰۵")
CLOSED_ROUND = ("1404-1", "آزمون استخدامی مشترک دستگاه‌های اجرایی — ۱۴۰۴")
VENUES = (
    ("دانشگاه شهید چمران اهواز", "اهواز، بلوار گلستان، دانشگاه شهید چمران", 1200),
    ("دانشگاه آزاد اسلامی دزفول", "دزفول، بلوار دانشگاه", 800),
)
# The second venue's supervisor has no desk account; the first venue's is the first demo agency's
# supervisor account itself (its own name and national ID), so "my card" is that person's own card.
ROSTER_WITHOUT_ACCOUNT = ("محمد رضایی", national_id_with_checksum("001567890"))
OPEN_ROUND_DOCUMENTS = ("گواهی عدم سوءپیشینه کیفری",)
FIRST_NAMES = ("علی", "مریم", "حسین", "فاطمه", "رضا", "سارا", "مهدی", "نرگس", "امیر")
LAST_NAMES = ("احمدی", "موسوی", "حسینی", "کاظمی", "جعفری", "نوری", "صالحی", "رحیمی", "عباسی")
PERSON = {
    "father_name": "محمود",
    "birth_date": dt.date(1995, 4, 21),
    "mobile": "09161234567",
    "education": "bachelor",
    "field_of_study": "مدیریت دولتی",
}
# What happens to each registered file of the open round, in order: the states of the process. The first
# stays the agency's draft with its degree still missing; the others are sent complete.
DRAFT_MISSING = "degree"
OPEN_SCRIPTS = (
    (),
    (("submit", ""),),
    (("submit", ""), ("return", "تصویر دانشنامه خوانا نیست؛ تصویر روشن‌تری پیوست کنید.")),
    (("submit", ""), ("return", "تاریخ تولد با شناسنامه مطابقت ندارد."), ("resend", "")),
    (("submit", ""), ("forward", "")),
    (("submit", ""), ("forward", ""), ("approve", "")),
)
# A one-page PDF, enough for the desk's check of the file's content (its signature) and size.
_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _photo(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (90, 120), (180, 200, 220)).save(buffer, format="PNG")
    return SimpleUploadedFile(f"{name}.png", buffer.getvalue(), content_type="image/png")


def _document(code: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{code}.pdf", _PDF, content_type="application/pdf")


def _attach_documents(hr, case, skip: str = "") -> None:
    """Attaches each required document of the file through the service, as the agency's HR would."""
    hire = case.hire
    for requirement in selectors.round_requirements(round_=hire.round):
        if requirement.code != skip:
            hire_documents.hire_document_attach(
                actor=hr, hire=hire, requirement=requirement.code, uploaded_file=_document(requirement.code)
            )


def _national_id(agency, round_number: int, n: int) -> str:
    return national_id_with_checksum(f"{agency.pk % 10000:04d}{round_number}{n:04d}")


def _open_round(world, agency) -> Round:
    """The round in progress, made once: announced, supervised, reported, its results published."""
    province = world.province.province
    existing = Round.objects.filter(province=province, code=OPEN_ROUND[0]).first()
    if existing:
        return existing
    expert, national = world.org_staff[Role.ORG_EXPERT], world.national_staff[Role.NATIONAL_OFFICER]
    round_ = rounds.round_create(
        actor=national,
        province=province,
        code=OPEN_ROUND[0],
        title=OPEN_ROUND[1],
        extra_documents=OPEN_ROUND_DOCUMENTS,
    )
    rounds.round_announce(
        actor=national, round_=round_, exam_date=today() - dt.timedelta(days=40), supervisors_requested=2
    )
    # The first demo agency's supervisor has a desk account and files his venue's report himself.
    account = world.agency_users[agency.id][Role.SUPERVISOR]
    people = (
        (account.get_full_name(), account.national_id, account),
        (*ROSTER_WITHOUT_ACCOUNT, None),
    )
    roster = [
        Supervisor.objects.filter(national_id=nid).first()
        or supervisors.supervisor_add(
            actor=expert, full_name=name, national_id=nid, photo=_photo(nid), user=user
        )
        for name, nid, user in people
    ]
    for (name, address, capacity), person in zip(VENUES, roster, strict=True):
        venue = rounds.venue_add(actor=expert, round_=round_, name=name, address=address, capacity=capacity)
        supervisors.supervisor_nominate(actor=expert, venue=venue, supervisor=person)
        rounds.exam_report_file(
            actor=person.user or expert,
            venue=venue,
            present=capacity - 60,
            absent=60,
            incidents="بدون رویداد خاص.",
        )
    rounds.round_reports_send(actor=expert, round_=round_)
    return round_


def _to_registration(world, round_: Round) -> Round:
    """Takes a round on to registration by its process's actions, each by whose step it is: its results
    and interviews are seeded below as the national org's data."""
    expert, national = world.org_staff[Role.ORG_EXPERT], world.national_staff[Role.NATIONAL_OFFICER]
    round_ = Round.objects.select_related("case").get(pk=round_.pk)
    steps = (
        ("announce", national),
        ("send_reports", expert),
        ("publish_results", national),
        ("allocate", expert),
    )
    for action, actor in steps:
        if round_.case.step.action(action) is not None:
            round_ = record_perform(round_, action, actor=actor)
    return round_


def _closed_round(world) -> Round:
    """The past round, made once: open for registration until the first demo agency's files are approved,
    then closed (a closed round takes no more files, so only that agency has files in it)."""
    province = world.province.province
    existing = Round.objects.filter(province=province, code=CLOSED_ROUND[0]).first()
    if existing:
        return existing
    national = world.national_staff[Role.NATIONAL_OFFICER]
    round_ = rounds.round_create(
        actor=national, province=province, code=CLOSED_ROUND[0], title=CLOSED_ROUND[1]
    )
    rounds.round_announce(
        actor=national, round_=round_, exam_date=today() - dt.timedelta(days=400), supervisors_requested=2
    )
    return _to_registration(world, round_)


def _seed_lines(
    world, round_: Round, agency, round_number: int, jobs: tuple[tuple[str, str, int, bool], ...]
):
    """The national org's lines for this agency: job-locations and their final accepted people.

    Seeded as rows (the national org's data, with their interview scores) since a demo agency joins a
    round that has passed those steps; each outcome is then recorded through the workflow core.
    """
    quotas = [
        JobQuota.objects.create(
            round=round_,
            agency=agency,
            job_code=f"{agency.pk}-{round_number}{n}",
            job_title=title,
            city=city,
            posts=posts,
            allocated=posts,
            natives_only=natives,
        )
        for n, (title, city, posts, natives) in enumerate(jobs, start=1)
    ]
    people = []
    for n in range(len(FIRST_NAMES)):
        quota = quotas[n % len(quotas)]
        people.append(
            Candidate.objects.create(
                round=round_,
                job=quota,
                national_id=_national_id(agency, round_number, n),
                first_name=FIRST_NAMES[n],
                last_name=LAST_NAMES[n],
                exam_score=70 + n,
                quota_type=QuotaType.VETERAN if n % 3 == 2 else QuotaType.FREE,
                interview_score=55 if n == len(FIRST_NAMES) - 1 else 75,
                interview_minutes="داوطلب در مصاحبه حاضر شد و به پرسش‌ها پاسخ داد.",
            )
        )
    # Each outcome through the workflow core, by the Deputy's expert the round waits on.
    expert = world.org_staff[Role.ORG_EXPERT]
    for person in people:
        outcome = "pass" if person.interview_score >= INTERVIEW_PASS_SCORE else "fail"
        record_mark(person, outcome, actor=expert, changes={"score": person.interview_score})
    return people


def _walk(world, agency, case, script, employee_number: str):
    hr = world.agency_users[agency.id][Role.AGENCY_HR]
    actors = {
        "submit": hr,
        "forward": world.org_staff[Role.ORG_EXPERT],
        "return": world.org_staff[Role.ORG_EXPERT],
        "resend": hr,
    }
    for action, reason in script:
        if action == "approve":
            hires.hire_finalize(
                actor=world.national_staff[Role.NATIONAL_OFFICER],
                hire=case.hire,
                employee_number=employee_number,
            )
        else:
            case = perform(case, action, actor=actors[action], reason=reason)


def build(world, agency) -> None:
    open_round, closed_round = _open_round(world, agency), _closed_round(world)
    if JobQuota.objects.filter(round=open_round, agency=agency).exists():
        return
    hr = world.agency_users[agency.id][Role.AGENCY_HR]
    if open_round.stage != Round.Stage.REGISTRATION:
        # Results and interviews are seeded below as the national org's data, so registration opens here.
        open_round = _to_registration(world, open_round)
    people = _seed_lines(
        world,
        open_round,
        agency,
        5,
        (("کارشناس امور اداری", "اهواز", 6, False), ("کاردان فنی", "دزفول", 3, True)),
    )
    for n, script in enumerate(OPEN_SCRIPTS):
        person = people[n]
        case = hires.hire_register(actor=hr, candidate=person, is_native=True, **PERSON)
        _attach_documents(hr, case, skip="" if script else DRAFT_MISSING)
        _walk(world, agency, case, script, f"{agency.pk % 10000:04d}5{n:04d}")

    if closed_round.stage != Round.Stage.REGISTRATION:
        return
    people = _seed_lines(world, closed_round, agency, 4, (("کارشناس مالی", "اهواز", 2, False),))
    for n in range(2):
        case = hires.hire_register(actor=hr, candidate=people[n * 2], is_native=True, **PERSON)
        _attach_documents(hr, case)
        script = (("submit", ""), ("forward", ""), ("approve", ""))
        _walk(world, agency, case, script, f"{agency.pk % 10000:04d}4{n:04d}")
    rounds.round_close(actor=world.org_staff[Role.ORG_EXPERT], round_=closed_round)
