"""The case history reads as Persian sentences: who, with their post and organization, did what, from which
step to which, when and why; never an action's code or a state's name."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.audit.trail import audit_append, audit_verify
from apps.workflow.actors import SYSTEM_LABEL
from apps.workflow.history import describe, register_label, undeclared
from apps.workflow.services import attachment_add, perform

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LATIN_DIGIT = re.compile(r"[0-9]")


def _history(client, case) -> str:
    body = client.get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    return body[body.index('data-testid="case-history"') : body.index("</ol>", body.index("case-history"))]


def test_a_move_reads_as_who_did_which_action_from_which_step_to_which_and_why(
    login, open_case, org_expert, agency_officer
):
    org_expert.first_name, org_expert.last_name, org_expert.title = "مریم", "احمدی", "کارشناس توسعه مدیریت"
    org_expert.save()
    case = open_case()
    perform(case, "return", actor=org_expert, reason="مدارک ردیف 3 ناقص است")
    history = _history(login(agency_officer), case)
    assert "مریم احمدی (کارشناس توسعه مدیریت، " + org_expert.organization.name + ")" in history
    assert (
        "اقدام «بازگرداندن» را انجام داد و پرونده از مرحلهٔ «در انتظار کارشناس» به مرحلهٔ «بازگشت به دستگاه» رفت"
        in history
    )
    assert "دلیل: مدارک ردیف ۳ ناقص است" in history
    assert "پرونده را ثبت کرد (مرحلهٔ «در انتظار کارشناس»)" in history
    assert "test.review" not in history and "returned" not in history and "→" not in history
    assert not LATIN_DIGIT.search(re.sub(r"<[^>]+>", "", history))
    # The day in Jalali with Persian digits, and the hour.
    assert re.search(
        r"[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}",
        history,
    )


def test_an_attachment_reads_with_its_title(login, open_case, agency_officer):
    case = open_case()
    upload = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    attachment_add(case=case, actor=agency_officer, title="فهرست 12 نفر", uploaded_file=upload)
    history = _history(login(agency_officer), case)
    assert "پیوست «فهرست ۱۲ نفر» را افزود" in history
    assert "workflow.attachment.added" not in history


def test_the_api_gives_each_entry_its_sentence(login, open_case, org_expert):
    case = open_case()
    perform(case, "approve", actor=org_expert)
    history = login(org_expert).get(f"/api/cases/{case.tracking_code}").json()["history"]
    moved = history[-1]
    assert moved["action"] == "test.review.approve"  # the stable name stays for machines
    assert "اقدام «تأیید» را انجام داد" in moved["sentence"]
    assert "از مرحلهٔ «در انتظار کارشناس» به مرحلهٔ «در انتظار سازمان ملی» رفت" in moved["sentence"]
    assert moved["did"] in moved["sentence"] and moved["when"] in moved["sentence"]


def test_the_desk_reads_as_itself(open_case, django_assert_num_queries):
    from apps.workflow.actors import SYSTEM

    case = open_case()
    with __import__("django").db.transaction.atomic():
        entry = audit_append(
            action="workflow.attachment.added", actor=SYSTEM, case=case, changes={"title": "x"}
        )
    assert describe(entry).who == SYSTEM_LABEL


def test_an_undeclared_action_is_found_and_never_shown_as_its_code(open_case, agency_officer):
    case = open_case()
    with __import__("django").db.transaction.atomic():
        entry = audit_append(action="nothing.declared.here", actor=agency_officer, case=case)
    assert undeclared([entry]) == ["nothing.declared.here"]
    assert "nothing" not in describe(entry).sentence
    register_label("nothing.declared.*", "کاری کرد")
    assert undeclared([entry]) == []


def test_reading_the_history_leaves_the_chain_untouched(login, open_case, org_expert):
    case = open_case()
    perform(case, "approve", actor=org_expert)
    before = list(AuditEntry.objects.values_list("hash", flat=True))
    _history(login(org_expert), case)
    assert list(AuditEntry.objects.values_list("hash", flat=True)) == before
    assert audit_verify() is None
