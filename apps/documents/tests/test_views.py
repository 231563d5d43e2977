"""The documents pages: the list, downloads, issuing a letter with its preview, public verification."""

from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.documents.models import IssuedDocument
from apps.documents.services import document_revoke

from .conftest import LETTER_BODY, LETTER_SUBJECT
from .factories import IssuedDocumentFactory


def test_the_list_shows_an_agency_only_its_own_documents(login, agency_officer, agency, other_agency):
    IssuedDocumentFactory(owner=agency, title="نامه ما")
    IssuedDocumentFactory(owner=other_agency, title="نامه دیگران")
    response = login(agency_officer).get(reverse("documents:list"))
    assert response.status_code == 200
    assert "نامه ما" in response.content.decode()
    assert "نامه دیگران" not in response.content.decode()


def test_the_list_needs_a_sign_in(client):
    response = client.get(reverse("documents:list"))
    assert response.status_code == 302


def test_the_list_runs_the_same_queries_for_many_documents(
    login, org_expert, agency, other_agency, django_assert_max_num_queries
):
    client = login(org_expert)
    IssuedDocumentFactory(owner=agency)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("documents:list"))
    for owner in [agency, other_agency] * 10:
        IssuedDocumentFactory(owner=owner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("documents:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 21


def test_the_menu_has_a_documents_entry(login, agency_officer):
    response = login(agency_officer).get(reverse("documents:list"))
    assert f'href="{reverse("documents:list")}"' in response.content.decode()


def test_an_officer_downloads_the_agency_pdf(login, agency_officer, letter):
    response = login(agency_officer).get(reverse("documents:download", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_agency_officer_gets_404_on_download(login, other_officer, letter):
    response = login(other_officer).get(reverse("documents:download", args=[letter.pk]))
    assert response.status_code == 404


def test_province_staff_see_the_letter_form(login, org_expert, case):
    response = login(org_expert).get(reverse("documents:letter_issue", args=[case.tracking_code]))
    assert response.status_code == 200
    assert case.owner.name in response.content.decode()


def test_an_agency_officer_may_not_issue_letters(login, agency_officer, case):
    client = login(agency_officer)
    url = reverse("documents:letter_issue", args=[case.tracking_code])
    assert client.get(url).status_code == 403
    response = client.post(url, {"subject": LETTER_SUBJECT, "body": LETTER_BODY, "confirm": "1"})
    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


def test_a_case_that_does_not_exist_answers_404(login, org_expert, case):
    response = login(org_expert).get(reverse("documents:letter_issue", args=["0000000000"]))
    assert response.status_code == 404


def test_the_first_post_shows_a_preview_and_issues_nothing(login, org_expert, case):
    response = login(org_expert).post(
        reverse("documents:letter_issue", args=[case.tracking_code]),
        {"subject": LETTER_SUBJECT, "body": LETTER_BODY},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "صدور نهایی" in body and "بند دوم نامه." in body
    assert not IssuedDocument.objects.exists()


def test_confirming_the_preview_issues_the_letter(login, org_expert, case):
    response = login(org_expert).post(
        reverse("documents:letter_issue", args=[case.tracking_code]),
        {"subject": LETTER_SUBJECT, "body": LETTER_BODY, "confirm": "1"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("documents:list")
    document = IssuedDocument.objects.get()
    assert (document.kind, document.title, document.owner, document.case) == (
        "letter",
        LETTER_SUBJECT,
        case.owner,
        case,
    )
    assert AuditEntry.objects.filter(action="documents.letter.issued", object_id=str(document.pk)).exists()


def test_an_empty_letter_is_sent_back_to_the_form(login, org_expert, case):
    response = login(org_expert).post(
        reverse("documents:letter_issue", args=[case.tracking_code]),
        {"subject": "", "body": "", "confirm": "1"},
    )
    assert response.status_code == 200
    assert response.templates[0].name == "documents/letter_form.html"
    assert not IssuedDocument.objects.exists()


def test_the_public_page_says_a_genuine_document_is_genuine(client, letter, agency):
    response = client.get(reverse("documents:verify", args=[letter.verification_code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="verify-genuine"' in body
    assert "نامه رسمی" in body and LETTER_SUBJECT in body and agency.name in body
    assert letter.sha256 in body
    assert 'data-testid="verify-holder">ا*** خ***<' in body


def test_the_public_page_masks_a_person_and_shows_nothing_personal(client, agency):
    document = IssuedDocumentFactory(owner=agency, holder_name="علی محمدی", holder_national_id="0012345679")
    body = client.get(reverse("documents:verify", args=[document.verification_code])).content.decode()
    assert "ع*** م***" in body
    assert "علی محمدی" not in body and "0012345679" not in body


def test_the_public_page_says_a_revoked_document_is_revoked(client, letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه")
    response = client.get(reverse("documents:verify", args=[letter.verification_code]))
    body = response.content.decode()
    assert 'data-testid="verify-revoked"' in body and 'data-testid="verify-genuine"' not in body
    assert "صدور اشتباه" not in body


def test_the_public_page_says_an_unknown_code_is_unknown(client, db):
    response = client.get(reverse("documents:verify", args=["ABCDE23456"]))
    assert response.status_code == 404
    assert 'data-testid="verify-unknown"' in response.content.decode()


def test_the_verify_form_sends_a_typed_code_to_its_page(client, letter):
    typed = letter.verification_code.lower()
    response = client.get(reverse("documents:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:verify", args=[letter.verification_code])
