"""The search box over recruitment: an accepted candidate and a hire file by national ID, in the agency's reach."""

import pytest

from apps.core.digits import to_persian_digits
from apps.search.selectors import query_parse, search_for_user
from apps.search.services import index_rebuild

from .conftest import national_id

pytestmark = pytest.mark.django_db


def found(user, text) -> dict[str, set[str]]:
    by_source: dict[str, set[str]] = {}
    for entry in search_for_user(user=user, query=query_parse(text)).entries:
        by_source.setdefault(entry.source, set()).add(entry.title)
    return by_source


def test_the_agency_finds_its_candidate_and_hire_file_by_national_id_and_the_other_agency_does_not(
    registration_round, register, hr, other_hr, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(hr, registration_round, 0)
    index_rebuild(only=["candidate"])  # the accepted list is published in bulk, which sends no signal
    results = found(hr, to_persian_digits(national_id(0)))
    assert results["candidate"] == {"داوطلب شماره 0"}
    assert "hire" in results
    assert found(other_hr, national_id(0)) == {}
