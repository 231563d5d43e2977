"""The recruitment's reads that pages keep."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.recruitment.selectors import round_latest_published_for_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_newest_published_round_is_kept_until_a_write(settings, results_round, org_expert, caplog):
    """The candidates' page opens the nation's newest published round: read once, then kept (a round is an
    agency table since rounds move only their own agencies' and province's lists, so it may not be kept
    as a value that reads no agency table, which `kept` refuses with an error and reads afresh each time)."""
    settings.KHEDMAT_LIST_CACHE = True
    with caplog.at_level(logging.ERROR, logger="apps.core.freshness"):
        with CaptureQueriesContext(connection) as first:
            assert round_latest_published_for_user(user=org_expert) == results_round
        with CaptureQueriesContext(connection) as second:
            assert round_latest_published_for_user(user=org_expert) == results_round
    assert not caplog.records
    assert len(second) < len(first)
