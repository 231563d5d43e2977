"""A training request's page shows who changed which of its fields, from what to what and when."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.jalali import format_date
from apps.workflow.services import perform

from .conftest import plan


def _history(client, case) -> str:
    body = client.get(
        reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code})
    ).content.decode()
    return body[body.index('data-testid="field-history"') :].split("</details>")[0]


def _returned(file_request, officer, expert, **kwargs):
    return perform(file_request(officer, count=2, **kwargs), "return", actor=expert, reason="فیش ناخوانا")


def test_the_request_page_shows_a_fixed_receipt_with_its_old_and_new_number_and_who_fixed_it(
    login, agency_officer, file_request, training_expert
):
    case = _returned(file_request, agency_officer, training_expert)
    # Through the page, as the agency does it: auditlog's middleware names the person.
    login(agency_officer).post(
        reverse("training:request_fix", args=[case.training_request.pk]), {"receipt_number": "۹۹۹"}
    )
    history = _history(login(training_expert), case)
    assert "شماره فیش بانکی" in history
    assert "R0" in history and "۹۹۹" in history
    assert agency_officer.get_full_name() in history
    assert format_date(timezone.localdate()) in history  # when, in Jalali with Persian digits


def test_planning_a_session_shows_on_each_request_as_the_expert_did_it(
    login, agency_officer, gathered, training_expert, course
):
    case = gathered(agency_officer, count=20)
    session = plan(training_expert, course, [case])
    history = _history(login(agency_officer), case)
    assert "اجرای دوره" in history and course.title in history
    assert f"({session.pk})".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in history
    assert training_expert.get_full_name() in history


def test_another_agencys_request_never_shows_and_the_queries_do_not_grow(
    login, agency_officer, other_officer, file_request, training_expert
):
    case = _returned(file_request, agency_officer, training_expert)
    theirs = _returned(file_request, other_officer, training_expert, start=50)
    login(other_officer).post(
        reverse("training:request_fix", args=[theirs.training_request.pk]), {"receipt_number": "۷۷۷"}
    )
    client = login(agency_officer)
    client.post(reverse("training:request_fix", args=[case.training_request.pk]), {"receipt_number": "۹۹۹"})
    _history(client, case)
    with CaptureQueriesContext(connection) as few:
        history = _history(client, case)
    assert "۹۹۹" in history and "۷۷۷" not in history
    for n in range(5):
        perform(case, "return", actor=training_expert, reason="فیش ناخوانا")
        client.post(
            reverse("training:request_fix", args=[case.training_request.pk]), {"receipt_number": f"۸۸{n}"}
        )
    with CaptureQueriesContext(connection) as many:
        history = _history(client, case)
    assert "۸۸۴" in history
    assert len(many) == len(few)
