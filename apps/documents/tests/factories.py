"""Issued documents without rendering, for tests about lists and access rather than the PDF itself."""

import hashlib

import factory
from django.core.files.base import ContentFile

from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.documents.kinds import LETTER
from apps.documents.models import IssuedDocument, new_verification_code

FAKE_PDF = b"%PDF-1.7\n% test document\n%%EOF\n"


class IssuedDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuedDocument

    kind = LETTER
    title = factory.Sequence(lambda n: f"نامه آزمایشی {n}")
    verification_code = factory.LazyFunction(new_verification_code)
    holder_name = "علی محمدی"
    owner = factory.SubFactory(OrganizationFactory)
    issued_by = factory.SubFactory(UserFactory)
    file = factory.LazyAttribute(lambda d: ContentFile(FAKE_PDF, name=f"{d.verification_code}.pdf"))
    sha256 = hashlib.sha256(FAKE_PDF).hexdigest()
