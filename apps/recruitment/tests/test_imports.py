"""The spreadsheet exchanges with the national system: all or nothing, a bad row named by its number."""

import pytest

from apps.core.digits import to_persian_digits
from apps.core.models import ImportJob
from apps.core.services import import_start
from apps.core.tests.xlsx import read_rows, xlsx_upload
from apps.recruitment.exports import LEDGER_HEADERS
from apps.recruitment.imports import EmployeeNumberImport, QuotaImport, ResultsImport
from apps.recruitment.models import Candidate, Hire, JobQuota, Round
from apps.recruitment.services import rounds
from apps.workflow.services import perform

from .conftest import national_id

pytestmark = pytest.mark.django_db

RESULT_HEADERS = ["کد ملی", "نام", "نام خانوادگی", "کد شغل محل", "نمره آزمون", "سهمیه"]


def _reported(announced_round, org_expert):
    rounds.exam_report_file(actor=org_expert, venue=announced_round.venues.get(), present=10, absent=0)
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    return announced_round


def _result_rows(count: int) -> list[list]:
    # Persian digits in the national ID, as a clerk's sheet often has them.
    return [
        [
            to_persian_digits(national_id(n)),
            "داوطلب",
            f"شماره {n}",
            "J1" if n % 2 else "K1",
            55 + n % 40,
            "آزاد",
        ]
        for n in range(count)
    ]


def test_thousands_of_results_import_at_once(announced_round, org_expert, national_officer):
    round_ = _reported(announced_round, org_expert)
    job = import_start(
        spec_name=ResultsImport.name,
        uploaded_file=xlsx_upload([RESULT_HEADERS, *_result_rows(2000)]),
        user=national_officer,
        context={"round_id": round_.pk},
    )
    assert job.status == ImportJob.Status.DONE, job.errors[:3]
    assert job.imported == 2000
    assert Candidate.objects.filter(round=round_).count() == 2000
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.RESULTS


def test_one_bad_row_imports_nothing_and_names_the_row(announced_round, org_expert, national_officer):
    round_ = _reported(announced_round, org_expert)
    rows = _result_rows(50)
    rows[29][3] = "X99"  # sheet row 31: a job-location that is not in the round
    job = import_start(
        spec_name=ResultsImport.name,
        uploaded_file=xlsx_upload([RESULT_HEADERS, *rows]),
        user=national_officer,
        context={"round_id": round_.pk},
    )
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"row_number": 31, "column_header": "", "message": "شغل محلی با کد X99 در این دوره نیست."}
    ]
    assert not Candidate.objects.exists()
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.REPORTED


def test_a_bad_row_after_thousands_already_written_undoes_them_all(
    announced_round, org_expert, national_officer
):
    # The results are written while the file is read: by its last row the first 1,999 are in the database.
    round_ = _reported(announced_round, org_expert)
    rows = _result_rows(2000)
    rows[-1][4] = 140
    job = import_start(
        spec_name=ResultsImport.name,
        uploaded_file=xlsx_upload([RESULT_HEADERS, *rows]),
        user=national_officer,
        context={"round_id": round_.pk},
    )
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"row_number": 2001, "column_header": "", "message": "نمره آزمون باید بین ۰ تا ۱۰۰ باشد."}
    ]
    assert not Candidate.objects.exists()
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.REPORTED


def test_only_the_national_org_imports_results(announced_round, org_expert, hr):
    assert not ResultsImport().allowed(org_expert)
    assert not ResultsImport().allowed(hr)


def test_the_exported_ledger_imports_back_as_the_same_job_locations(new_round, national_officer, login):
    response = login(national_officer).get(f"/recruitment/rounds/{new_round.pk}/ledger/?format=xlsx")
    exported = read_rows(response.content)
    assert list(exported[0]) == LEDGER_HEADERS
    copy = rounds.round_create(
        actor=national_officer, province=new_round.province, code="1405-2", title="نوبت دوم"
    )
    job = import_start(
        spec_name=QuotaImport.name,
        uploaded_file=xlsx_upload([list(r) for r in exported]),
        user=national_officer,
        context={"round_id": copy.pk},
    )
    assert job.status == ImportJob.Status.DONE, job.errors
    original = JobQuota.objects.filter(round=new_round).values_list(
        "agency_id", "job_code", "posts", "natives_only"
    )
    imported = JobQuota.objects.filter(round=copy).values_list(
        "agency_id", "job_code", "posts", "natives_only"
    )
    assert sorted(original) == sorted(imported)


def test_employee_numbers_import_in_bulk_and_close_the_files(
    registration_round, hr, org_expert, national_officer, register
):
    for n in (0, 1):
        perform(register(hr, registration_round, n), "forward", actor=org_expert)
    upload = xlsx_upload(
        [["کد ملی", "شماره مستخدم"], [national_id(0), "55500001"], [national_id(1), "55500002"]]
    )
    job = import_start(spec_name=EmployeeNumberImport.name, uploaded_file=upload, user=national_officer)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert sorted(Hire.objects.values_list("employee_number", "case__state")) == [
        ("55500001", "approved"),
        ("55500002", "approved"),
    ]
    assert JobQuota.objects.get(round=registration_round, job_code="J1").approved == 2


def test_an_employee_number_for_a_file_not_awaiting_approval_refuses_the_whole_sheet(
    registration_round, hr, org_expert, national_officer, register
):
    perform(register(hr, registration_round, 0), "forward", actor=org_expert)
    register(hr, registration_round, 1)  # still with the Deputy
    upload = xlsx_upload(
        [["کد ملی", "شماره مستخدم"], [national_id(0), "55500001"], [national_id(1), "55500002"]]
    )
    job = import_start(spec_name=EmployeeNumberImport.name, uploaded_file=upload, user=national_officer)
    assert job.status == ImportJob.Status.FAILED
    assert [e["row_number"] for e in job.errors] == [3]
    assert not Hire.objects.exclude(employee_number="").exists()
