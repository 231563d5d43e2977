"""A configured PKCS#12 of another key type signs as the demo's RSA key does, and the container kept per
process (apps/documents/signing.py: KeptSigner) gives each document its own digest and signature."""

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader

from apps.documents import signing
from apps.documents.render import render_pdf


def _clear():
    signing.signing_material.cache_clear()
    signing._signer.cache_clear()
    signing.signature_bytes_reserved.cache_clear()


@pytest.fixture
def ecdsa_p12(tmp_path, settings):
    """An ECDSA P-256 authority and signing certificate, configured as the Organization's PKCS#12."""
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root_name = signing._name("Test ECDSA root")

    def certificate(subject, public_key, ca):
        usage = dict.fromkeys(
            ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment"),
            not ca,
        )
        usage.update(
            key_agreement=False, key_cert_sign=ca, crl_sign=ca, encipher_only=False, decipher_only=False
        )
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(root_name)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
            .add_extension(x509.KeyUsage(**usage), critical=True)
            .sign(root_key, hashes.SHA256())
        )

    root = certificate(root_name, root_key.public_key(), True)
    leaf = certificate(signing._name("Test ECDSA signing"), key.public_key(), False)
    path = tmp_path / "ecdsa.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"t", key, leaf, [root], serialization.BestAvailableEncryption(b"secret")
        )
    )
    settings.KHEDMAT_SIGNING_P12, settings.KHEDMAT_SIGNING_PASSPHRASE = str(path), "secret"
    settings.KHEDMAT_SIGNING_TRUST_ROOTS = ""
    _clear()
    yield
    _clear()


def _pages(count):
    return [
        render_pdf("documents/pdf_base.html", {"subject": f"نامه {i}", "body": "متن " * i})
        for i in range(count)
    ]


def test_an_ecdsa_certificate_signs_every_document_validly(ecdsa_p12):
    for pdf in _pages(4):  # ECDSA signatures vary in length: each container is re-encoded around its own
        check = signing.check_pdf(signing.sign_pdf(pdf))
        assert check.ok, check
        assert "Test ECDSA signing" in check.signer


def test_each_document_gets_its_own_digest_and_signature(db):
    first, second = (signing.sign_pdf(pdf) for pdf in _pages(2))
    containers = [
        PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0].signed_data for pdf in (first, second)
    ]
    infos = [c["signer_infos"][0] for c in containers]
    digests = [dict((a["type"].native, a["values"][0].native) for a in i["signed_attrs"]) for i in infos]
    assert digests[0]["message_digest"] != digests[1]["message_digest"]
    assert infos[0]["signature"].native != infos[1]["signature"].native
    for pdf in (first, second):
        assert signing.check_pdf(pdf).ok
