"""Issuing, revoking and the official letter, as a service caller sees them."""

import hashlib

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.documents.models import CODE_ALPHABET, CODE_LENGTH, IssuedDocument
from apps.documents.selectors import document_verify, mask_name
from apps.documents.services import document_issue, document_revoke, letter_issue

from .conftest import LETTER_BODY, LETTER_SUBJECT


def test_a_letter_is_a_real_one_page_pdf_in_vazirmatn_with_its_subject(letter, pdf_facts):
    data = letter.file.open("rb").read()
    assert data.startswith(b"%PDF-")
    facts = pdf_facts(data)
    assert facts.pages == 1
    assert any("Vazirmatn" in name for name in facts.fonts), facts.fonts
    assert facts.title == LETTER_SUBJECT


def test_issuing_stores_the_file_its_hash_and_an_audit_row(letter, case, agency, province, org_expert):
    letter.refresh_from_db()
    data = letter.file.open("rb").read()
    assert letter.sha256 == hashlib.sha256(data).hexdigest()
    assert letter.file.name.startswith("documents/") and letter.file.name.endswith(".pdf")
    assert (letter.kind, letter.owner, letter.case, letter.issued_by) == ("letter", agency, case, org_expert)
    assert letter.holder_name == agency.name
    assert letter.summary == [{"label": "صادرکننده", "value": province.name}]
    entry = AuditEntry.objects.get(action="documents.letter.issued")
    assert entry.case == case and entry.actor == org_expert and entry.ip == "10.0.0.9"
    assert entry.object_id == str(letter.pk)
    assert entry.changes["sha256"] == letter.sha256
    assert entry.changes["verification_code"] == letter.verification_code


def test_the_verification_code_is_short_and_unambiguous(letter):
    code = letter.verification_code
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("01OIL")


def test_a_code_typed_in_lower_case_with_persian_digits_still_finds_the_document(letter):
    typed = letter.verification_code.lower().translate(str.maketrans("23456789", "۲۳۴۵۶۷۸۹"))
    assert document_verify(code=f" {typed[:5]}-{typed[5:]} ") == letter


def test_an_agency_officer_cannot_issue_a_letter(case, agency_officer):
    with pytest.raises(ServiceError) as exc:
        letter_issue(case=case, actor=agency_officer, subject=LETTER_SUBJECT, body=LETTER_BODY)
    assert isinstance(exc.value, ForbiddenError)
    assert not IssuedDocument.objects.exists()
    assert not AuditEntry.objects.filter(action="documents.letter.issued").exists()


def test_it_refuses_a_letter_without_a_body(case, org_expert):
    with pytest.raises(ServiceError, match="متن نامه"):
        letter_issue(case=case, actor=org_expert, subject=LETTER_SUBJECT, body="  \n ")
    assert not IssuedDocument.objects.exists()


def test_it_refuses_a_kind_nobody_registered(agency, org_expert):
    with pytest.raises(ServiceError, match="نوع سند"):
        document_issue(
            kind="nonesuch",
            template_name="documents/pdf_base.html",
            context={},
            title="سند",
            owner=agency,
            holder_name="علی محمدی",
            actor=org_expert,
        )


def test_revoking_records_when_and_why_and_audits_it(letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه", ip="10.0.0.9")
    letter.refresh_from_db()
    assert letter.is_revoked and letter.revoke_reason == "صدور اشتباه"
    entry = AuditEntry.objects.get(action="documents.letter.revoked")
    assert entry.reason == "صدور اشتباه" and entry.actor == org_expert and entry.object_id == str(letter.pk)


def test_it_refuses_to_revoke_without_a_reason(letter, org_expert):
    with pytest.raises(ServiceError, match="دلیل"):
        document_revoke(document=letter, actor=org_expert, reason="   ")
    letter.refresh_from_db()
    assert not letter.is_revoked
    assert not AuditEntry.objects.filter(action="documents.letter.revoked").exists()


def test_only_the_issuing_organization_can_revoke(letter, agency_officer):
    with pytest.raises(ServiceError) as exc:
        document_revoke(document=letter, actor=agency_officer, reason="نمی‌خواهیم")
    assert isinstance(exc.value, ForbiddenError)
    letter.refresh_from_db()
    assert not letter.is_revoked


def test_it_refuses_to_revoke_twice(letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه")
    with pytest.raises(ServiceError) as exc:
        document_revoke(document=letter, actor=org_expert, reason="دوباره")
    assert isinstance(exc.value, ConflictError)
    assert AuditEntry.objects.filter(action="documents.letter.revoked").count() == 1


@pytest.mark.parametrize(
    ("name", "masked"),
    [("علی محمدی", "ع*** م***"), ("  زهرا   نیک‌نام ", "ز*** ن***"), ("", "")],
)
def test_a_holder_name_shows_only_the_first_letter_of_each_word(name, masked):
    assert mask_name(name) == masked
