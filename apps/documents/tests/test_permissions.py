"""Documents answer as the permission table declares: letters to their agency's officer and head and the
Organization's staff, a holder's own documents by national ID (`document_kind`), and a public
verification that never names the holder in full, not even inside a title."""

import pytest
from django.urls import reverse

from apps.accounts import permissions as perms
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.documents.kinds import document_kind
from apps.documents.models import IssuedDocument
from apps.documents.selectors import verification_facts, without_name

from .factories import IssuedDocumentFactory

pytestmark = pytest.mark.django_db

HOLDER, HOLDER_ID = "علی محمدی", "0012345679"


def test_an_agency_s_letters_reach_its_officer_and_head_but_not_its_employees(login, agency, letter):
    head = UserFactory(organization=agency, roles=[Role.AGENCY_HEAD])
    learner = UserFactory(organization=agency, roles=[Role.LEARNER])
    url = reverse("documents:download", args=[letter.pk])
    assert login(head).get(url).status_code == 200
    assert login(learner).get(url).status_code == 404
    assert letter not in IssuedDocument.objects.visible_to(learner)


def test_another_agency_s_officer_cannot_open_the_letter(login, other_officer, letter):
    assert login(other_officer).get(reverse("documents:download", args=[letter.pk])).status_code == 404
    assert login(other_officer).get(f"/api/documents/{letter.pk}/pdf").status_code == 404


def test_the_evaluator_may_not_issue_letters(login, province, case):
    evaluator = UserFactory(organization=province, roles=[Role.EVALUATOR])
    response = login(evaluator).get(reverse("documents:letter_issue", args=[case.tracking_code]))
    assert response.status_code == 403


def test_a_document_kind_s_own_rows_are_those_held_by_the_person_s_national_id(agency):
    found = document_kind("permit-test", "مجوز آزمایشی")
    assert (found.name, found.model, found.agency) == (
        "document.permit-test",
        "documents.IssuedDocument",
        "owner",
    )
    mine = IssuedDocumentFactory(kind="permit-test", holder_national_id=HOLDER_ID, owner=agency)
    IssuedDocumentFactory(kind="permit-test", holder_national_id="1234567891", owner=agency)
    IssuedDocumentFactory(kind="letter", holder_national_id=HOLDER_ID, owner=agency)
    holder = UserFactory(organization=agency, national_id=HOLDER_ID)
    rows = IssuedDocument.objects.filter(found.own(holder) & found.rows)
    assert list(rows) == [mine]
    # A person without a national ID holds nothing, not every document without one.
    IssuedDocumentFactory(kind="permit-test", holder_national_id="", owner=agency)
    nobody = UserFactory(organization=agency, national_id=None)
    assert not IssuedDocument.objects.filter(found.own(nobody) & found.rows).exists()


def test_the_letter_s_table_is_declared_and_deny_by_default():
    assert perms.kind("document.letter").model == "documents.IssuedDocument"
    assert not perms.table()["document.letter"].get("edit")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        (f"اعلام کتبی تغییر {HOLDER} از سمت مدیرکل", "اعلام کتبی تغییر از سمت مدیرکل"),
        (f"حکم انتصاب — {HOLDER}", "حکم انتصاب"),
        ("حکم انتصاب علی\u200cمحمدی", "حکم انتصاب"),
        ("گواهی‌نامه دوره «اخلاق اداری»", "گواهی‌نامه دوره «اخلاق اداری»"),
    ],
)
def test_a_title_loses_the_holder_s_name(title, shown):
    assert without_name(title, HOLDER) == shown


def test_the_public_page_shows_a_decree_s_kind_and_title_without_the_holder_s_name(client, agency):
    document = IssuedDocumentFactory(
        owner=agency,
        title=f"حکم انتصاب {HOLDER} به سمت مدیرکل",
        holder_name=HOLDER,
        holder_national_id=HOLDER_ID,
        summary=[{"label": "دارنده حکم", "value": HOLDER}, {"label": "سمت", "value": "مدیرکل"}],
    )
    body = client.get(reverse("documents:verify", args=[document.verification_code])).content.decode()
    assert "حکم انتصاب به سمت مدیرکل" in body
    assert 'data-testid="verify-holder">ع*** م***<' in body
    assert HOLDER not in body and "محمدی" not in body and HOLDER_ID not in body
    facts = client.get(f"/api/documents/verify/{document.verification_code}").json()
    assert facts["title"] == "حکم انتصاب به سمت مدیرکل" and facts["holder_name"] == "ع*** م***"
    assert "محمدی" not in str(facts)
    assert verification_facts(document)["summary"][0]["value"] == "ع*** م***"
