"""The public catalog pages: every service's identity card, readable without signing in."""

import re

import pytest
from django.urls import reverse

from apps.catalog.content import SERVICES
from apps.core.digits import to_latin_digits

SLUGS = [service.slug for service in SERVICES]
MOBILE = re.compile(r"09\d{9}")
TEN_DIGITS = re.compile(r"(?<!\d)\d{10}(?!\d)")
# Names printed in the seeds' signature blocks; the catalog names units and roles only.
SEED_PERSONAL_NAMES = (
    "مهرنیا",
    "چشمه کبود",
    "غلامرضا",
    "حاجتی",
    "عسگری آزاد",
    "هادی چگنی",
    "بیرانوند",
    "گودرزی",
)


def page(client, slug):
    response = client.get(reverse("catalog:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("slug", SLUGS)
def test_each_service_page_opens_without_signing_in(client, db, slug):
    html = page(client, slug)
    assert 'data-testid="identity-card"' in html
    assert 'data-testid="steps"' in html


def test_the_index_links_to_all_four_services(client, db):
    response = client.get(reverse("catalog:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for service in SERVICES:
        assert reverse("catalog:detail", args=[service.slug]) in html
        assert service.title in html
    assert len(SERVICES) == 4


def test_an_unknown_service_answers_404(client, db):
    assert client.get("/services/no-such-service/").status_code == 404


def test_service_a_shows_karmand_iran_the_free_cost_and_the_service_level_statement(client, db):
    html = page(client, "recruitment")
    assert "سامانه کارمند ایران" in html
    assert "رایگان" in html
    assert "شایسته‌گزینی و رعایت عدالت استخدامی" in html
    assert "متغیر" in html
    assert "گروه توسعه مدیریت" in html
    # The service-level statement of seed 001: commitments, and the circular it rests on.
    assert "بیانیه سطح توافق خدمت" in html
    assert "تعهدات متقابل خدمت‌گیرنده و دستگاه اجرایی" in html
    assert "هیچ‌گونه هزینه‌ای برای دستگاه‌های متقاضی ندارد" in html
    assert "۲۴۴۵۲" in html and "۱۳۹۷/۳/۱" in html
    assert "صدور شماره مستخدم" in html


def test_service_b_shows_its_promise_and_its_rules(client, db):
    html = page(client, "training")
    assert "۱۴ الی ۲۰ روز" in html
    assert "۶۰ درصد نمره کل" in html
    assert "حداقل ۲۰ نفر" in html
    assert "یک‌دهم ساعات دوره آموزشی" in html
    assert "گروه آموزش و توانمندسازی" in html
    assert "۲۰۰/۹۲/۱۸۸۱۹" in html and "۱۳۹۲/۱۱/۱۴" in html
    # The FAQ is a Bootstrap accordion and the complaint procedure has its four steps.
    assert 'class="accordion"' in html and 'data-bs-toggle="collapse"' in html
    assert "ورود به کارتابل ارباب رجوع" in html
    assert "اعلام نتیجه بررسی شکایت" in html


def test_service_c_shows_the_four_year_term_and_the_conditions(client, db):
    html = page(client, "managers")
    assert "حکم انتصاب چهارساله" in html
    assert "چهار سال" in html
    assert "حداقل ۶ سال سابقه تجربی" in html
    assert "۱۴۲۶/۱۹۰۱" in html
    assert "فرم شماره ۴" in html
    assert "شش ماه نخست انتصاب" in html


def test_service_d_shows_tasma_and_its_steps(client, db):
    html = page(client, "evaluation")
    assert "سامانه تسما" in html
    assert "۲۲ مرحله" in html
    assert "جشنواره شهید رجایی" in html
    assert "امکان ثبت اعتراض" in html
    assert "۱۳۹۳/۰/۲۰" in html


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_carries_a_phone_a_national_id_or_a_personal_name(client, db, slug):
    html = to_latin_digits(page(client, slug))
    assert not MOBILE.search(html)
    assert not TEN_DIGITS.search(html)
    for name in SEED_PERSONAL_NAMES:
        assert name not in html


@pytest.mark.parametrize("slug", SLUGS)
def test_the_card_prints_without_inline_scripts(client, db, slug):
    html = page(client, slug)
    assert "catalog/catalog.css" in html and "data-print" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " onclick=" not in html


def test_the_index_needs_no_database_work(client, db, django_assert_max_num_queries):
    # The catalog is code, not rows: only the shared layout may query (the maintenance notice), and the
    # provinces' names for the choice of a province's wording.
    with django_assert_max_num_queries(2):
        assert client.get(reverse("catalog:index")).status_code == 200
