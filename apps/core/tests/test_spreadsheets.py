"""The import framework on its own: how a sheet's cells become rows or Persian errors, and the files it writes."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from apps.core.models import Holiday, ImportJob
from apps.core.national_id import national_id_with_checksum
from apps.core.services import IMPORT_INLINE_ROWS, import_start
from apps.core.spreadsheets import (
    Column,
    ImportSpec,
    RowError,
    errors_workbook,
    export_queryset,
    get_spec,
    parse_workbook,
    template_workbook,
    validate_rows,
    xlsx_response,
)

from .xlsx import read_rows, workbook_bytes, xlsx_upload

VALID_ID = national_id_with_checksum("001234567")
OTHER_ID = national_id_with_checksum("123456789")


class PersonSpec(ImportSpec):
    name = "people-test"
    label = "اشخاص"
    columns = (
        Column("کد ملی", "national_id", type="national_id", unique=True),
        Column("نام", "name"),
        Column("تاریخ تولد", "born", type="date"),
        Column("همراه", "mobile", type="mobile", required=False),
        Column("ساعت", "hours", type="int", required=False),
        Column("مبلغ", "amount", type="decimal", required=False),
        Column("جنسیت", "sex", type="choice", choices=[("f", "زن"), ("m", "مرد")], required=False),
    )


HEADERS = [c.header for c in PersonSpec.columns]


def parse(rows):
    return parse_workbook(io.BytesIO(workbook_bytes(rows)), PersonSpec())


def test_it_reads_persian_and_arabic_digits_and_jalali_dates():
    persian_id = VALID_ID.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    rows, errors = parse(
        [
            HEADERS,
            [persian_id, "علي", "۱۴۰۵/۰۹/۰۲", "۰۹۱۲۳۴۵۶۷۸۹", "١٢", "۱۲٫۵", "زن"],
            [OTHER_ID, "مریم", "1405/9/3", "+989121234567", 7, 3.25, "m"],
        ]
    )
    assert errors == []
    first, second = rows
    assert first == {
        "national_id": VALID_ID,
        "name": "علی",
        "born": dt.date(2026, 11, 23),
        "mobile": "09123456789",
        "hours": 12,
        "amount": Decimal("12.5"),
        "sex": "f",
    }
    assert first.number == 2
    assert second["mobile"] == "09121234567"
    assert second["sex"] == "m"


def test_it_restores_the_leading_zeros_excel_drops_from_a_national_id():
    rows, errors = parse([HEADERS, [int(VALID_ID), "علی", "1405/09/02"]])
    assert errors == []
    assert rows[0]["national_id"] == VALID_ID


def test_it_names_the_row_and_column_of_each_bad_cell_in_persian():
    rows, errors = parse(
        [
            HEADERS,
            [VALID_ID, "علی", "1405/09/02"],
            ["1234567890", "", "1405/13/01", "0912", "دوازده", "x", "نامعلوم"],
        ]
    )
    assert [r.number for r in rows] == [2]
    by_column = {e.column_header: e for e in errors}
    assert all(e.row_number == 3 for e in errors)
    assert by_column["کد ملی"].message == "کد ملی معتبر نیست."
    assert by_column["نام"].message == "خالی است."
    assert by_column["تاریخ تولد"].message == "چنین روزی در تقویم وجود ندارد."
    assert "۰۹" in by_column["همراه"].message
    assert by_column["ساعت"].message == "باید عدد صحیح باشد."
    assert by_column["مبلغ"].message == "باید عدد باشد."
    assert "زن، مرد" in by_column["جنسیت"].message


def test_it_refuses_a_value_repeated_within_the_file():
    rows, errors = parse([HEADERS, [VALID_ID, "علی", "1405/09/02"], [VALID_ID, "رضا", "1405/09/02"]])
    assert len(rows) == 1
    assert errors == [RowError(3, "کد ملی", "تکراری است؛ در ردیف ۲ هم آمده است.")]


def test_it_refuses_a_value_already_in_the_database():
    class StoredSpec(PersonSpec):
        def existing_keys(self, context):
            return {"national_id": {OTHER_ID}}

    spec = StoredSpec()
    rows, errors = parse_workbook(
        io.BytesIO(
            workbook_bytes([HEADERS, [VALID_ID, "علی", "1405/09/02"], [OTHER_ID, "رضا", "1405/09/02"]])
        ),
        spec,
    )
    assert errors == []
    assert validate_rows(spec, rows, {}) == [RowError(3, "کد ملی", "این کد ملی پیش‌تر ثبت شده است.")]


def test_it_adds_the_errors_of_a_spec_rule_across_columns():
    class RuleSpec(PersonSpec):
        def validate_row(self, row, context):
            return ["کسی که در ۱۴۰۵ زاده شده نمی‌تواند ساعت کار داشته باشد."] if row["hours"] else []

    spec = RuleSpec()
    rows, _ = parse_workbook(
        io.BytesIO(workbook_bytes([HEADERS, [VALID_ID, "علی", "1405/09/02", None, 3]])), spec
    )
    assert validate_rows(spec, rows, {}) == [
        RowError(2, "", "کسی که در ۱۴۰۵ زاده شده نمی‌تواند ساعت کار داشته باشد.")
    ]


def test_it_refuses_a_sheet_without_a_required_header_with_one_error():
    rows, errors = parse([["کد ملی", "تاریخ تولد"], [VALID_ID, "1405/09/02"]])
    assert rows == []
    assert errors == [RowError(1, "", "ستون «نام» در سطر نخست فایل نیست؛ از فایل نمونه استفاده کنید.")]


def test_it_finds_headers_in_any_order_and_skips_blank_rows():
    rows, errors = parse(
        [["تاریخ تولد", "نام", "کد ملی"], ["1405/09/02", "علی", VALID_ID], [None, None, None], ["  "]]
    )
    assert errors == []
    assert len(rows) == 1


def test_it_refuses_a_sheet_with_headers_and_no_rows():
    assert parse([HEADERS])[1] == [RowError(2, "", "فایل هیچ ردیف داده‌ای ندارد.")]


def test_it_reports_a_damaged_file_instead_of_failing():
    rows, errors = parse_workbook(io.BytesIO(b"PK\x03\x04 not really a workbook"), PersonSpec())
    assert rows == []
    assert "خوانا نیست" in errors[0].message


def test_it_reports_progress_every_thousand_rows():
    calls = []
    lines = [HEADERS] + [
        [national_id_with_checksum(f"{100000000 + i:09d}"), "علی", "1405/09/02"] for i in range(2500)
    ]
    rows, errors = parse_workbook(
        io.BytesIO(workbook_bytes(lines)), PersonSpec(), progress=lambda *a: calls.append(a)
    )
    assert errors == []
    assert len(rows) == 2500
    assert calls == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_the_template_has_the_headers_an_example_row_and_reads_back_without_error():
    content = template_workbook(PersonSpec())
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == HEADERS
    assert workbook.sheetnames == ["داده‌ها", "راهنما"]
    rows, errors = parse_workbook(io.BytesIO(content), PersonSpec())
    assert errors == []
    assert len(rows) == 1


def test_the_error_workbook_lists_row_column_and_message():
    content = errors_workbook([RowError(3, "کد ملی", "کد ملی معتبر نیست.")])
    assert read_rows(content) == [("ردیف", "ستون", "خطا"), (3, "کد ملی", "کد ملی معتبر نیست.")]


def test_the_export_helper_writes_persian_headers_jalali_dates_and_no_formulas():
    response = xlsx_response(
        "گزارش",
        ["تاریخ", "عنوان", "تعداد"],
        [[dt.date(2026, 11, 23), '=HYPERLINK("x")', 3], [None, True, 1.5]],
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert sheet.sheet_view.rightToLeft
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["تاریخ", "عنوان", "تعداد"],
        ["1405/09/02", '=HYPERLINK("x")', 3],
        [None, "بله", 1.5],
    ]
    assert sheet["B2"].data_type == "s"


def test_exported_moments_are_jalali_in_tehran_and_days_off_the_calendar_are_written_as_stored():
    content = xlsx_response(
        "گزارش",
        ["زمان"],
        [
            [dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)],
            [dt.datetime(1, 1, 1, 8, 0)],
            [dt.date(1, 1, 1)],
        ],
    ).content
    assert read_rows(content) == [("زمان",), ("1405/09/02 14:00",), ("0001-01-01 08:00",), ("0001-01-01",)]


@pytest.mark.django_db
def test_export_queryset_turns_a_list_into_rows(rf):
    Holiday.objects.create(date=dt.date(2026, 3, 21), title="آغاز نوروز")
    request = rf.get("/holidays/")
    response = export_queryset(
        request, Holiday.objects.all(), [("تاریخ", lambda h: h.date), ("مناسبت", lambda h: h.title)]
    )
    assert read_rows(response.content) == [("تاریخ", "مناسبت"), ("1405/01/01", "آغاز نوروز")]
    assert "export.xlsx" in response["Content-Disposition"]


# The whole import through the service, with the holiday spec core registers for itself.


def holiday_lines(count: int, start: dt.date = dt.date(2026, 3, 21)) -> list[list]:
    from apps.core.jalali import format_date

    return [["تاریخ", "مناسبت"]] + [
        [format_date(start + dt.timedelta(days=i)), f"مناسبت {i}"] for i in range(count)
    ]


def test_the_holiday_import_is_registered():
    assert get_spec("holidays").label == "تعطیلات رسمی"


def test_one_bad_row_among_good_ones_writes_nothing(org_expert):
    lines = holiday_lines(5)
    lines[3][0] = "1405/02/32"
    job = import_start(spec_name="holidays", uploaded_file=xlsx_upload(lines), user=org_expert, context={})
    assert job.status == ImportJob.Status.FAILED
    assert Holiday.objects.count() == 0
    assert job.error_count == 1
    assert job.errors == [
        {"row_number": 4, "column_header": "تاریخ", "message": "چنین روزی در تقویم وجود ندارد."}
    ]
    assert job.message.startswith("هیچ ردیفی ثبت نشد")


def test_a_clean_file_is_written_in_one_go(org_expert):
    job = import_start(spec_name="holidays", uploaded_file=xlsx_upload(holiday_lines(3)), user=org_expert)
    assert job.status == ImportJob.Status.DONE
    assert (job.imported, job.processed, job.total) == (3, 3, 3)
    assert list(Holiday.objects.values_list("title", flat=True)) == ["مناسبت 0", "مناسبت 1", "مناسبت 2"]
    assert job.user_id == org_expert.pk
    assert job.organization_id == org_expert.organization_id


def test_a_date_already_in_the_table_is_a_row_error(org_expert):
    Holiday.objects.create(date=dt.date(2026, 3, 22), title="عید نوروز")
    job = import_start(spec_name="holidays", uploaded_file=xlsx_upload(holiday_lines(3)), user=org_expert)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"row_number": 3, "column_header": "تاریخ", "message": "این تاریخ پیش‌تر ثبت شده است."}
    ]
    assert Holiday.objects.count() == 1


def test_a_failing_save_writes_nothing_and_fails_the_job_in_persian(org_expert, monkeypatch):
    spec = get_spec("holidays")

    def save_half_then_fail(rows, context):
        Holiday.objects.create(date=rows[0]["date"], title=rows[0]["title"])
        raise RuntimeError("disk full")

    monkeypatch.setattr(spec, "save", save_half_then_fail)
    job = import_start(spec_name="holidays", uploaded_file=xlsx_upload(holiday_lines(2)), user=org_expert)
    assert job.status == ImportJob.Status.FAILED
    assert job.message == "ثبت ردیف‌ها با خطا روبه‌رو شد و هیچ ردیفی ثبت نشد."
    assert Holiday.objects.count() == 0


def test_a_large_file_runs_in_the_background_task(
    org_expert, django_capture_on_commit_callbacks, monkeypatch
):
    from apps.core import tasks

    queued = []
    real_delay = tasks.import_run_task.delay
    monkeypatch.setattr(
        tasks.import_run_task, "delay", lambda job_id: queued.append(job_id) or real_delay(job_id)
    )
    count = IMPORT_INLINE_ROWS + 1000
    with django_capture_on_commit_callbacks(execute=True):
        job = import_start(
            spec_name="holidays", uploaded_file=xlsx_upload(holiday_lines(count)), user=org_expert
        )
    assert queued == [job.pk]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.imported, job.processed) == (count, count)
    assert Holiday.objects.count() == count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rows_insert_checks_foreign_keys_as_rows_arrive_and_reads_their_names_once(
    province, django_assert_num_queries
):
    """COPY checks each row's foreign keys while the file is read (Django defers them to the commit); the
    keys' names come from the catalog on the table's first import only."""
    from django.db import IntegrityError, transaction

    from apps.accounts.models import OrgUnit
    from apps.core.spreadsheets import rows_insert

    with transaction.atomic():
        rows_insert(OrgUnit, ["organization_id", "code", "name"], [(province.pk, "g1", "گروه یکم")])
    with transaction.atomic(), django_assert_num_queries(2):  # the two SET CONSTRAINTS, no catalog read
        rows_insert(OrgUnit, ["organization_id", "code", "name"], [(province.pk, "g2", "گروه دوم")])
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(OrgUnit, ["organization_id", "code", "name"], [(province.pk + 999, "g3", "بی‌سازمان")])
    assert sorted(OrgUnit.objects.filter(organization=province).values_list("code", flat=True)) == [
        "g1",
        "g2",
    ]
