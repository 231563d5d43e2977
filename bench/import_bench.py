"""Issue 8 item 3: exam results through the spreadsheet framework against a raw PostgreSQL COPY of the same rows.

Run through `bash bench/import_bench.sh [rows]` (a fresh bench database); by itself, on an empty migrated
database: `.venv/bin/python -m bench.import_bench --rows 100000 [--profile]`.

The import goes the whole way the results page takes (`import_start` with the round in the context: the
upload checks, the job, parsing every cell, the per-row checks, all rows in one transaction); the COPY
writes the same rows, as CSV, into the same table (a second round with the same job-locations, since a
person is on a round's list once).
"""

import argparse
import cProfile
import csv
import gc
import io
import pstats
import time

from bench.djangosetup import setup

TARGET = 2.0
HEADERS = ["کد ملی", "نام", "نام خانوادگی", "کد شغل محل", "نمره آزمون", "سهمیه"]
JOBS_PER_AGENCY = 4
FIRST_NAMES = ("علی", "مریم", "حسین", "فاطمه", "رضا", "سارا", "مهدی", "نرگس", "امیر", "زینب")
LAST_NAMES = ("احمدی", "موسوی", "حسینی", "کاظمی", "جعفری", "نوری", "صالحی", "رحیمی", "عباسی", "کریمی")
QUOTAS = ["آزاد"] * 8 + ["ایثارگران (ماده ۲۱)", "افراد دارای معلولیت"]


def reported_round(*, code: str, agencies, national, expert):
    """A round walked by the real services up to the step before the results: ledger, exam, reports sent."""
    import datetime as dt

    from apps.core.jalali import today
    from apps.recruitment.services import rounds

    round_ = rounds.round_create(
        actor=national, province=agencies[0].province, code=code, title=f"آزمون سنجش ورود نتایج {code}"
    )
    rounds.job_quota_rows_add(
        actor=national,
        round_=round_,
        rows=[
            {
                "agency_code": agency.code,
                "job_code": f"{agency.code}-{n}",
                "job_title": "کارشناس اداری",
                "city": "اهواز",
                "posts": 500,
            }
            for agency in agencies
            for n in range(JOBS_PER_AGENCY)
        ],
    )
    rounds.round_announce(
        actor=national, round_=round_, exam_date=today() - dt.timedelta(days=3), supervisors_requested=1
    )
    venue = rounds.venue_add(actor=expert, round_=round_, name="حوزه یک", address="اهواز", capacity=10**6)
    rounds.exam_report_file(actor=expert, venue=venue, present=1, absent=0)
    rounds.round_reports_send(actor=expert, round_=round_)
    round_.refresh_from_db()
    return round_


def result_rows(count: int, job_codes: list[str]) -> list[list]:
    """What the national system sends: valid national IDs, names, a job-location, a score, a quota."""
    from apps.core.national_id import national_id_with_checksum

    return [
        [
            national_id_with_checksum(f"{3 * 10**8 + n:09d}"),
            FIRST_NAMES[n % 10],
            LAST_NAMES[n // 10 % 10],
            job_codes[n % len(job_codes)],
            (400 + n * 37 % 600) / 10,
            QUOTAS[n % 10],
        ]
        for n in range(count)
    ]


def xlsx_bytes(rows: list[list]) -> bytes:
    """The workbook as Excel saves one: text in the shared-strings table, the sheet's size declared."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "نتایج"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def copy_csv(rows: list[list], round_, jobs: dict[str, int]) -> tuple[list[str], bytes]:
    """The same rows as the Candidate table's columns in CSV, as a COPY from a file would take them: the
    columns the results import writes, then the others it leaves to a default that is not NULL."""
    from apps.recruitment.models import Candidate, QuotaType
    from apps.recruitment.services.rounds import RESULT_FIELDS, result_values

    quota = {label: value for value, label in QuotaType.choices}
    rest = [
        f
        for f in Candidate._meta.concrete_fields
        if f.attname not in RESULT_FIELDS and not f.primary_key and not f.null
    ]
    defaults = [f.get_default() for f in rest]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for national_id, first, last, job_code, score, quota_label in rows:
        row = {
            "national_id": national_id,
            "first_name": first,
            "last_name": last,
            "exam_score": score,
            "quota_type": quota[quota_label],
        }
        writer.writerow([*result_values(round_.pk, jobs[job_code], row), *defaults])
    return [*RESULT_FIELDS, *(f.column for f in rest)], buffer.getvalue().encode()


def raw_copy(table: str, columns: list[str], data: bytes) -> float:
    """COPY … FROM STDIN over a connection of its own, committed; returns the seconds it took."""
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as conn:
        started = time.perf_counter()
        # Every column written is NOT NULL, so an empty field is an empty string (CSV reads it as NULL).
        names = ", ".join(columns)
        statement = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({names}))"
        with conn.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(data)
        conn.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=75)
    parser.add_argument("--profile", action="store_true", help="print the import's 25 costliest functions")
    args = parser.parse_args()
    setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from apps.accounts.demo import agency_rows, world_build
    from apps.accounts.models import Organization
    from apps.accounts.roles import Role
    from apps.core.models import ImportJob
    from apps.core.services import import_run, import_start
    from apps.core.spreadsheets import XLSX_CONTENT_TYPE
    from apps.recruitment.imports import ResultsImport
    from apps.recruitment.models import Candidate

    if connection.vendor != "postgresql":
        raise SystemExit("the COPY side needs PostgreSQL: set DATABASE_URL to a bench database")
    world = world_build(agencies=agency_rows(args.agencies))
    national = world.national_staff[Role.NATIONAL_OFFICER]
    expert = world.org_staff[Role.ORG_EXPERT]
    agencies = list(Organization.objects.filter(pk__in=world.agency_users).order_by("code"))
    imported_round = reported_round(code="IMPORT", agencies=agencies, national=national, expert=expert)
    copied_round = reported_round(code="COPY", agencies=agencies, national=national, expert=expert)
    job_codes = list(imported_round.quotas.order_by("job_code").values_list("job_code", flat=True))

    started = time.perf_counter()
    rows = result_rows(args.rows, job_codes)
    content = xlsx_bytes(rows)
    print(
        f"workbook: {args.rows} rows, {len(content) / 2**20:.1f} MB, built in {time.perf_counter() - started:.1f} s"
    )

    upload = SimpleUploadedFile("results.xlsx", content, content_type=XLSX_CONTENT_TYPE)
    # The rows built above stay in memory for the COPY side; a worker holds nothing of them, so the cycle
    # collector is told to leave them out of its passes instead of walking them again and again.
    gc.collect()
    gc.freeze()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    # The upload's request queues the job (no worker listens here), then the worker's part runs here.
    job = import_start(
        spec_name=ResultsImport.name,
        uploaded_file=upload,
        user=national,
        context={"round_id": imported_round.pk},
    )
    job = import_run(job_id=job.pk)
    if profiler:
        profiler.disable()
    import_seconds = time.perf_counter() - started
    if job.status != ImportJob.Status.DONE:
        raise SystemExit(f"the import failed: {job.message} {job.errors[:3]}")
    assert Candidate.objects.filter(round=imported_round).count() == args.rows

    jobs = dict(copied_round.quotas.values_list("job_code", "id"))
    columns, data = copy_csv(rows, copied_round, jobs)
    copy_seconds = raw_copy(Candidate._meta.db_table, columns, data)
    assert Candidate.objects.filter(round=copied_round).count() == args.rows

    ratio = import_seconds / copy_seconds
    print(
        f"import through the framework: {import_seconds:7.2f} s  ({args.rows / import_seconds:,.0f} rows/s)"
    )
    print(f"raw COPY of the same rows:    {copy_seconds:7.2f} s  ({args.rows / copy_seconds:,.0f} rows/s)")
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"ratio import / COPY: {ratio:.1f}x  (target <= {TARGET:.0f}x: {verdict})")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
