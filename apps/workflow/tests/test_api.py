"""The workflow API: my cartable, a case and acting on it, with session or token."""

from apps.accounts.models import ApiToken
from apps.workflow.models import Case


def _token(user):
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="آزمون", key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return {"Authorization": f"Bearer {key}"}


def test_the_api_lists_my_cartable_with_a_token(client, open_case, org_expert):
    case = open_case(title="پرونده API")
    response = client.get("/api/cartable", headers=_token(org_expert))
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["tracking_code"] for i in items] == [case.tracking_code]
    assert items[0]["state_label"] == "در انتظار کارشناس"


def test_the_api_refuses_without_credentials(client):
    response = client.get("/api/cartable")
    assert response.status_code == 401
    assert response.json()["detail"] == "ابتدا وارد شوید."


def test_acting_through_the_api_moves_the_case_and_refusals_are_persian(client, open_case, org_expert):
    case = open_case()
    headers = _token(org_expert)
    url = f"/api/cases/{case.tracking_code}/actions"
    refused = client.post(url, {"action": "return"}, content_type="application/json", headers=headers)
    assert refused.status_code == 400 and "دلیل" in refused.json()["detail"]
    done = client.post(
        url,
        {"action": "approve", "expected_state": "submitted"},
        content_type="application/json",
        headers=headers,
    )
    assert done.status_code == 200 and done.json()["state"] == "national_review"
    again = client.post(
        url,
        {"action": "approve", "expected_state": "submitted"},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 409
    assert Case.objects.get(pk=case.pk).state == "national_review"


def test_session_posts_need_the_csrf_token(open_case, org_expert):
    from django.test import Client

    case = open_case()
    client = Client(enforce_csrf_checks=True)
    client.force_login(org_expert)
    response = client.post(
        f"/api/cases/{case.tracking_code}/actions", {"action": "approve"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("درخواست بدون نشانهٔ CSRF پذیرفته نیست")
    assert Case.objects.get(pk=case.pk).state == "submitted"


def test_another_agencys_case_is_not_found(client, open_case, other_officer):
    case = open_case()
    response = client.get(f"/api/cases/{case.tracking_code}", headers=_token(other_officer))
    assert response.status_code == 404 and response.json() == {"detail": "یافت نشد."}


def test_me_says_who_i_am(client, agency_officer):
    body = client.get("/api/me", headers=_token(agency_officer)).json()
    assert body["username"] == agency_officer.username
    assert body["organization"]["code"] == agency_officer.organization.code
    assert body["roles"] == ["agency_officer"]


def test_an_absurd_offset_or_limit_is_refused_with_its_reason_not_a_server_error(client, org_expert):
    headers = _token(org_expert)
    refusals = {
        "offset=9223372036854775809": "«offset»: نباید بیشتر از ۲۱۴۷۴۸۳۶۴۷ باشد.",
        "limit=100000": "«limit»: نباید بیشتر از ۵۰۰ باشد.",
        "offset=-1": "«offset»: نباید کمتر از ۰ باشد.",
        "limit=ten": "«limit»: باید عدد صحیح باشد.",
    }
    for query, detail in refusals.items():
        response = client.get(f"/api/cases?{query}", headers=headers)
        assert response.status_code == 422, query
        assert response.json()["detail"] == detail


def test_a_body_the_schema_refuses_is_answered_in_persian_and_changes_nothing(client, open_case, org_expert):
    case = open_case()
    url = f"/api/cases/{case.tracking_code}/actions"
    response = client.post(
        url, {"reason": ["x"]}, content_type="application/json", headers=_token(org_expert)
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "«action»: لازم است. «reason»: باید متن باشد."
    assert [e["loc"] for e in response.json()["errors"]] == [
        ["body", "payload", "action"],
        ["body", "payload", "reason"],
    ]
    broken = client.post(url, "{", content_type="application/json", headers=_token(org_expert))
    assert broken.status_code == 400
    assert broken.json()["detail"] == "بدنهٔ درخواست خوانده نشد؛ JSON درست بفرستید. چیزی ذخیره نشد."
    assert Case.objects.get(pk=case.pk).state == "submitted"


def test_a_system_writes_with_its_token_without_a_csrf_token(open_case, org_expert):
    from django.test import Client

    case = open_case()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/api/cases/{case.tracking_code}/actions",
        {"action": "approve"},
        content_type="application/json",
        headers=_token(org_expert),
    )
    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).state == "national_review"
