"""A NUL character in an address or a form never reaches a query: a clear 400 instead of a server error."""

from django.urls import reverse

from apps.core.middleware import MESSAGE


def test_a_nul_in_a_list_filter_is_refused_with_a_persian_message(login, org_expert):
    response = login(org_expert).get(reverse("workflow:cartable"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_a_nul_in_an_api_filter_or_json_body_is_refused_as_json(login, org_expert):
    client = login(org_expert)
    response = client.get("/api/cartable", {"state": "]\x00"})
    assert response.status_code == 400
    assert response.json()["detail"] == MESSAGE
    response = client.post(
        "/api/faults",
        '{"category": "page", "description": "متن\\u0000نادرست"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_a_nul_in_a_posted_form_field_is_refused_and_files_nothing(login, agency_officer):
    from apps.workflow.models import Case

    response = login(agency_officer).post(
        reverse("support:fault_report_new"), {"category": "page", "description": "دکمه\x00 ثبت کار نمی‌کند."}
    )
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_ordinary_requests_pass(login, org_expert):
    assert login(org_expert).get(reverse("workflow:cartable"), {"q": "پرونده"}).status_code == 200
