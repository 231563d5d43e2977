"""The round (steps 1–7) and each candidate's outcome run through the workflow core: the stage follows the
round's case, every move is in the trail as before, the page's buttons come from the declaration."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.core.errors import ForbiddenError
from apps.recruitment.models import Candidate, Round
from apps.recruitment.rules import INTERVIEW_PASS_SCORE
from apps.recruitment.services import rounds
from apps.workflow.history import did
from apps.workflow.services import record_mark

from .conftest import candidate

pytestmark = pytest.mark.django_db


def test_a_rounds_stage_is_its_cases_state_and_each_move_is_in_the_trail(results_round):
    round_ = Round.objects.select_related("case").get(pk=results_round.pk)
    assert round_.case.process == "recruitment.round"
    assert round_.case.state == round_.stage == Round.Stage.RESULTS
    assert round_.stage_due == round_.case.due_date is not None
    moves = AuditEntry.objects.filter(case=round_.case, action="recruitment.round.stage").order_by("id")
    assert [(e.from_state, e.to_state) for e in moves] == [
        ("quotas", "announced"),
        ("announced", "reported"),
        ("reported", "results"),
    ]
    assert "«اعلام نتایج و پذیرفته‌شدگان اولیه»" in did(moves.last())


def test_the_round_page_shows_the_declared_buttons_to_whose_step_it_is(
    announced_round, org_expert, national_officer, login
):
    url = reverse("recruitment:round_detail", kwargs={"pk": announced_round.pk})
    send = reverse("recruitment:reports_send", kwargs={"pk": announced_round.pk})
    assert send in login(org_expert).get(url).content.decode()
    # The national officer may act at this step (publishing the results), but sending the reports is not theirs.
    assert send not in login(national_officer).get(url).content.decode()


def test_a_closed_round_refuses_its_steps(registration_round, org_expert):
    rounds.round_close(actor=org_expert, round_=registration_round)
    closed = Round.objects.get(pk=registration_round.pk)
    assert closed.stage == Round.Stage.CLOSED and closed.case.is_closed and closed.stage_due is None


def test_an_interview_outcome_is_the_cores_to_write_with_its_trail(
    results_round, org_expert, interview_panel, hr
):
    person = rounds.candidate_interview_record(
        actor=org_expert,
        candidate=candidate(results_round, 0),
        panel=interview_panel,
        score=INTERVIEW_PASS_SCORE - 10,
        minutes="ناقص",
    )
    assert Candidate.objects.get(pk=person.pk).status == Candidate.Status.NOT_ACCEPTED
    entry = AuditEntry.objects.get(action="recruitment.candidate.fail")
    assert (entry.from_state, entry.to_state, entry.changes) == ("initial", "not_accepted", {"score": 50})
    assert "«ثبت نتیجه مصاحبه: پذیرفته نشد»" in did(entry)
    # The round waits on the Deputy: an agency's person cannot move a candidate, even through the core.
    with pytest.raises(ForbiddenError):
        record_mark(person, "pass", actor=hr)
    assert Candidate.objects.get(pk=person.pk).status == Candidate.Status.NOT_ACCEPTED
