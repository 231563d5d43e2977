"""The imports' .xlsx reader (python-calamine underneath) gives the values openpyxl gives, for every kind
of cell a sheet holds."""

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from apps.core.spreadsheets import FirstSheet


def _openpyxl_rows(content: bytes) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [tuple(v for v in row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def _trimmed(rows) -> list[tuple]:
    # openpyxl pads each row to the sheet's width with None; the reader stops at a row's last cell.
    result = []
    for row in rows:
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        result.append(tuple(row))
    # Nor does it count rows after the last value (openpyxl keeps those the sheet's size declares).
    while result and result[-1] == ():
        result.pop()
    return result


def test_the_reader_matches_openpyxl_cell_for_cell():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["کد ملی", "نام", "نمره", "تاریخ", "بومی", "ساعت"])
    sheet.append(["0012345679", "مریم", 17.5, dt.datetime(2024, 3, 20, 0, 0), True, dt.time(8, 30)])
    sheet.append([12345679, "علی", 20, dt.date(1990, 1, 1), False, None])
    sheet["A6"] = "پس از دو سطر خالی"
    sheet["D6"] = 45000
    sheet["D6"].number_format = "yyyy/mm/dd"
    sheet["B7"] = CellRichText(["نام ", TextBlock(InlineFont(b=True), "پررنگ")])
    sheet["C8"] = "=1+1"  # a formula openpyxl saved without a cached value: no value, as openpyxl reads it
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()

    with FirstSheet(io.BytesIO(content)) as first:
        rows = list(first.iter_rows())
        # The last row with a value: row 8 holds only a formula saved without one.
        assert first.max_row == 7
    assert _trimmed(rows) == _trimmed(_openpyxl_rows(content))
    assert rows[3] == rows[4] == ()
    assert rows[5] == ("پس از دو سطر خالی", None, None, dt.datetime(2023, 3, 15))
    assert rows[6] == (None, "نام پررنگ")


def test_the_reader_reads_a_write_only_workbooks_inline_strings():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("نتایج")
    sheet.append(["کد ملی", "نام"])
    sheet.append(["0012345679", "مریم"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with FirstSheet(io.BytesIO(buffer.getvalue())) as first:
        assert list(first.iter_rows()) == [("کد ملی", "نام"), ("0012345679", "مریم")]


def test_the_reader_counts_rows_and_columns_from_a1_and_refuses_what_is_not_xlsx():
    workbook = openpyxl.Workbook()
    workbook.active["C3"] = "۱۲"
    workbook.active["D4"] = 1405
    buffer = io.BytesIO()
    workbook.save(buffer)
    with FirstSheet(io.BytesIO(buffer.getvalue())) as first:
        assert list(first.iter_rows()) == [(), (), (None, None, "۱۲"), (None, None, None, 1405)]
    with pytest.raises(Exception):  # noqa: B017 (any failure: parse_workbook turns it into one message)
        FirstSheet(io.BytesIO(b"\xd0\xcf\x11\xe0 an old .xls"))
