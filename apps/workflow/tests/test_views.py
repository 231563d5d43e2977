"""The cartable, a case page, acting on it and public tracking, as a person in a browser sees them."""

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.workflow.models import Case, CaseAttachment
from apps.workflow.services import perform

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_cartable_lists_cases_waiting_for_the_expert(login, open_case, org_expert):
    case = open_case(title="درخواست بررسی مدارک")
    response = login(org_expert).get(reverse("workflow:cartable"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="fa" dir="rtl"' in body
    assert "درخواست بررسی مدارک" in body
    assert case.tracking_code in body.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


def test_the_agency_cartable_does_not_show_cases_waiting_on_the_organization(
    login, open_case, agency_officer
):
    open_case(title="در انتظار سازمان")
    body = login(agency_officer).get(reverse("workflow:cartable")).content.decode()
    assert "در انتظار سازمان" not in body


def test_a_case_leaves_one_cartable_for_the_next_when_it_is_acted_on(
    client, login, open_case, org_expert, agency_officer
):
    perform(open_case(title="درخواست با مدارک ناقص"), "return", actor=org_expert, reason="مدارک ناقص است")
    assert "درخواست با مدارک ناقص" not in login(org_expert).get(reverse("workflow:cartable")).content.decode()
    client.logout()
    assert "درخواست با مدارک ناقص" in login(agency_officer).get(reverse("workflow:cartable")).content.decode()


def test_the_cartable_marks_overdue_cases_and_filters_them(login, open_case, org_expert):
    late = open_case(title="پرونده دیرکرد")
    Case.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    open_case(title="پرونده به‌موقع")
    client = login(org_expert)
    body = client.get(reverse("workflow:cartable")).content.decode()
    assert "دیرکرد" in body
    only_late = client.get(reverse("workflow:cartable"), {"overdue": "1"}).content.decode()
    assert "پرونده دیرکرد" in only_late and "پرونده به‌موقع" not in only_late


def test_the_cartable_finds_a_case_by_its_tracking_code_in_persian_digits(login, open_case, org_expert):
    wanted = open_case(title="پرونده مورد نظر")
    open_case(title="پرونده دیگر")
    persian = wanted.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    body = login(org_expert).get(reverse("workflow:cartable"), {"q": persian}).content.decode()
    assert "پرونده مورد نظر" in body and "پرونده دیگر" not in body


def test_the_cartable_runs_the_same_queries_for_5_or_60_cases(
    login, open_case, org_expert, django_assert_max_num_queries
):
    client = login(org_expert)
    for i in range(5):
        open_case(title=f"پرونده {i}")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("workflow:cartable"))
    for i in range(55):
        open_case(title=f"پرونده بیشتر {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("workflow:cartable"))
    assert "صفحه ۱ از ۲" in response.content.decode()


def test_the_case_page_shows_actions_and_acting_moves_the_case(login, open_case, org_expert):
    case = open_case()
    client = login(org_expert)
    page = client.get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    assert "تأیید" in page and "بازگرداندن" in page
    response = client.post(
        reverse("workflow:case_act", args=[case.tracking_code]),
        {"action": "approve", "expected_state": "submitted"},
        follow=True,
    )
    assert "اقدام ثبت شد" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "national_review"


def test_a_return_without_reason_shows_a_persian_error_and_changes_nothing(login, open_case, org_expert):
    case = open_case()
    response = login(org_expert).post(
        reverse("workflow:case_act", args=[case.tracking_code]),
        {"action": "return", "reason": "", "expected_state": "submitted"},
        follow=True,
    )
    assert "نوشتن دلیل الزامی است" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "submitted"


def test_the_second_click_is_told_someone_acted(login, open_case, org_expert, group_head):
    case = open_case()
    perform(case, "approve", actor=group_head)
    response = login(org_expert).post(
        reverse("workflow:case_act", args=[case.tracking_code]),
        {"action": "approve", "expected_state": "submitted"},
        follow=True,
    )
    assert "اقدام شده است" in response.content.decode()


def test_the_agency_sees_the_return_reason_under_its_case(login, open_case, org_expert, agency_officer):
    case = perform(open_case(), "return", actor=org_expert, reason="رسید بانکی خوانا نیست")
    body = (
        login(agency_officer).get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    )
    assert "رسید بانکی خوانا نیست" in body
    assert "ارسال دوباره" in body


def test_an_attachment_is_checked_by_content(login, open_case, agency_officer):
    case = open_case()
    client = login(agency_officer)
    url = reverse("workflow:attachment_upload", args=[case.tracking_code])
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", content_type="application/pdf")
    body = client.post(url, {"title": "نامه", "file": fake}, follow=True).content.decode()
    assert "نوع فایل پذیرفته نیست" in body
    assert not CaseAttachment.objects.exists()
    real = SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(url, {"title": "نامه معرفی", "file": real})
    attachment = CaseAttachment.objects.get()
    assert attachment.kind == "pdf"
    assert AuditEntry.objects.filter(action="workflow.attachment.added", case=case).exists()
    download = client.get(reverse("workflow:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_a_refused_attachment_keeps_its_file_for_the_next_try(login, open_case, agency_officer):
    case = open_case()
    client = login(agency_officer)
    url = reverse("workflow:attachment_upload", args=[case.tracking_code])
    chosen = SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf")
    page = client.post(url, {"title": "ن" * 201, "file": chosen}, follow=True).content.decode()
    assert "ورودی نامعتبر است" in page
    assert not CaseAttachment.objects.exists()
    # The case page shows the file already chosen and sends it again without asking for it.
    assert 'data-testid="held-file"' in page and "letter.pdf" in page
    token = re.search(r'name="file__held" value="([^"]+)"', page).group(1)
    page = client.post(url, {"title": "نامه معرفی", "file__held": token}, follow=True).content.decode()
    attachment = CaseAttachment.objects.get()
    assert attachment.title == "نامه معرفی" and attachment.file.read() == PDF_BYTES
    assert 'data-testid="held-file"' not in page


def test_bulk_approval_moves_every_selected_case(login, open_case, org_expert):
    cases = [open_case(title=f"گروهی {i}") for i in range(3)]
    response = login(org_expert).post(
        reverse("workflow:bulk_start"), {"action": "approve", "cases": [c.pk for c in cases]}, follow=True
    )
    assert "۳ موفق" in response.content.decode()
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)) == {
        "national_review"
    }


def test_a_large_bulk_return_runs_as_a_job_and_reports_each_refusal(
    login, open_case, org_expert, settings, django_capture_on_commit_callbacks
):
    settings.KHEDMAT_BULK_INLINE_LIMIT = 2
    cases = [open_case(title=f"انبوه {i}") for i in range(4)]
    perform(cases[0], "reject", actor=org_expert, reason="تکراری")
    client = login(org_expert)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(
            reverse("workflow:bulk_start"),
            {"action": "return", "reason": "مدارک ناقص است", "cases": [c.pk for c in cases]},
        )
    assert len(queued) >= 1  # the job went to the background queue, not the request
    job_url = response["Location"]
    body = client.get(job_url).content.decode()
    assert "پایان یافته" in body and "۳ موفق" in body
    assert cases[0].tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in body
    progress = client.get(job_url, headers={"HX-Request": "true"}).content.decode()
    assert "progress-bar" in progress and "<html" not in progress


def test_bulk_return_without_a_reason_returns_nothing(login, open_case, org_expert):
    cases = [open_case(title=f"بی‌دلیل {i}") for i in range(2)]
    login(org_expert).post(
        reverse("workflow:bulk_start"), {"action": "return", "cases": [c.pk for c in cases]}
    )
    assert set(Case.objects.values_list("state", flat=True)) == {"submitted"}


def test_public_tracking_needs_the_code_and_the_mobile_and_shows_nothing_personal(
    client, open_case, agency_officer
):
    case = open_case(title="عنوان خصوصی پرونده")
    url = reverse("workflow:track")
    wrong = client.get(url, {"tracking_code": case.tracking_code, "mobile": "09000000000"}).content.decode()
    assert "یافت نشد" in wrong
    persian_code = case.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    persian_mobile = agency_officer.mobile.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    body = client.get(url, {"tracking_code": persian_code, "mobile": persian_mobile}).content.decode()
    assert "در انتظار کارشناس" in body
    for private in ("عنوان خصوصی پرونده", agency_officer.last_name, agency_officer.national_id):
        assert private not in body


def test_pages_need_a_sign_in(client, open_case):
    case = open_case()
    for url in (reverse("workflow:cartable"), reverse("workflow:case_detail", args=[case.tracking_code])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reason_templates_are_offered_at_the_step(login, open_case, org_expert):
    from apps.workflow.models import ReasonTemplate

    ReasonTemplate.objects.create(
        process="test.review", state="submitted", text="تصویر رسید بانکی خوانا نیست."
    )
    ReasonTemplate.objects.create(process="test.review", state="returned", text="متن مرحله دیگر")
    case = open_case()
    body = login(org_expert).get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    assert "تصویر رسید بانکی خوانا نیست." in body and "متن مرحله دیگر" not in body


def test_a_filtered_list_downloads_as_a_spreadsheet(login, open_case, org_expert):
    import io

    import openpyxl

    open_case(title="پرونده اکسل")
    open_case(title="پرونده دیگر")
    response = login(org_expert).get(reverse("workflow:case_list"), {"q": "اکسل", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("کد رهگیری", "عنوان")
    assert [r[1] for r in rows[1:]] == ["پرونده اکسل"]


def test_every_role_that_may_act_at_a_step_finds_the_case_in_its_cartable(login, open_case, group_head):
    open_case(title="منتظر کارشناس یا رئیس گروه")
    body = login(group_head).get(reverse("workflow:cartable")).content.decode()
    assert "منتظر کارشناس یا رئیس گروه" in body


def test_a_tampered_bulk_selection_gets_a_persian_error_not_a_crash(login, open_case, org_expert):
    case = open_case()
    response = login(org_expert).post(
        reverse("workflow:bulk_start"), {"action": "approve", "cases": [case.pk, "abc"]}, follow=True
    )
    assert response.status_code == 200
    assert "شناسه پرونده نامعتبر است" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "submitted"


def test_a_service_panel_shows_its_items_on_the_cartable_to_whom_it_has_any(
    login, monkeypatch, org_expert, agency_officer
):
    from apps.workflow import panels

    # A panel reads through the permission table's selectors: here, the expert may read one decree and the
    # officer none, so the officer is shown no panel at all.
    def expiring(user):
        if user.pk != org_expert.pk:
            return []
        return [panels.PanelItem("حکم آزمایشی رو به پایان", "/somewhere/", due=dt.date(2026, 11, 23))]

    monkeypatch.setitem(panels._PANELS, "test", panels.Panel("test", "احکام رو به پایان", expiring))

    body = login(org_expert).get(reverse("workflow:cartable")).content.decode()
    assert "احکام رو به پایان" in body
    assert "حکم آزمایشی رو به پایان" in body
    assert "۱۴۰۵/۰۹/۰۲" in body

    body = login(agency_officer).get(reverse("workflow:cartable")).content.decode()
    assert "احکام رو به پایان" not in body
