"""The front door, the health check and the maintenance banner."""

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.models import MaintenanceNotice


def test_healthz_says_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_healthz_reports_redis_when_configured(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    body = client.get("/healthz").json()
    assert body["redis"] is False and body["status"] == "degraded" and body["database"] is True


def test_every_page_is_persian_and_right_to_left_with_local_assets(client, db):
    body = client.get("/").content.decode()
    assert '<html lang="fa" dir="rtl">' in body
    assert "/static/vendor/bootstrap/bootstrap.rtl.min.css" in body
    assert "/static/vendor/htmx/htmx.min.js" in body
    assert "https://" not in body.split("<body")[0]


def test_an_admin_switches_the_maintenance_banner_on(client, db):
    assert 'data-testid="maintenance-banner"' not in client.get("/").content.decode()
    MaintenanceNotice.objects.create(
        message="سامانه پنجشنبه ساعت ۲۲ تا ۲۴ در دست نگهداری است.", is_active=True
    )
    cache.clear()
    body = client.get("/").content.decode()
    assert "در دست نگهداری است" in body and 'data-testid="maintenance-banner"' in body


def test_the_menu_follows_the_users_roles(login, agency_officer, org_expert):
    agency_menu = login(agency_officer).get("/cartable/").content.decode()
    assert "گزارش خطا" in agency_menu
    staff_menu = login(org_expert).get("/cartable/").content.decode()
    assert 'href="/support/faults/new/"' not in staff_menu


def test_the_api_docs_are_served_without_a_cdn(client, db):
    body = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body and "cdn" not in body.lower()
    schema = client.get("/api/openapi.json").json()
    assert {"/api/me", "/api/cartable", "/api/documents/verify/{code}"} <= set(schema["paths"])


def test_number_fields_take_persian_digits_and_separators_in_a_text_box():
    from apps.core.forms import DigitsDecimalField, DigitsIntegerField

    assert DigitsIntegerField().clean("۱۲٬۰۰۰") == 12000
    assert str(DigitsDecimalField().clean("۵۹٫۹")) == "59.9"
    # A text box with a numeric keypad: a browser's number box would refuse the Persian digits.
    assert 'type="text"' in DigitsIntegerField().widget.render("n", None)


def test_the_menu_marks_the_page_it_is_shown_on(login, agency_officer):
    client = login(agency_officer)
    for shown_on, other in (("/cartable/", "/desk/"), ("/desk/", "/cartable/"), ("/cartable/", "/desk/")):
        page = client.get(shown_on).content.decode()
        assert f'aria-current="page" href="{shown_on}"' in page
        assert f'aria-current="page" href="{other}"' not in page


@pytest.mark.django_db(transaction=True)
def test_a_notice_an_admin_posts_shows_on_their_next_page_and_ends_on_time(client, settings, national):
    """As deployed, where the banner is kept between writes: posting a notice is a write, so the administrator
    (and everyone) sees it on the next page, with no wait for a cache to expire; its end needs no write."""
    settings.KHEDMAT_LIST_CACHE = True
    admin = UserFactory(organization=national, is_superuser=True, is_staff=True)
    client.force_login(admin)
    banner = 'data-testid="maintenance-banner"'
    assert banner not in client.get("/cartable/").content.decode()
    ends = timezone.localtime() + dt.timedelta(seconds=2)
    posted = client.post(
        "/admin/core/maintenancenotice/add/",
        {
            "message": "سامانه امشب در دست نگهداری است.",
            "is_active": "on",
            "ends_at_0": ends.strftime("%Y-%m-%d"),
            "ends_at_1": ends.strftime("%H:%M:%S"),
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    assert "امشب در دست نگهداری است" in client.get("/cartable/").content.decode()
    assert "امشب در دست نگهداری است" in Client().get("/").content.decode()

    time.sleep(max(0.0, (MaintenanceNotice.objects.get().ends_at - timezone.now()).total_seconds()) + 0.1)
    assert banner not in client.get("/cartable/").content.decode()

    MaintenanceNotice.objects.create(message="نگهداری دوم", is_active=True)
    assert "نگهداری دوم" in client.get("/cartable/").content.decode()
    MaintenanceNotice.objects.update(is_active=False)
    assert banner not in client.get("/cartable/").content.decode()
