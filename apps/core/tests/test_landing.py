"""The landing page after sign-in, the menu grouped by service, and the public home page: what each role
sees, from the demo world (built once for the module, rolled back after it)."""

import re

import pytest
from django.db import transaction

from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.core import demo
from apps.training.models import Learner


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = world_build(
            agencies=[{"code": "951", "name": "دستگاه آزمایشی پیشخوان", "kind": "directorate"}], suffix="-ld"
        )
        for agency in Organization.objects.filter(pk__in=list(built.agency_users)):
            for _name, build in demo.builders():
                build(built, agency)
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def people(world, db):
    agency = next(iter(world.agency_users.values()))
    return {
        "employee": agency[Role.LEARNER],
        "officer": agency[Role.AGENCY_OFFICER],
        "head": world.org_staff[Role.ORG_HEAD],
        "deputy": world.org_staff[Role.ORG_DEPUTY],
    }


def _panels(body: str) -> set[str]:
    return set(re.findall(r'data-testid="panel-([\w.]+)"', body))


def _menu(body: str) -> str:
    return body.split('id="mainnav"', 1)[1].split("</nav>", 1)[0]


def test_signing_in_leads_to_the_landing_page_not_the_cartable(client, people):
    client.force_login(people["officer"])
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/desk/"


def test_an_employee_sees_their_courses_and_certificates_and_nothing_of_the_agency(client, people):
    employee = people["employee"]
    client.force_login(employee)
    # The demo's employee attended the held course, among others: one of its learners is them.
    passed = (
        Learner.objects.filter(passed=True, national_id=employee.national_id)
        .select_related("request__course")
        .first()
    )
    body = client.get("/desk/").content.decode()
    panels = _panels(body)
    assert "training.mine" in panels
    assert {"workflow.province", "workflow.agency", "evaluation.levels"}.isdisjoint(panels)
    assert passed.request.course.title in body and "قبول" in body
    assert 'data-testid="next-training.mine"' in body  # the next thing to do
    # No colleague of the same course is listed.
    other = Learner.objects.filter(request=passed.request).exclude(pk=passed.pk).first()
    assert other.full_name not in body


def test_an_officer_sees_the_agencys_open_cases_by_service_with_deadlines(client, people):
    client.force_login(people["officer"])
    body = client.get("/desk/").content.decode()
    panels = _panels(body)
    assert "workflow.agency" in panels and "workflow.province" not in panels
    agency_panel = body.split('data-testid="panel-workflow.agency"', 1)[1].split("</section>", 1)[0]
    assert "پرونده‌های آموزش" in agency_panel and "مهلت" in agency_panel
    text = re.sub(r"<[^>]+>", "", agency_panel.split(">", 1)[1])
    assert not re.search(r"[0-9]", text), re.findall(r".{0,40}[0-9].{0,40}", text)  # digits read in Persian
    assert 'data-testid="next-workflow.agency"' in body


@pytest.mark.parametrize("who", ["head", "deputy"])
def test_the_head_and_the_deputy_see_the_province_summary_with_charts(client, people, who):
    client.force_login(people[who])
    body = client.get("/desk/").content.decode()
    panels = _panels(body)
    assert {"workflow.province", "evaluation.levels", "complaints.service_levels"} <= panels
    assert "workflow.agency" not in panels and "training.mine" not in panels
    assert "/static/vendor/chartjs/chart.umd.min.js" in body and body.count("<canvas data-chart") >= 3


@pytest.mark.parametrize("who", ["employee", "officer", "head"])
def test_the_landing_page_reads_a_constant_number_of_queries(
    client, people, who, django_assert_max_num_queries
):
    client.force_login(people[who])
    client.get("/desk/")
    with django_assert_max_num_queries(25):
        assert client.get("/desk/").status_code == 200


def test_the_menu_is_grouped_by_service_and_shows_only_what_the_role_may_use(client, people):
    client.force_login(people["employee"])
    menu = _menu(client.get("/desk/").content.decode())
    assert ">آموزش</a>" in menu and "تقویم آموزشی" in menu
    assert ">نظارت بر استخدام</a>" not in menu and ">انتصاب مدیران</a>" not in menu
    assert "مدیریت سامانه" not in menu
    client.force_login(people["head"])
    menu = _menu(client.get("/desk/").content.decode())
    for group in ("نظارت بر استخدام", "آموزش", "انتصاب مدیران", "ارزیابی عملکرد", "گزارش‌ها"):
        assert f">{group}</a>" in menu
    # Every group is a Bootstrap dropdown the keyboard opens.
    assert menu.count('data-bs-toggle="dropdown"') >= 5


def test_the_name_messages_and_sign_out_sit_outside_the_collapsing_menu(client, people):
    client.force_login(people["officer"])
    body = client.get("/desk/").content.decode()
    bar = body.split('id="mainnav"', 1)[0]
    assert (
        'data-testid="inbox-link"' in bar
        and 'data-testid="user-menu"' in bar
        and 'data-testid="sign-out"' in bar
    )


def test_an_empty_group_is_not_shown(rf, people):
    from apps.core import navigation

    groups = [g.label for g in navigation.menu_for(people["employee"])]
    assert "نظارت بر استخدام" not in groups and all(
        g.entries for g in navigation.menu_for(people["employee"])
    )


def test_the_public_home_page_leads_to_complaints_verification_tracking_and_the_catalog(client, db):
    body = client.get("/").content.decode()
    main = body.split('id="main"', 1)[1]
    for href in (
        "/complaints/new/",
        "/complaints/track/",
        "/verify/",
        "/cartable/track/",
        "/services/",
        "/accounts/login/",
    ):
        assert f'href="{href}' in main, href
