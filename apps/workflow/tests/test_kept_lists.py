"""The cartable kept between writes (`{% listing %}`): read once, shown afresh after every step, and never
one user's list for another."""

import pytest
from django.urls import reverse

from apps.workflow.services import perform

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def list_cache(settings):
    settings.KHEDMAT_LIST_CACHE = True


def test_the_cartable_is_read_once_and_shows_the_next_step_at_once(
    login, open_case, org_expert, agency_officer, django_assert_max_num_queries
):
    case = open_case(title="درخواست بررسی مدارک")
    client = login(org_expert)
    with django_assert_max_num_queries(20) as first:
        assert "درخواست بررسی مدارک" in client.get(reverse("workflow:cartable")).content.decode()
    with django_assert_max_num_queries(len(first.captured_queries) - 3):
        assert "درخواست بررسی مدارک" in client.get(reverse("workflow:cartable")).content.decode()
    perform(case, "return", actor=org_expert, reason="مدارک ناقص است")
    assert "درخواست بررسی مدارک" not in client.get(reverse("workflow:cartable")).content.decode()
    assert "درخواست بررسی مدارک" in login(agency_officer).get(reverse("workflow:cartable")).content.decode()


def test_each_agency_is_kept_its_own_list(login, open_case, agency_officer, other_officer):
    open_case(title="پرونده دستگاه نخست", actor=agency_officer)
    open_case(title="پرونده دستگاه دوم", actor=other_officer)
    for user, own, other in (
        (agency_officer, "پرونده دستگاه نخست", "پرونده دستگاه دوم"),
        (other_officer, "پرونده دستگاه دوم", "پرونده دستگاه نخست"),
        (agency_officer, "پرونده دستگاه نخست", "پرونده دستگاه دوم"),
    ):
        body = login(user).get(reverse("workflow:case_list")).content.decode()
        assert own in body and other not in body


def test_filters_and_pages_are_kept_apart(login, open_case, org_expert):
    open_case(title="پرونده الف")
    open_case(title="پرونده ب")
    client = login(org_expert)
    assert "پرونده ب" in client.get(reverse("workflow:case_list")).content.decode()
    filtered = client.get(reverse("workflow:case_list"), {"q": "الف"}).content.decode()
    assert "پرونده الف" in filtered and "پرونده ب" not in filtered


def test_the_filter_boxes_kept_with_the_list_show_what_each_address_typed(login, open_case, org_expert):
    open_case(title="پرونده الف")
    client = login(org_expert)
    for typed in ("الف", "ب", "الف"):
        body = client.get(reverse("workflow:case_list"), {"q": typed, "overdue": "1"}).content.decode()
        assert f'name="q" value="{typed}"' in body and 'id="f-overdue" checked' in body
    assert (
        'id="f-overdue" checked' not in client.get(reverse("workflow:case_list"), {"q": "ب"}).content.decode()
    )
