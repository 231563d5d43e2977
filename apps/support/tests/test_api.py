"""The fault-report API: what the database cannot hold is the caller's mistake, answered with a 400."""

import pytest

from apps.workflow.models import Case


@pytest.mark.postgres
def test_a_value_too_long_for_its_column_is_a_400_and_files_nothing(login, agency_officer):
    # PostgreSQL enforces the column's length (SQLite does not): the answer must be a clear refusal.
    response = login(agency_officer).post(
        "/api/faults",
        {"category": "page", "description": "دکمه ثبت فرم کار نمی‌کند.", "page_url": "/x" * 400},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "بیش از اندازه" in response.json()["detail"]
    assert not Case.objects.exists()


def test_a_description_longer_than_the_page_allows_is_refused_in_persian_and_files_nothing(
    login, agency_officer
):
    response = login(agency_officer).post(
        "/api/faults",
        {"category": "page", "description": "دکمه ثبت فرم کار نمی‌کند. " * 200},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "شرح خطا حداکثر ۴۰۰۰ نویسه است؛ گزارش ثبت نشد."
    assert not Case.objects.exists()
