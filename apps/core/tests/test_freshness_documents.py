"""Issued documents are their owner's (apps/documents/apps.py): a letter to one agency, issued or revoked,
leaves every other agency's kept lists kept, while a document the Organization owns is shown at once to
everyone who may see it (real Redis, as deployed)."""

import pytest
from django.db import transaction

from apps.core import freshness
from apps.core.tests import test_freshness_agencies as agencies
from apps.core.tests.test_freshness_agencies import redis_cache, request_of  # noqa: F401  (Redis db 14)
from apps.documents import selectors
from apps.documents.services import document_revoke, letter_issue
from apps.documents.tests.factories import IssuedDocumentFactory
from apps.workflow.tests.service_table import test_service_table  # noqa: F401  (the "test" service's rows)

pytestmark = pytest.mark.django_db(transaction=True)

# An agency's officer and another agency's, the province's expert, and a case of each agency.
people, cases = agencies.people, agencies.cases


@pytest.fixture
def documents(people):
    """Each person's kept list of the documents they may see, and whose lists were read from the database."""
    reads = []

    def shown(name):
        user = people[name]

        def read():
            reads.append(name)
            return sorted(selectors.document_list_for_user(user=user).values_list("title", "revoked_at"))

        return freshness.kept(("documents", str(user.pk)), read, reader=user)

    def read_all():
        reads.clear()
        return {name: [title for title, _ in shown(name)] for name in people}

    return read_all, reads


def test_a_letter_to_one_agency_issued_and_revoked_moves_on_only_that_agency(documents, cases, people):
    read_all, reads = documents
    read_all()
    with request_of(people["expert"]):
        letter = letter_issue(
            case=cases["A"], actor=people["expert"], subject="درخواست مستندات", body="مستندات را بفرستید."
        )
    shown = read_all()
    # The agency written to and the province's staff, who read across, read afresh; the other agency's kept.
    assert sorted(reads) == ["A", "expert"]
    assert shown == {"A": ["درخواست مستندات"], "B": [], "expert": ["درخواست مستندات"]}

    with request_of(people["expert"]):
        document_revoke(document=letter, actor=people["expert"], reason="صادرشده به اشتباه")
    read_all()
    assert sorted(reads) == ["A", "expert"]


def test_a_document_the_organization_owns_empties_every_agencys_lists(documents, people, province):
    read_all, reads = documents
    read_all()
    # The Organization's own document is no agency's: whoever its kinds show it to reads it afresh.
    with request_of(people["expert"]), transaction.atomic():
        IssuedDocumentFactory(owner=province, issued_by=people["expert"], title="کتاب نتایج")
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]
