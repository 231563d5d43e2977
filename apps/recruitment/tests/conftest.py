"""Service A's fixtures: a round walked through the real services up to the step a test needs."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.jalali import today
from apps.core.national_id import national_id_with_checksum
from apps.recruitment import selectors
from apps.recruitment.models import Candidate, QuotaType
from apps.recruitment.services import hire_documents, hires, rounds, supervisors
from apps.workflow.services import perform

PERSON = {
    "father_name": "محمود",
    "birth_date": dt.date(1996, 3, 1),
    "mobile": "09161234567",
    "education": "bachelor",
    "field_of_study": "مدیریت دولتی",
    "is_native": True,
}


def national_id(n: int) -> str:
    return national_id_with_checksum(f"{200000000 + n:09d}")


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (200, 210, 220)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def attach_documents(actor, case, *, skip: tuple[str, ...] = ()) -> None:
    """Attaches every required document of the case's hire file but those in `skip`."""
    hire = case.hire
    for requirement in selectors.round_requirements(round_=hire.round):
        if requirement.code not in skip:
            hire_documents.hire_document_attach(
                actor=actor, hire=hire, requirement=requirement.code, uploaded_file=pdf_upload()
            )


@pytest.fixture
def hr(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_HR], username="hr")


@pytest.fixture
def other_hr(other_agency):
    return UserFactory(organization=other_agency, roles=[Role.AGENCY_HR], username="otherhr")


@pytest.fixture
def supervisor_user(agency):
    return UserFactory(
        organization=agency,
        roles=[Role.SUPERVISOR],
        username="supervisor",
        first_name="زهرا",
        last_name="کریمی",
        national_id=national_id(900),
    )


@pytest.fixture
def new_round(national_officer, org_expert, agency, other_agency):
    """A round whose quotas are recorded: two job-locations for the agency, one for the other."""
    round_ = rounds.round_create(
        actor=national_officer, province=agency.province, code="1405-1", title="آزمون مشترک ۱۴۰۵"
    )
    rounds.job_quota_rows_add(
        actor=national_officer,
        round_=round_,
        rows=[
            {
                "agency_code": agency.code,
                "job_code": "J1",
                "job_title": "کارشناس اداری",
                "city": "اهواز",
                "posts": 10,
            },
            {
                "agency_code": agency.code,
                "job_code": "J2",
                "job_title": "کاردان فنی",
                "city": "دزفول",
                "posts": 2,
                "natives_only": True,
            },
            {
                "agency_code": other_agency.code,
                "job_code": "K1",
                "job_title": "حسابدار",
                "city": "اهواز",
                "posts": 3,
            },
        ],
    )
    return round_


@pytest.fixture
def announced_round(new_round, national_officer, org_expert):
    rounds.round_announce(
        actor=national_officer,
        round_=new_round,
        exam_date=today() - dt.timedelta(days=3),
        supervisors_requested=2,
    )
    rounds.venue_add(
        actor=org_expert, round_=new_round, name="دانشگاه شهید چمران", address="اهواز، گلستان", capacity=500
    )
    new_round.refresh_from_db()
    return new_round


@pytest.fixture
def roster_person(org_expert, supervisor_user):
    return supervisors.supervisor_add(
        actor=org_expert,
        full_name="زهرا کریمی",
        national_id=national_id(900),
        photo=png_upload(),
        user=supervisor_user,
    )


# Twelve people on the list: eleven for the agency's J1 (two of them veterans), one for J2.
LIST_SIZE = 12


def results_rows() -> list[dict]:
    rows = []
    for n in range(LIST_SIZE):
        rows.append(
            {
                "national_id": national_id(n),
                "first_name": "داوطلب",
                "last_name": f"شماره {n}",
                "job_code": "J2" if n == LIST_SIZE - 1 else "J1",
                "exam_score": 60 + n,
                "quota_type": QuotaType.VETERAN if n in (3, 7) else QuotaType.FREE,
            }
        )
    return rows


@pytest.fixture
def results_round(announced_round, org_expert, national_officer):
    """Exam held and reported; the national org published the initially accepted list."""
    venue = announced_round.venues.get()
    rounds.exam_report_file(actor=org_expert, venue=venue, present=450, absent=50, incidents="")
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    rounds.results_publish(actor=national_officer, round_=announced_round, rows=results_rows())
    announced_round.refresh_from_db()
    return announced_round


@pytest.fixture
def interview_panel(results_round, org_expert, roster_person):
    return rounds.panel_create(
        actor=org_expert,
        round_=results_round,
        title="هیئت یک",
        date=today(),
        place="سالن اجتماعات سازمان",
        supervisor=roster_person,
    )


@pytest.fixture
def interviewed_round(results_round, org_expert, interview_panel):
    """Everyone on the list passed the interview."""
    for candidate in Candidate.objects.filter(round=results_round):
        rounds.candidate_interview_record(
            actor=org_expert, candidate=candidate, panel=interview_panel, score=80, minutes="پاسخ‌های کامل"
        )
    return results_round


@pytest.fixture
def registration_round(interviewed_round, org_expert):
    """The Deputy allocated every job-location's full quota for registration."""
    for quota in interviewed_round.quotas.all():
        rounds.quota_allocate(actor=org_expert, quota=quota, allocated=quota.posts)
    interviewed_round.refresh_from_db()
    return interviewed_round


def candidate(round_, n: int) -> Candidate:
    return Candidate.objects.get(round=round_, national_id=national_id(n))


@pytest.fixture
def register():
    """Registers the n-th person of the list as `actor`, attaches its documents and sends it to the
    Deputy; returns the case. With draft=True the case stays the agency's draft, with no document."""

    def _register(actor, round_, n: int, *, draft: bool = False, **overrides):
        case = hires.hire_register(actor=actor, candidate=candidate(round_, n), **{**PERSON, **overrides})
        if draft:
            return case
        attach_documents(actor, case)
        return perform(case, "submit", actor=actor)

    return _register
