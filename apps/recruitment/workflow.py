"""The hire file's process (steps 8–10 of seed 000): the agency registers a draft and attaches its
documents, the Deputy reviews, the national organization approves and issues the employee number."""

from apps.accounts.roles import Role
from apps.core.digits import to_persian_digits
from apps.workflow.process import ORG_STAFF, Action, Process, Side, Step, WorkingDays, register

from .rules import (
    AGENCY_ACTORS,
    AGENCY_DRAFT_DAYS,
    AGENCY_FIX_DAYS,
    DEPUTY_REVIEW_DAYS,
    HIRE_PROCESS_NAME,
    NATIONAL_APPROVAL_DAYS,
)


def _needs_employee_number(case, actor) -> str:
    # The number is entered in the file's own form; the button appears once it is there.
    return "" if case.hire.employee_number else "ابتدا شماره مستخدم را وارد کنید."


def _needs_documents(case, actor) -> str:
    # A file goes to (and on from) the Deputy only complete: sending, resending and forwarding all ask.
    from .services.hire_documents import hire_documents_refusal

    return hire_documents_refusal(hire=case.hire)


def _count_approval(case, actor, reason: str) -> dict:
    from .services.hires import ledger_count_approval

    return ledger_count_approval(hire=case.hire)


HIRE = register(
    Process(
        name=HIRE_PROCESS_NAME,
        label="پرونده استخدام پذیرفته‌شده نهایی",
        service="recruitment",
        initial="draft",
        unit="management",
        promise=(
            f"بررسی معاونت در {to_persian_digits(DEPUTY_REVIEW_DAYS)} روز کاری؛ "
            f"تأیید نهایی سازمان اداری و استخدامی در {to_persian_digits(NATIONAL_APPROVAL_DAYS)} روز کاری"
        ),
        detail_template="recruitment/_hire_detail.html",
        steps=(
            Step(
                "draft",
                "پیش‌نویس دستگاه؛ تکمیل اطلاعات و پیوست مدارک",
                actors=AGENCY_ACTORS,
                side=Side.OWNER,
                allowance=WorkingDays(AGENCY_DRAFT_DAYS),
                actions=(
                    Action(
                        "submit",
                        "ارسال به معاونت",
                        to="submitted",
                        guard=_needs_documents,
                        confirm="پرونده برای بررسی به معاونت فرستاده شود؟",
                    ),
                ),
            ),
            Step(
                "submitted",
                "در انتظار بررسی معاونت",
                actors=(*ORG_STAFF, Role.ORG_DEPUTY),
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(DEPUTY_REVIEW_DAYS),
                actions=(
                    Action(
                        "forward",
                        "تأیید و ارسال به سازمان اداری و استخدامی",
                        to="national",
                        guard=_needs_documents,
                        style="success",
                    ),
                    Action(
                        "return",
                        "بازگرداندن به دستگاه با ذکر دلیل",
                        to="returned",
                        reason_required=True,
                        style="warning",
                    ),
                ),
            ),
            Step(
                "returned",
                "بازگشت به دستگاه برای اصلاح",
                actors=AGENCY_ACTORS,
                side=Side.OWNER,
                allowance=WorkingDays(AGENCY_FIX_DAYS),
                actions=(
                    Action("resend", "ارسال دوباره پس از اصلاح", to="submitted", guard=_needs_documents),
                ),
            ),
            Step(
                "national",
                "در انتظار تأیید نهایی سازمان اداری و استخدامی کشور",
                actors=(Role.NATIONAL_OFFICER,),
                separate_duties=True,
                side=Side.NATIONAL,
                allowance=WorkingDays(NATIONAL_APPROVAL_DAYS),
                actions=(
                    Action(
                        "approve",
                        "تأیید نهایی و صدور شماره مستخدم",
                        to="approved",
                        guard=_needs_employee_number,
                        effect=_count_approval,
                        style="success",
                        confirm="تأیید نهایی ثبت شود؟ پرونده بسته می‌شود.",
                    ),
                    Action(
                        "send_back",
                        "بازگرداندن به معاونت با ذکر دلیل",
                        to="submitted",
                        reason_required=True,
                        style="warning",
                    ),
                ),
            ),
            Step("approved", "تأیید نهایی؛ شماره مستخدم صادر شد", final=True),
        ),
    )
)
