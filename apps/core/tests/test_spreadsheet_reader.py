"""The imports' own .xlsx reader gives the values openpyxl gives, for every kind of cell a sheet holds."""

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from apps.core import spreadsheets
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
    return result


@pytest.mark.parametrize("block", [64, 4 * 2**20], ids=["block-of-64-bytes", "one-block"])
def test_the_reader_matches_openpyxl_cell_for_cell(block, monkeypatch):
    # The sheet is read a block at a time: tiny blocks cut it inside tags, texts and characters.
    monkeypatch.setattr(spreadsheets, "_BLOCK", block)
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
        assert first.max_row == 8
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
