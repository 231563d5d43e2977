"""Two agencies' clerks take the last seat of a job-location at the same moment: the ledger row's lock
lets one file in and refuses the other (PostgreSQL: SQLite has no row locks)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from apps.core.errors import ServiceError
from apps.recruitment.models import Hire, JobQuota
from apps.recruitment.selectors import ledger_reconciles
from apps.recruitment.services import rounds

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CLERKS = 4


def test_the_last_seat_goes_to_one_registration_only(registration_round, org_expert, hr, register):
    if connection.vendor != "postgresql":
        pytest.fail("run on PostgreSQL: SQLite has no row locks (scripts/test.sh leaves postgres tests out)")
    quota = JobQuota.objects.get(round=registration_round, job_code="J1")
    rounds.quota_allocate(actor=org_expert, quota=quota, allocated=1)
    barrier = threading.Barrier(CLERKS)

    def clerk(n: int):
        barrier.wait(timeout=30)
        try:
            return register(hr, registration_round, n).tracking_code
        except ServiceError as exc:
            return exc.message
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CLERKS) as pool:
        answers = list(pool.map(clerk, range(CLERKS)))

    filed = [a for a in answers if a.isdigit()]
    refused = [a for a in answers if not a.isdigit()]
    assert len(filed) == 1, answers
    assert all("تکمیل است" in message for message in refused), refused
    quota.refresh_from_db()
    assert quota.registered == 1 == Hire.objects.count()
    assert ledger_reconciles(round_=registration_round)
