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
    from urllib.parse import urlencode

    from apps.workflow.models import Case

    client = login(agency_officer)
    fields = {"category": "page", "description": "دکمه\x00 ثبت کار نمی‌کند."}
    encoded = client.post(
        reverse("support:fault_report_new"),
        urlencode(fields),
        content_type="application/x-www-form-urlencoded",
    )
    assert encoded.status_code == 400
    multipart = client.post(reverse("support:fault_report_new"), fields)
    # A multipart form is left to the form's own fields, which refuse NUL and show the form again.
    assert multipart.status_code == 200
    assert 'name="description"' in multipart.content.decode()
    assert not Case.objects.exists()


def test_a_multipart_post_to_the_api_still_reaches_its_route(login, agency_officer):
    # Reading a multipart body in the middleware would leave the API view nothing to read (a server error).
    response = login(agency_officer).post(
        "/api/faults", {"category": "page", "description": "دکمه ثبت فرم کار نمی‌کند."}
    )
    assert response.status_code < 500


def test_ordinary_requests_pass(login, org_expert):
    assert login(org_expert).get(reverse("workflow:cartable"), {"q": "پرونده"}).status_code == 200
