"""The fault-report API: what the database cannot hold is the caller's mistake, answered with a 400."""

from apps.workflow.models import Case


def test_a_page_address_too_long_for_its_column_is_refused_naming_the_field_and_files_nothing(
    login, agency_officer
):
    # Refused by the service on every database, not left to PostgreSQL's column (SQLite would store it).
    response = login(agency_officer).post(
        "/api/faults",
        {"category": "page", "description": "دکمه ثبت فرم کار نمی‌کند.", "page_url": "/x" * 400},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == "«نشانی صفحه»: طول این مقدار باید حداکثر ۳۰۰ کاراکتر باشد (طولش ۸۰۰ است)."
    )
    assert not Case.objects.exists()


def test_a_page_address_as_long_as_its_column_is_filed(login, agency_officer):
    response = login(agency_officer).post(
        "/api/faults",
        {"category": "page", "description": "دکمه ثبت فرم کار نمی‌کند.", "page_url": "/x" * 150},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Case.objects.get().fault_report.page_url == "/x" * 150


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
