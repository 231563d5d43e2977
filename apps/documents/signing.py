"""PAdES signatures: the Organization's certificate signs every issued PDF, and an uploaded PDF is checked.

The certificate is the PKCS#12 file the settings name (KHEDMAT_SIGNING_P12). With none configured (the
embedded mode only: production refuses to start without one) the desk makes a demo authority and a
signing certificate once, under var/signing/, and keeps them across runs.
"""

import asyncio
import datetime as dt
import io
import os
import secrets
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

DEMO_P12 = "signing.p12"
DEMO_PASSPHRASE = "passphrase"
DEMO_ROOT = "demo-root.pem"
SIGNATURE_FIELD = "KhedmatSignature"


# --- the demo authority -------------------------------------------------------------------------------


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Khedmat demo"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_demo_authority(folder: Path) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("Khedmat demo root CA (not for real documents)")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Khedmat demo signing certificate"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    passphrase = secrets.token_urlsafe(24)
    p12 = pkcs12.serialize_key_and_certificates(
        b"khedmat", key, cert, [root], serialization.BestAvailableEncryption(passphrase.encode())
    )
    (folder / DEMO_P12).write_bytes(p12)
    (folder / DEMO_PASSPHRASE).write_text(passphrase)
    (folder / DEMO_ROOT).write_bytes(root.public_bytes(serialization.Encoding.PEM))
    for path in folder.iterdir():
        path.chmod(0o600)


def demo_authority(folder: Path) -> Path:
    """The demo authority's folder, made on first use and kept: made aside and renamed into place, so two
    processes starting together both end up with the one that won."""
    if (folder / DEMO_P12).exists():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".signing-", dir=folder.parent))
    try:
        _write_demo_authority(staging)
        os.rename(staging, folder)
    except OSError:
        if not (folder / DEMO_P12).exists():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


# --- the configured certificate ----------------------------------------------------------------------


@dataclass(frozen=True)
class SigningMaterial:
    key: object
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    trust_roots: tuple[x509.Certificate, ...]


def _trust_roots(cert: x509.Certificate, chain: list[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    path = settings.KHEDMAT_SIGNING_TRUST_ROOTS
    if path:
        return tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))
    # The self-issued certificates the PKCS#12 file carries with the signing certificate.
    roots = tuple(c for c in chain if c.issuer == c.subject)
    return roots or (cert,)


@cache
def signing_material() -> SigningMaterial:
    """The signing certificate, read once per process (settings have already checked it opens)."""
    if settings.KHEDMAT_SIGNING_P12:
        path, passphrase = Path(settings.KHEDMAT_SIGNING_P12), settings.KHEDMAT_SIGNING_PASSPHRASE
    else:
        folder = demo_authority(Path(settings.KHEDMAT_SIGNING_DEMO_DIR))
        path, passphrase = folder / DEMO_P12, (folder / DEMO_PASSPHRASE).read_text().strip()
    key, cert, chain = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase.encode() or None)
    return SigningMaterial(
        key=key, certificate=cert, chain=tuple(chain), trust_roots=_trust_roots(cert, list(chain))
    )


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass(frozen=True)
class _Template:
    """A CMS container pyHanko built once for a stand-in digest: every byte of it but the digest and the
    signature is the same for every document this process signs."""

    stand_in: bytes
    signed_attrs: bytes  # the DER the signature covers (SET OF attributes)
    container: bytes  # the whole ContentInfo


# The signed attributes a PAdES signature of the desk carries: none depends on the document but its digest.
_CONSTANT_ATTRIBUTES = {
    "content_type",
    "message_digest",
    "signing_certificate_v2",
    "cms_algorithm_protection",
}


@cache
def _signer():
    from asn1crypto import cms, keys
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign import signers
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class KeptSigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner, with what it redoes for every signature done once per process.

        - The private key is parsed once: SimpleSigner parses it again for every signature (~0.4 s for RSA,
          most of it cryptography's key check).
        - The CMS container is assembled once. pyHanko builds the signed attributes, the signer info and the
          certificate set from Python values through asn1crypto for every signature, which was three
          quarters of a signature's cost. For a PAdES signature without a timestamp, everything in them
          but the document's digest is constant (content type, the digest, the signing certificate's
          hash), so pyHanko builds the container once for a random stand-in digest; each document then
          gets that container with its own digest in place of the stand-in and its own signature over
          its own signed attributes. Anything else (a timestamper, other attributes) goes through
          pyHanko unchanged.
        """

        _templates: dict

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            algorithm = get_pyca_cryptography_hash(digest_algorithm)
            key = material.key
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
                return key.sign(data, PKCS1v15(), algorithm)
            if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(algorithm))
            return super().sign_raw(data, digest_algorithm)

        async def async_sign(
            self,
            data_digest: bytes,
            digest_algorithm: str,
            dry_run=False,
            use_pades=False,
            timestamper=None,
            signed_attr_settings=None,
            is_pdf_sig=True,
            encap_content_info=None,
        ):
            plain = (
                not dry_run
                and timestamper is None
                and is_pdf_sig
                and encap_content_info is None
                and signed_attr_settings is not None
                and signed_attr_settings.adobe_revinfo_attr is None
                and signed_attr_settings.cades_signed_attrs is None
            )
            key = (digest_algorithm, use_pades, len(data_digest))
            if plain and key not in self._templates:
                self._templates[key] = await self._template(
                    digest_algorithm, use_pades, len(data_digest), signed_attr_settings
                )
            template = self._templates.get(key) if plain else None
            if template is None:
                return await super().async_sign(
                    data_digest,
                    digest_algorithm,
                    dry_run=dry_run,
                    use_pades=use_pades,
                    timestamper=timestamper,
                    signed_attr_settings=signed_attr_settings,
                    is_pdf_sig=is_pdf_sig,
                    encap_content_info=encap_content_info,
                )
            signed_attrs = template.signed_attrs.replace(template.stand_in, data_digest)
            signature = await self.async_sign_raw(signed_attrs, digest_algorithm)
            container = cms.ContentInfo.load(template.container.replace(template.stand_in, data_digest))
            container["content"]["signer_infos"][0]["signature"] = signature
            return container

        async def _template(
            self, digest_algorithm, use_pades, size, signed_attr_settings
        ) -> _Template | None:
            stand_in = secrets.token_bytes(size)
            container = await super().async_sign(
                stand_in, digest_algorithm, use_pades=use_pades, signed_attr_settings=signed_attr_settings
            )
            signer_info = container["content"]["signer_infos"][0]
            kinds = {attribute["type"].native for attribute in signer_info["signed_attrs"]}
            if not kinds <= _CONSTANT_ATTRIBUTES or signer_info["unsigned_attrs"].native is not None:
                return None  # something in it changes with each signature (a signing time): pyHanko builds it
            template = _Template(
                stand_in=stand_in,
                signed_attrs=signer_info["signed_attrs"].untag().dump(),
                container=container.dump(),
            )
            if template.signed_attrs.count(stand_in) != 1 or template.container.count(stand_in) != 1:
                return None
            return template

    material = signing_material()
    key_der = material.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = KeptSigner(
        signing_cert=_asn1(material.certificate),
        signing_key=keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in material.chain]),
    )
    signer._templates = {}
    return signer


@cache
def signature_bytes_reserved() -> int:
    """Room kept in the file for the signature container (hex, so twice its DER): the certificates it
    embeds, plus 2 KiB for the signed attributes, a signature of up to a 16,384-bit key and the CMS framing.
    Reserving it skips pyHanko's trial signature, which would double the cost of each document; sizing it
    from the chain instead of a fixed 16 KiB keeps ~10 KB of padding out of each file."""
    material = signing_material()
    certificates = {
        c.public_bytes(serialization.Encoding.DER) for c in (material.certificate, *material.chain)
    }
    return 2 * (sum(map(len, certificates)) + 2048)


def sign_pdf(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """`pdf` with the Organization's PAdES signature (an incremental update covering the whole file)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )

    def sign() -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        signer = signers.PdfSigner(meta, signer=_signer())
        return signer.sign_pdf(writer, bytes_reserved=signature_bytes_reserved()).getvalue()

    return _outside_event_loop(sign)


def _outside_event_loop(call):
    """`call()`, in a thread of its own when this one runs an event loop: pyHanko's synchronous calls run
    an event loop of their own, which cannot start inside a running one (an async caller, or a browser
    test driving Playwright in this thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


# --- checking a file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool = False
    trusted: bool = False
    valid: bool = False
    whole_file: bool = False
    signer: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        """Signed by a certificate the desk trusts, and not one byte changed since."""
        return self.signed and self.intact and self.valid and self.trusted and self.whole_file


def check_pdf(data: bytes) -> SignatureCheck:
    """What pyHanko's validator says of the file's signatures, against the desk's trust roots."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        return SignatureCheck(signed=False, error=f"unreadable PDF: {exc}")
    if not signatures:
        return SignatureCheck(signed=False)
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in signing_material().trust_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    # The desk signs once; a later signature (someone else's) is judged on its own, so the last counts.
    signature = signatures[-1]
    try:
        status = _outside_event_loop(lambda: validate_pdf_signature(signature, context))
    except Exception as exc:  # a malformed signature is a verdict, never a 500
        return SignatureCheck(signed=True, error=str(exc))

    return SignatureCheck(
        signed=True,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
    )
