"""A sheet of a session's scores and a step of the same session never run at once (PostgreSQL row locks).

The core locks a session's own case for every step of it (examine reads the scores and writes who passed);
the scores sheet takes the same lock first, so the two wait for each other instead of writing the same
learners in two orders, which the load test once found as a deadlock.
"""

from decimal import Decimal

import pytest
from django.db import OperationalError, connection, transaction

from apps.core.tests.locks import held_elsewhere
from apps.training.models import Learner
from apps.training.services import sessions as session_services
from apps.workflow.services import cases_lock

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_score_sheet_waits_while_a_step_of_its_session_holds_the_sessions_case(
    held_session, training_expert
):
    learner = Learner.objects.filter(request__session=held_session).first()
    with held_elsewhere(lambda: cases_lock([held_session.case_id])), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '300ms'")
        with pytest.raises(OperationalError, match="lock timeout"):
            session_services.scores_record(
                session=held_session, actor=training_expert, scores={learner.pk: Decimal(50)}
            )
    # Once the step is over the sheet goes through.
    assert (
        session_services.scores_record(
            session=held_session, actor=training_expert, scores={learner.pk: Decimal(50)}
        )
        == 1
    )
