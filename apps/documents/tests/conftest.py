"""A one-step test process to open cases on, an issued letter, and a way to look inside a PDF."""

import io
import re
import zlib

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from apps.accounts.roles import Role
from apps.documents.services import letter_issue
from apps.workflow.process import Action, Process, Side, Step, register
from apps.workflow.services import case_open

# The "test" service's rows of the permission table, for each test here.
from apps.workflow.tests.service_table import test_service_table  # noqa: F401

SIMPLE = register(
    Process(
        name="test.simple",
        label="درخواست ساده آزمایشی",
        service="test",
        initial="submitted",
        steps=(
            Step(
                "submitted",
                "در انتظار سازمان",
                actors=(Role.ORG_EXPERT,),
                side=Side.PROVINCE,
                actions=(Action("approve", "تأیید", to="done"),),
            ),
            Step("done", "پایان یافته", final=True),
        ),
    )
)

LETTER_SUBJECT = "درخواست مستندات ارزیابی عملکرد"
LETTER_BODY = "خواهشمند است مستندات ارزیابی را بارگذاری فرمایید.\n\nبند دوم نامه."


@pytest.fixture
def case(province, agency_officer):
    return case_open(
        process_name=SIMPLE.name,
        owner=agency_officer.organization,
        actor=agency_officer,
        title="پرونده آزمایشی",
    )


@pytest.fixture
def letter(case, org_expert):
    return letter_issue(case=case, actor=org_expert, subject=LETTER_SUBJECT, body=LETTER_BODY, ip="10.0.0.9")


class PdfFacts:
    """What a test can read from a WeasyPrint PDF without a PDF library: pages, fonts and title."""

    def __init__(self, data: bytes):
        self.data = data
        inflated = [data]
        for match in re.finditer(rb"stream\r?\n", data):
            try:
                inflated.append(zlib.decompressobj().decompress(data[match.end() :]))
            except zlib.error:
                continue  # "endstream" matches too, and uncompressed streams stay as they are
        body = b"\n".join(inflated)
        # The page tree's count: a signed file rewrites its first page in the signature's update.
        self.pages = int(PdfFileReader(io.BytesIO(data), strict=False).root["/Pages"]["/Count"])
        self.fonts = {name.decode() for name in re.findall(rb"/BaseFont\s*/([\w+-]+)", body)}
        # Each image's smoothing flag, in the order the file holds them.
        self.interpolate = [flag == b"true" for flag in re.findall(rb"/Interpolate\s+(true|false)", body)]
        titles = re.findall(rb"/Title\s*<([0-9a-fA-F]+)>", body)
        self.title = bytes.fromhex(titles[0].decode()).decode("utf-16") if titles else ""


@pytest.fixture
def pdf_facts():
    return PdfFacts
