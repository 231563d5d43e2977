"""The documents API: public verification, and the caller's own documents and PDFs."""

from apps.documents.services import document_revoke

from .conftest import LETTER_SUBJECT
from .factories import IssuedDocumentFactory


def test_anyone_can_verify_a_document_by_its_code(client, letter, agency, province):
    response = client.get(f"/api/documents/verify/{letter.verification_code}")
    assert response.status_code == 200
    data = response.json()
    assert data["kind"] == "letter" and data["kind_label"] == "نامه رسمی"
    assert data["title"] == LETTER_SUBJECT and data["owner"] == agency.name
    assert data["holder_name"] == "ا*** خ***"
    assert data["sha256"] == letter.sha256 and data["revoked"] is False
    assert data["summary"] == [{"label": "صادرکننده", "value": province.name}]
    assert len(data["issued_on_jalali"]) == 10
    assert "holder_national_id" not in data


def test_the_api_reports_a_revoked_document(client, letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه")
    data = client.get(f"/api/documents/verify/{letter.verification_code}").json()
    assert data["revoked"] is True and data["revoked_at"]


def test_an_unknown_code_answers_404(client, db):
    response = client.get("/api/documents/verify/ABCDE23456")
    assert response.status_code == 404
    assert "یافت نشد" in response.json()["detail"]


def test_the_list_needs_a_sign_in(client, db):
    assert client.get("/api/documents").status_code == 401


def test_the_list_holds_only_the_agency_documents(login, agency_officer, agency, other_agency):
    mine = IssuedDocumentFactory(owner=agency)
    IssuedDocumentFactory(owner=other_agency)
    data = login(agency_officer).get("/api/documents").json()
    assert [item["id"] for item in data["items"]] == [mine.pk]
    assert data["items"][0]["owner"] == agency.name


def test_an_officer_downloads_the_agency_pdf(login, agency_officer, letter):
    response = login(agency_officer).get(f"/api/documents/{letter.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_another_agency_officer_gets_404_on_the_pdf(login, other_officer, letter):
    response = login(other_officer).get(f"/api/documents/{letter.pk}/pdf")
    assert response.status_code == 404
