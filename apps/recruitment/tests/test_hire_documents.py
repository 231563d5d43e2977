"""A hire file is complete before the Deputy sees it (issue 21, item 6): the documents each file needs,
the agency's draft, the checked uploads, and sending and forwarding refused while one is missing."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from apps.accounts.tests.factories import ProvinceFactory
from apps.audit.models import AuditEntry
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.recruitment import selectors
from apps.recruitment.models import Hire, HireDocument, RoundDocument
from apps.recruitment.rules import HIRE_BASE_DOCUMENTS
from apps.recruitment.services import hire_documents, rounds
from apps.workflow.models import CaseAttachment
from apps.workflow.services import available_actions, perform

from .conftest import attach_documents, pdf_upload, png_upload

pytestmark = pytest.mark.django_db

RECORD = "گواهی عدم سوءپیشینه کیفری"


@pytest.fixture
def round_asking_a_record(registration_round):
    """The round asks every file for a certificate of no criminal record beside the degree and card."""
    RoundDocument.objects.create(round=registration_round, title=RECORD)
    return registration_round


def _code(round_, title: str) -> str:
    return next(r.code for r in selectors.round_requirements(round_=round_) if r.title == title)


def test_a_file_opens_as_the_agencys_draft_and_its_checklist_names_every_required_document(
    round_asking_a_record, hr, register
):
    case = register(hr, round_asking_a_record, 0, draft=True)
    assert case.state == "draft"
    rows = selectors.hire_document_checklist(hire=case.hire)
    assert [r.requirement.title for r in rows] == [*HIRE_BASE_DOCUMENTS.values(), RECORD]
    assert not any(r.attached for r in rows)


def test_sending_with_one_required_document_missing_is_refused_naming_it_and_with_all_is_allowed(
    round_asking_a_record, hr, org_expert, register
):
    case = register(hr, round_asking_a_record, 0, draft=True)
    attach_documents(hr, case, skip=(_code(round_asking_a_record, RECORD),))
    # The button is not offered and the service refuses, naming the missing document and only it.
    assert "submit" not in [a.name for a in available_actions(hr, case)]
    with pytest.raises(ServiceError) as refused:
        perform(case, "submit", actor=hr)
    assert RECORD in refused.value.message
    assert HIRE_BASE_DOCUMENTS["degree"] not in refused.value.message
    case.refresh_from_db()
    assert case.state == "draft"

    hire_documents.hire_document_attach(
        actor=hr, hire=case.hire, requirement=_code(round_asking_a_record, RECORD), uploaded_file=pdf_upload()
    )
    assert perform(case, "submit", actor=hr).state == "submitted"


def test_the_deputy_cannot_forward_a_file_missing_a_document_and_forwards_a_complete_one(
    registration_round, hr, org_expert, register
):
    legacy = register(hr, registration_round, 0)
    complete = register(hr, registration_round, 1)
    # A file sent before documents were asked for: its national card is not on it.
    HireDocument.objects.filter(hire=legacy.hire, requirement="national_card").delete()
    assert "forward" not in [a.name for a in available_actions(org_expert, legacy)]
    with pytest.raises(ServiceError, match=HIRE_BASE_DOCUMENTS["national_card"]):
        perform(legacy, "forward", actor=org_expert)
    legacy.refresh_from_db()
    assert legacy.state == "submitted"
    assert perform(complete, "forward", actor=org_expert).state == "national"

    # The Deputy returns it; the agency attaches the card and resends; now it goes on.
    perform(legacy, "return", actor=org_expert, reason="تصویر کارت ملی پیوست نشده است.")
    attach_documents(hr, legacy, skip=("degree",))
    perform(legacy, "resend", actor=hr)
    assert perform(legacy, "forward", actor=org_expert).state == "national"


def test_a_returned_file_missing_a_document_is_not_resent(registration_round, hr, org_expert, register):
    case = register(hr, registration_round, 0)
    perform(case, "return", actor=org_expert, reason="دانشنامه ناخواناست.")
    HireDocument.objects.filter(hire=case.hire, requirement="degree").delete()
    with pytest.raises(ServiceError, match="پیوست نشده است"):
        perform(case, "resend", actor=hr)


def test_uploads_are_checked_by_content_and_size(registration_round, hr, register, settings):
    case = register(hr, registration_round, 0, draft=True)
    renamed = SimpleUploadedFile("degree.pdf", b"just text, not a PDF", content_type="application/pdf")
    with pytest.raises(ServiceError, match="نوع فایل پذیرفته نیست"):
        hire_documents.hire_document_attach(
            actor=hr, hire=case.hire, requirement="degree", uploaded_file=renamed
        )
    settings.KHEDMAT_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile(
        "degree.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024), content_type="application/pdf"
    )
    with pytest.raises(ServiceError, match="حجم فایل"):
        hire_documents.hire_document_attach(actor=hr, hire=case.hire, requirement="degree", uploaded_file=big)
    # An image is as good as a PDF.
    hire_documents.hire_document_attach(
        actor=hr, hire=case.hire, requirement="degree", uploaded_file=png_upload()
    )
    assert not CaseAttachment.objects.filter(kind="pdf").exists()
    assert HireDocument.objects.get().attachment.kind == "png"


def test_only_the_owning_agency_attaches_and_only_while_it_holds_the_file(
    registration_round, hr, other_hr, org_expert, register
):
    case = register(hr, registration_round, 0, draft=True)
    for outsider in (other_hr, org_expert):
        with pytest.raises(ServiceError) as refused:
            hire_documents.hire_document_attach(
                actor=outsider, hire=case.hire, requirement="degree", uploaded_file=pdf_upload()
            )
        assert isinstance(refused.value, ForbiddenError)
    with pytest.raises(ServiceError, match="فهرست مدارک لازم"):
        hire_documents.hire_document_attach(
            actor=hr, hire=case.hire, requirement="passport", uploaded_file=pdf_upload()
        )
    attach_documents(hr, case)
    perform(case, "submit", actor=hr)
    with pytest.raises(ServiceError) as late:
        hire_documents.hire_document_attach(
            actor=hr, hire=case.hire, requirement="degree", uploaded_file=pdf_upload()
        )
    assert isinstance(late.value, ConflictError)


def test_a_replaced_document_keeps_the_older_upload_on_the_case(registration_round, hr, register):
    case = register(hr, registration_round, 0, draft=True)
    first = hire_documents.hire_document_attach(
        actor=hr, hire=case.hire, requirement="degree", uploaded_file=pdf_upload()
    )
    second = hire_documents.hire_document_attach(
        actor=hr, hire=case.hire, requirement="degree", uploaded_file=png_upload()
    )
    assert first.pk == second.pk and HireDocument.objects.get().attachment.kind == "png"
    assert CaseAttachment.objects.filter(case=case).count() == 2
    entries = AuditEntry.objects.filter(case=case, action="recruitment.hire.document").order_by("id")
    assert [e.changes["replaced"] for e in entries] == [False, True]


def test_a_round_is_defined_with_its_extra_documents_from_the_page(national_officer, login):
    client = login(national_officer)
    response = client.post(
        reverse("recruitment:round_create"),
        {
            "province": ProvinceFactory().pk,
            "code": "1405-9",
            "title": "نوبت نهم",
            "extra_documents": f"{RECORD}\n\n  {RECORD}\nکارت پایان خدمت\n",
        },
    )
    assert response.status_code == 302
    round_ = rounds.Round.objects.get(code="1405-9")
    titles = [r.title for r in selectors.round_requirements(round_=round_)]
    assert titles == [*HIRE_BASE_DOCUMENTS.values(), RECORD, "کارت پایان خدمت"]
    page = client.get(reverse("recruitment:round_detail", kwargs={"pk": round_.pk})).content.decode()
    assert RECORD in page and "کارت پایان خدمت" in page


def test_the_agency_attaches_from_the_file_page_and_a_wrong_file_is_refused_in_persian(
    registration_round, hr, register, login
):
    case = register(hr, registration_round, 0, draft=True)
    client = login(hr)
    url = reverse("recruitment:hire_document_upload", kwargs={"pk": case.hire.pk})
    wrong = SimpleUploadedFile("card.png", b"not an image", content_type="image/png")
    response = client.post(url, {"requirement": "national_card", "uploaded_file": wrong})
    assert response["Location"] == reverse(
        "workflow:case_detail", kwargs={"tracking_code": case.tracking_code}
    )
    assert any("نوع فایل پذیرفته نیست" in str(m) for m in get_messages(response.wsgi_request))
    assert not HireDocument.objects.exists()
    response = client.post(url, {"requirement": "national_card", "uploaded_file": pdf_upload()})
    assert response.status_code == 302
    assert HireDocument.objects.get().requirement == "national_card"
    assert Hire.objects.get().case.state == "draft"


def test_the_file_page_shows_the_checklist_attached_and_missing(registration_round, hr, org_expert, register):
    case = register(hr, registration_round, 0, draft=True)
    attach_documents(hr, case, skip=("degree",))
    # The service's part of the case page (workflow's case_detail includes it under the case's header).
    body = render_to_string("recruitment/_hire_detail.html", {"case": case, "user": hr})
    assert 'data-testid="hire-documents"' in body and 'data-testid="documents-missing"' in body
    assert body.count("پیوست شده</span>") == 1 and body.count("پیوست نشده</span>") == 1
    assert body.count('name="uploaded_file"') == 2
    # The Deputy reads the same checklist, with nothing to upload.
    deputy_view = render_to_string("recruitment/_hire_detail.html", {"case": case, "user": org_expert})
    assert "پیوست نشده</span>" in deputy_view and 'name="uploaded_file"' not in deputy_view
