"""What acting on a case through the API costs the database: the row the route's rule checked is the row the
view acts on, and seeing and acting are asked together."""

from apps.accounts.models import ApiToken
from apps.workflow.models import Case


def _token(user):
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="آزمون", key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return {"Authorization": f"Bearer {key}"}


def test_acting_on_a_case_asks_for_it_once(client, open_case, org_expert, django_assert_max_num_queries):
    case = open_case()
    url = f"/api/cases/{case.tracking_code}/actions"
    headers = _token(org_expert)
    # 41 while the route's rule and the view each read the case and then asked, kind by kind of case, whether
    # the expert may act on it; 26 with one read that answers both and one question for the answer's buttons.
    with django_assert_max_num_queries(26) as captured:
        done = client.post(url, {"action": "approve"}, content_type="application/json", headers=headers)
    assert done.status_code == 200 and done.json()["state"] == "national_review"
    case_reads = [q for q in captured.captured_queries if q["sql"].startswith('SELECT "workflow_case"."id"')]
    # The route's check, then the core's own read under lock.
    assert len(case_reads) == 2
    assert Case.objects.get(pk=case.pk).state == "national_review"


def test_whoever_sees_the_case_but_may_not_act_is_refused_and_others_do_not_learn_it_exists(
    client, open_case, agency_officer, other_officer
):
    case = open_case()
    url = f"/api/cases/{case.tracking_code}/actions"
    body = {"action": "approve"}
    mine = client.post(url, body, content_type="application/json", headers=_token(agency_officer))
    assert mine.status_code == 403
    theirs = client.post(url, body, content_type="application/json", headers=_token(other_officer))
    assert theirs.status_code == 404
    assert Case.objects.get(pk=case.pk).state == "submitted"
