"""What acting on a case through the API costs the database: the row the route's rule checked is the row the
view acts on, and seeing and acting are asked together."""

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from apps.core.digits import to_persian_digits
from apps.notifications.models import Message
from apps.workflow.models import Case
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register
from apps.workflow.services import case_open

# Two steps in a row for the province's expert: after the first, the answer offers them the second's buttons.
TWICE = register(
    Process(
        name="test.twice",
        label="بررسی دومرحله‌ای آزمایشی",
        service="test",
        initial="checking",
        unit="management",
        steps=(
            Step(
                "checking",
                "بررسی اولیه",
                actors=(Role.ORG_EXPERT,),
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(Action("check", "بررسی شد", to="deciding"),),
            ),
            Step(
                "deciding",
                "تصمیم کارشناس",
                actors=(Role.ORG_EXPERT,),
                side=Side.PROVINCE,
                allowance=WorkingDays(2),
                actions=(
                    Action("accept", "پذیرش", to="accepted"),
                    Action("refuse", "رد", to="refused", reason_required=True),
                ),
            ),
            Step("accepted", "پذیرفته", final=True),
            Step("refused", "رد شده", final=True),
        ),
    )
)


def _token(user):
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name="آزمون", key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return {"Authorization": f"Bearer {key}"}


def test_acting_on_a_case_asks_for_it_once(client, open_case, org_expert, django_assert_max_num_queries):
    case = open_case()
    url = f"/api/cases/{case.tracking_code}/actions"
    headers = _token(org_expert)
    # 41 while the route's rule and the view each read the case and then asked, kind by kind of case, whether
    # the expert may act on it; 26 with one read that answers both and one question for the answer's buttons;
    # 22 once the people told and the filer are one query, the messages take no savepoint of their own and
    # the table is not asked about buttons the step's own rules already hide.
    with django_assert_max_num_queries(22) as captured:
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


def _act(client, case, headers, action, reason="", expected_state=None):
    body = {"action": action, "reason": reason, "expected_state": expected_state or case.state}
    url = f"/api/cases/{case.tracking_code}/actions"
    return client.post(url, body, content_type="application/json", headers=headers)


def test_an_acts_answer_is_the_case_as_it_reads_afterwards(
    client, open_case, org_expert, agency_officer, django_assert_max_num_queries
):
    case = open_case()
    expert, officer = _token(org_expert), _token(agency_officer)
    with django_assert_max_num_queries(22):
        returned = _act(client, case, expert, "return", reason="نامه ۱۲ امضا ندارد")
    assert returned.status_code == 200
    answer = returned.json()
    # The case left the expert's hands: no buttons, and the new line of its history with the reason.
    assert answer["actions"] == [] and answer["state"] == "returned"
    assert [h["action"] for h in answer["history"]] == ["test.review.opened", "test.review.return"]
    assert "دلیل: نامه ۱۲ امضا ندارد" in answer["history"][-1]["sentence"]
    assert answer == client.get(f"/api/cases/{case.tracking_code}", headers=expert).json()

    resubmitted = _act(client, Case.objects.get(pk=case.pk), officer, "resubmit")
    assert resubmitted.status_code == 200
    assert resubmitted.json() == client.get(f"/api/cases/{case.tracking_code}", headers=officer).json()
    # The filer resubmitted: the expert is told, and the filer is not told of their own act.
    told = Message.objects.filter(case=case).values_list("recipient__username", "subject")
    assert sorted(told) == [
        ("expert", f"پرونده {to_persian_digits(case.tracking_code)} ثبت شد"),
        ("expert", f"پرونده {to_persian_digits(case.tracking_code)}: ارسال دوباره"),
        ("officer", f"پرونده {to_persian_digits(case.tracking_code)}: بازگرداندن — دلیل: نامه ۱۲ امضا ندارد"),
    ]


def test_who_acts_again_at_the_next_step_gets_its_buttons_in_the_answer(
    client, org_expert, agency_officer, province, management_unit, django_assert_max_num_queries
):
    case = case_open(
        process_name=TWICE.name, owner=agency_officer.organization, actor=agency_officer, title="دو مرحله"
    )
    headers = _token(org_expert)
    # The group of a province's step is looked up, and the table asked about the buttons the answer shows.
    with django_assert_max_num_queries(24):
        checked = _act(client, case, headers, "check")
    assert checked.status_code == 200
    assert checked.json()["actions"] == ["accept", "refuse"]
    assert checked.json() == client.get(f"/api/cases/{case.tracking_code}", headers=headers).json()
