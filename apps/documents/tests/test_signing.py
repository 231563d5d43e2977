"""Issued documents carry the Organization's PAdES signature, and an uploaded PDF is checked against it."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from apps.documents import signing
from apps.documents.render import render_pdf
from apps.documents.services import document_revoke

ROOT = Path(settings.BASE_DIR)


def _stored(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def _tampered(pdf: bytes) -> bytes:
    """One byte of the signed content changed, as an edited copy would be."""
    at = pdf.index(b"/Producer")
    return pdf[:at] + b"/Producex" + pdf[at + len(b"/Producer") :]


def test_it_signs_an_issued_document_as_pyhankos_validator_accepts(letter):
    pdf = _stored(letter)
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    roots = [signing._asn1(c) for c in signing.signing_material().trust_roots]
    status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=roots, allow_fetching=False))
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.dump() == signing._asn1(signing.signing_material().certificate).dump()


def test_it_signs_inside_a_running_event_loop(letter):
    # An async caller, or a browser test driving Playwright in the same thread, has a loop running.
    import asyncio

    unsigned = render_pdf("documents/letter.html", {"document": letter, "subject": "آزمون", "body": "متن"})

    async def sign_inside_a_loop():
        return signing.sign_pdf(unsigned)

    signed = asyncio.run(sign_inside_a_loop())
    signatures = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert len(signatures) == 1
    roots = [signing._asn1(c) for c in signing.signing_material().trust_roots]
    status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=roots, allow_fetching=False))
    assert status.bottom_line and status.intact


def test_it_stores_the_hash_of_the_signed_file(letter):
    import hashlib

    assert letter.sha256 == hashlib.sha256(_stored(letter)).hexdigest()


def test_the_page_says_an_uploaded_document_of_the_desk_is_valid(client, letter):
    upload = SimpleUploadedFile("doc.pdf", _stored(letter), content_type="application/pdf")
    response = client.post(reverse("documents:verify_file"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="verify-signature-valid"' in page
    assert letter.verification_code in page
    assert 'data-testid="verify-revoked"' not in page


def test_the_page_says_a_tampered_pdf_is_not_intact(client, letter):
    upload = SimpleUploadedFile("doc.pdf", _tampered(_stored(letter)), content_type="application/pdf")
    page = client.post(reverse("documents:verify_file"), {"file": upload}).content.decode()
    assert 'data-testid="verify-signature-tampered"' in page
    assert 'data-testid="verify-file-unknown"' in page


def test_the_page_says_a_pdf_not_of_the_desk_is_unknown(client, db):
    upload = SimpleUploadedFile("other.pdf", render_pdf("documents/pdf_base.html", {}))
    page = client.post(reverse("documents:verify_file"), {"file": upload}).content.decode()
    assert 'data-testid="verify-signature-none"' in page
    assert 'data-testid="verify-file-unknown"' in page


def test_the_page_says_an_uploaded_revoked_document_is_revoked(client, letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه")
    upload = SimpleUploadedFile("doc.pdf", _stored(letter))
    page = client.post(reverse("documents:verify_file"), {"file": upload}).content.decode()
    assert 'data-testid="verify-revoked"' in page and "این سند باطل شده است" in page


def test_the_page_refuses_a_file_that_is_not_a_pdf(client, db):
    upload = SimpleUploadedFile("doc.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response = client.post(reverse("documents:verify_file"), {"file": upload})
    assert response.status_code == 400
    assert "نوع فایل پذیرفته نیست" in response.content.decode()


def test_the_api_verifies_an_uploaded_document(client, letter):
    response = client.post("/api/documents/verify", {"file": SimpleUploadedFile("d.pdf", _stored(letter))})
    assert response.status_code == 200
    data = response.json()
    assert data["signature"] == "valid" and data["signature_valid"] and data["intact"]
    assert data["known"] and not data["revoked"]
    assert data["document"]["code"] == letter.verification_code


def test_the_api_reports_a_tampered_file(client, letter):
    body = {"file": SimpleUploadedFile("d.pdf", _tampered(_stored(letter)))}
    data = client.post("/api/documents/verify", body).json()
    assert data["signature"] == "tampered" and not data["intact"] and not data["known"]


def test_the_api_reports_a_revoked_upload_and_an_unknown_one(client, letter, org_expert):
    document_revoke(document=letter, actor=org_expert, reason="صدور اشتباه")
    data = client.post("/api/documents/verify", {"file": SimpleUploadedFile("d.pdf", _stored(letter))}).json()
    assert data["known"] and data["revoked"] and data["document"]["revoked"]
    other = SimpleUploadedFile("o.pdf", render_pdf("documents/pdf_base.html", {}))
    data = client.post("/api/documents/verify", {"file": other}).json()
    assert data["signature"] == "unsigned" and not data["known"] and data["document"] is None


def test_the_api_refuses_a_file_that_is_not_a_pdf(client, db):
    response = client.post("/api/documents/verify", {"file": SimpleUploadedFile("x.pdf", b"hello")})
    assert response.status_code == 400


def test_the_demo_authority_is_made_once_and_reused(tmp_path):
    folder = tmp_path / "signing"
    signing.demo_authority(folder)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(first) == {signing.DEMO_P12, signing.DEMO_PASSPHRASE, signing.DEMO_ROOT}
    signing.demo_authority(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert [p.name for p in tmp_path.iterdir()] == ["signing"]  # nothing left from staging


def _production_settings(**env) -> subprocess.CompletedProcess:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("KHEDMAT_", "DJANGO_")) and k != "DEBUG"
    }
    production = {
        "KHEDMAT_PRODUCTION": "1",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "desk.example.org",
        "KHEDMAT_SITE_URL": "https://desk.example.org",
    }
    environ.update({**production, **env})
    return subprocess.run(
        [sys.executable, "-c", "import khedmat.settings"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_signing_certificate():
    result = _production_settings()
    assert result.returncode != 0 and "KHEDMAT_SIGNING_P12 is required" in result.stderr


def test_production_refuses_a_wrong_passphrase_or_a_missing_file(tmp_path):
    folder = signing.demo_authority(tmp_path / "signing")
    p12 = str(folder / signing.DEMO_P12)
    wrong = _production_settings(KHEDMAT_SIGNING_P12=p12, KHEDMAT_SIGNING_PASSPHRASE="wrong")
    assert wrong.returncode != 0 and "does not open" in wrong.stderr
    missing = _production_settings(KHEDMAT_SIGNING_P12=str(tmp_path / "none.p12"))
    assert missing.returncode != 0 and "cannot be read" in missing.stderr
    right = (folder / signing.DEMO_PASSPHRASE).read_text()
    ok = _production_settings(KHEDMAT_SIGNING_P12=p12, KHEDMAT_SIGNING_PASSPHRASE=right)
    assert ok.returncode == 0, ok.stderr


def test_production_requires_the_public_address():
    result = _production_settings(KHEDMAT_SITE_URL="")
    assert result.returncode != 0 and "KHEDMAT_SITE_URL is required" in result.stderr
