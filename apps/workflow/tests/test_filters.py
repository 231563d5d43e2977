"""The cases' lists' filters (apps/workflow/filters.py, a django-filter FilterSet) as a person and the API use them."""

import datetime as dt

from django.urls import reverse

from apps.workflow.models import Case
from apps.workflow.tests.test_api import _token

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _listed(response) -> list[str]:
    return [case.title for case in response.context["page"].object_list]


def test_the_case_list_finds_a_title_typed_with_arabic_letters_and_shows_the_box_as_typed(
    login, open_case, org_expert
):
    open_case(title="درخواست کمک")
    open_case(title="پرونده دیگر")
    typed = "درخواست كمك"  # Arabic keheh, as some keyboards type it
    response = login(org_expert).get(reverse("workflow:case_list"), {"q": f"  {typed} "})
    assert _listed(response) == ["درخواست کمک"]
    assert f'value="  {typed} "' in response.content.decode()


def test_a_process_or_state_no_list_knows_lists_nothing(login, open_case, org_expert):
    open_case(title="پرونده بررسی")
    client = login(org_expert)
    assert _listed(client.get(reverse("workflow:case_list"), {"process": "test.review"})) == ["پرونده بررسی"]
    assert _listed(client.get(reverse("workflow:case_list"), {"process": "no.such"})) == []
    assert _listed(client.get(reverse("workflow:case_list"), {"state": "submitted"})) == ["پرونده بررسی"]
    assert _listed(client.get(reverse("workflow:case_list"), {"state": "done"})) == []


def test_the_chosen_process_and_overdue_stay_chosen_on_the_page(login, open_case, org_expert):
    late = open_case(title="پرونده دیرکرد")
    Case.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    body = (
        login(org_expert)
        .get(reverse("workflow:cartable"), {"process": "test.review", "overdue": "1"})
        .content.decode()
    )
    assert '<option value="test.review" selected>' in body
    assert 'id="f-overdue" checked' in body
    assert '<label class="form-check-label" for="f-overdue">فقط دیرکرددار</label>' in body


def test_the_owner_filter_reads_persian_digits_and_a_non_id_lists_nothing(
    login, open_case, org_expert, agency_officer
):
    open_case(title="پرونده دستگاه")
    client = login(org_expert)
    owner = str(agency_officer.organization_id).translate(PERSIAN)
    assert _listed(client.get(reverse("workflow:case_list"), {"owner": owner})) == ["پرونده دستگاه"]
    assert _listed(client.get(reverse("workflow:case_list"), {"owner": "999999"})) == []
    response = client.get(reverse("workflow:case_list"), {"owner": "دستگاه"})
    assert response.status_code == 200 and _listed(response) == []


def test_the_api_filters_overdue_by_a_boolean(client, open_case, org_expert):
    late = open_case(title="پرونده دیرکرد")
    Case.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    open_case(title="پرونده به‌موقع")
    headers = _token(org_expert)
    only_late = client.get("/api/cases", {"overdue": "true"}, headers=headers).json()["items"]
    assert [item["title"] for item in only_late] == ["پرونده دیرکرد"]
    every = client.get("/api/cases", {"overdue": "false"}, headers=headers).json()["items"]
    assert {item["title"] for item in every} == {"پرونده دیرکرد", "پرونده به‌موقع"}
    by_code = client.get("/api/cases", {"q": late.tracking_code.translate(PERSIAN)}, headers=headers)
    assert [item["title"] for item in by_code.json()["items"]] == ["پرونده دیرکرد"]
