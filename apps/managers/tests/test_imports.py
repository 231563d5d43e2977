"""Importing the managers' database from .xlsx: all rows or none, an error per row."""

import pytest
from django.urls import reverse

from apps.core.national_id import national_id_with_checksum
from apps.core.tests.xlsx import xlsx_upload
from apps.managers.imports import ManagerProfileImport
from apps.managers.models import ManagerProfile

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ManagerProfileImport.columns]


def _row(name: str, national_id: str, related="72") -> list:
    return [
        name,
        "علی",
        national_id,
        "کارشناسی ارشد",
        "حسابداری",
        related,
        "12",
        "امور مالی",
        "09121234567",
        "خیر",
    ]


def test_an_agency_imports_its_database(login, hr):
    upload = xlsx_upload(
        [
            HEADERS,
            _row("نسرین آزادی", national_id_with_checksum("123456789")),
            _row("سعید کرمی", national_id_with_checksum("223456789")),
        ]
    )
    response = login(hr).post(reverse("core:import_upload", args=["managers-profiles"]), {"file": upload})
    assert response.status_code == 302
    assert set(ManagerProfile.objects.values_list("organization_id", flat=True)) == {hr.organization_id}
    assert ManagerProfile.objects.count() == 2


def test_one_bad_row_stops_the_whole_file(login, hr):
    upload = xlsx_upload(
        [
            HEADERS,
            _row("نسرین آزادی", national_id_with_checksum("123456789")),
            _row("سعید کرمی", "1234567890", "چند"),
        ]
    )
    login(hr).post(reverse("core:import_upload", args=["managers-profiles"]), {"file": upload})
    assert not ManagerProfile.objects.exists()
