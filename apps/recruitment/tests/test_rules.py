"""The rules of service A at the boundaries the issue names."""

import datetime as dt

import pytest

from apps.audit.models import AuditEntry
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ServiceError
from apps.core.jalali import today
from apps.core.workdays import WorkCalendar
from apps.recruitment.models import Candidate, Hire, JobQuota
from apps.recruitment.rules import (
    DISABLED_SHARE_PERCENT,
    INTERVIEW_PASS_SCORE,
    STAGE_DAYS,
    VETERANS_SHARE_PERCENT,
    reserved_share,
)
from apps.recruitment.services import rounds
from apps.workflow.models import Case
from apps.workflow.services import perform

from .conftest import candidate

pytestmark = pytest.mark.django_db


def test_it_reserves_thirty_percent_for_veterans_and_three_for_disabled_people():
    assert (VETERANS_SHARE_PERCENT, DISABLED_SHARE_PERCENT) == (30, 3)
    assert reserved_share(100, VETERANS_SHARE_PERCENT) == 30
    assert reserved_share(100, DISABLED_SHARE_PERCENT) == 3
    # Whole posts only: ten posts keep three for veterans and none for the 3% share.
    assert (reserved_share(10, VETERANS_SHARE_PERCENT), reserved_share(10, DISABLED_SHARE_PERCENT)) == (3, 0)


def test_registering_over_the_allocated_quota_is_refused(registration_round, org_expert, hr, register):
    quota = JobQuota.objects.get(round=registration_round, job_code="J1")
    rounds.quota_allocate(actor=org_expert, quota=quota, allocated=2)
    register(hr, registration_round, 0)
    register(hr, registration_round, 1)

    with pytest.raises(ServiceError, match=r"\(۲ نفر\) تکمیل است"):
        register(hr, registration_round, 2)

    quota.refresh_from_db()
    assert quota.registered == 2
    assert Hire.objects.filter(job=quota).count() == 2


def test_free_seats_stop_where_the_veterans_share_begins(registration_round, hr, register):
    quota = JobQuota.objects.get(round=registration_round, job_code="J1")
    assert quota.free_posts == 10 - 3
    free_people = [n for n in range(11) if n not in (3, 7)]
    for n in free_people[: quota.free_posts]:
        register(hr, registration_round, n)

    with pytest.raises(ServiceError, match=r"؛ ۳ نفر سهم ایثارگران و ۰ نفر سهم افراد دارای معلولیت است\.$"):
        register(hr, registration_round, free_people[quota.free_posts])
    # A veteran still takes one of the reserved seats.
    register(hr, registration_round, 3)
    quota.refresh_from_db()
    assert quota.registered == quota.free_posts + 1


def test_a_natives_only_job_refuses_a_person_who_is_not_native(registration_round, hr, register):
    with pytest.raises(ServiceError, match="ویژه بومیان"):
        register(hr, registration_round, 11, is_native=False)
    assert not Hire.objects.exists()


def test_a_person_cannot_be_registered_twice_in_a_round(registration_round, hr, register):
    register(hr, registration_round, 0)
    Candidate.objects.filter(pk=candidate(registration_round, 0).pk)  # still on the list
    with pytest.raises(ServiceError, match="پیش‌تر ثبت شده") as refusal:
        register(hr, registration_round, 0)
    assert isinstance(refusal.value, ConflictError)
    assert Hire.objects.count() == 1


def test_only_final_accepted_people_can_be_registered(results_round, org_expert, hr, register):
    quota = JobQuota.objects.get(round=results_round, job_code="J1")
    rounds.quota_allocate(actor=org_expert, quota=quota, allocated=5)
    with pytest.raises(ServiceError, match="پذیرفته‌شدگان نهایی"):
        register(hr, results_round, 0)


def test_the_interview_pass_mark_decides_the_final_list(results_round, org_expert, interview_panel):
    panel = interview_panel
    below = rounds.candidate_interview_record(
        actor=org_expert,
        candidate=candidate(results_round, 0),
        panel=panel,
        score=INTERVIEW_PASS_SCORE - 1,
        minutes="ضعیف",
    )
    at = rounds.candidate_interview_record(
        actor=org_expert,
        candidate=candidate(results_round, 1),
        panel=panel,
        score=INTERVIEW_PASS_SCORE,
        minutes="قبول",
    )
    assert INTERVIEW_PASS_SCORE == 60
    assert below.status == Candidate.Status.NOT_ACCEPTED
    assert at.status == Candidate.Status.FINAL


def test_allocating_more_than_the_national_posts_or_a_negative_number_is_refused(results_round, org_expert):
    quota = JobQuota.objects.get(round=results_round, job_code="J2")
    with pytest.raises(ServiceError, match=f"\\({to_persian_digits(quota.posts)}\\) بیشتر است"):
        rounds.quota_allocate(actor=org_expert, quota=quota, allocated=quota.posts + 1)
    with pytest.raises(ServiceError) as refused:
        rounds.quota_allocate(actor=org_expert, quota=quota, allocated=-1)
    assert refused.value.message == "تعداد تخصیص نمی‌تواند منفی باشد."
    quota.refresh_from_db()
    assert quota.allocated == 0


def test_a_return_without_a_reason_is_refused(registration_round, hr, org_expert, register):
    case = register(hr, registration_round, 0)
    with pytest.raises(ServiceError, match="دلیل"):
        perform(case, "return", actor=org_expert, reason="  ")
    case.refresh_from_db()
    assert case.state == "submitted"


def test_a_returned_file_resent_keeps_its_history(registration_round, hr, org_expert, register):
    case = register(hr, registration_round, 0)
    perform(case, "return", actor=org_expert, reason="تصویر دانشنامه پیوست نشده است.")
    perform(case, "resend", actor=hr)
    perform(case, "forward", actor=org_expert)

    actions = list(AuditEntry.objects.filter(case=case).order_by("id").values_list("action", flat=True))
    documents = ["recruitment.hire.document"] * 2
    assert actions == [
        "recruitment.hire.opened",
        *documents,
        "recruitment.hire.submit",
        "recruitment.hire.return",
        "recruitment.hire.resend",
        "recruitment.hire.forward",
    ]
    returned = AuditEntry.objects.get(case=case, action="recruitment.hire.return")
    assert returned.reason == "تصویر دانشنامه پیوست نشده است."
    assert case.hire.return_reason == "تصویر دانشنامه پیوست نشده است."
    steps = ["draft", "submitted", "returned", "submitted", "national"]
    assert [s.state for s in case.steps.order_by("id")] == steps


def test_each_round_stage_has_a_due_date_and_shows_overdue_after_it(new_round, national_officer, login):
    # The desk's own calendar day (Tehran), not the UTC date: they differ for 3½ hours each night.
    assert new_round.stage_due == WorkCalendar().add_working_days(today(), STAGE_DAYS["quotas"])
    assert not new_round.is_overdue
    # The stage's due date is its case's, set by the workflow core from the step's allowance.
    Case.objects.filter(pk=new_round.case_id).update(due_date=today() - dt.timedelta(days=1))
    new_round.refresh_from_db()
    assert new_round.is_overdue
    page = login(national_officer).get(f"/recruitment/rounds/{new_round.pk}/").content.decode()
    assert "(دیرکرد)" in page
