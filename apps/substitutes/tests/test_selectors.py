"""Whom a person stands in for today is kept between requests as list pages are (real Redis, as deployed),
and read afresh once a substitution is named or cancelled."""

import pytest

from apps.accounts.permissions import absentees_of
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)
from apps.substitutes.services import substitution_cancel

from .conftest import fresh

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_substitution_named_then_cancelled_is_seen_by_the_next_request(
    expert, head, name_substitute, django_assert_num_queries
):
    assert absentees_of(fresh(expert)) == []
    named = name_substitute(expert)
    assert [a.pk for a in absentees_of(fresh(expert))] == [head.pk]
    person = fresh(expert)
    with django_assert_num_queries(0):  # kept since: the next request asks nothing of the database
        assert [a.pk for a in absentees_of(person)] == [head.pk]
    substitution_cancel(actor=head, substitution=named)
    assert absentees_of(fresh(expert)) == []
