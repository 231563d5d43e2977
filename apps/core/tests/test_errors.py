"""Error pages speak Persian, right to left, and a database that does not answer is a retryable 503."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_client():
    # The test client re-raises a view's exception by default; a browser gets the error page instead.
    return Client(raise_request_exception=False)


def test_an_unknown_address_shows_a_persian_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "صفحه پیدا نشد" in page


@pytest.mark.urls("apps.core.tests.failing_urls")
def test_a_refused_page_shows_its_persian_reason(client):
    response = client.get("/test/refused/")
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "این پرونده متعلق به دستگاه دیگری است." in page


@pytest.mark.urls("apps.core.tests.failing_urls")
def test_a_database_that_does_not_answer_is_a_persian_503_to_retry(failing_client):
    response = failing_client.get("/test/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "چند ثانیه دیگر دوباره تلاش کنید" in page
    assert "5432" not in page


@pytest.mark.urls("apps.core.tests.failing_urls")
def test_the_api_says_the_same_in_json(failing_client):
    response = failing_client.get("/api/test/database-down/")
    assert response.status_code == 503
    assert "چند ثانیه دیگر" in response.json()["detail"]


@pytest.mark.urls("apps.core.tests.failing_urls")
def test_any_other_failure_is_a_persian_500_that_shows_nothing_of_the_error(failing_client):
    response = failing_client.get("/test/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    page = response.content.decode()
    assert "خطایی در میز خدمت رخ داد" in page
    assert "a bug" not in page
