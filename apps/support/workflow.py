"""The fault-report process: an agency reports, the Organization's staff answer within two working days."""

from apps.accounts.roles import AGENCY_ROLES, Role
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register


def _record_answer(case, actor, reason: str) -> dict:
    if not reason:
        return {}
    report = case.fault_report
    report.answer = reason
    report.save(update_fields=["answer"])
    return {"answer": reason}


RESOLVE = Action(
    "resolve", "پاسخ و بستن", to="resolved", reason_required=True, effect=_record_answer, style="success"
)
RETURN = Action("return", "بازگرداندن برای تکمیل", to="returned", reason_required=True, style="warning")
REJECT = Action(
    "reject",
    "رد گزارش",
    to="rejected",
    reason_required=True,
    style="danger",
    confirm="گزارش رد شود؟ این اقدام بازگشت‌پذیر نیست.",
)

FAULT_REPORT = register(
    Process(
        name="support.fault",
        label="گزارش خطای سامانه",
        service="support",
        initial="submitted",
        promise="پاسخ در دو روز کاری",
        detail_template="support/_fault_detail.html",
        steps=(
            Step(
                "submitted",
                "در انتظار بررسی کارشناس",
                actors=(Role.ORG_EXPERT, Role.ORG_GROUP_HEAD),
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(2),
                actions=(
                    RESOLVE,
                    RETURN,
                    REJECT,
                    Action("escalate", "ارجاع به رئیس گروه", to="escalated", style="secondary"),
                ),
            ),
            Step(
                "escalated",
                "در انتظار بررسی رئیس گروه",
                actors=(Role.ORG_GROUP_HEAD,),
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(RESOLVE, RETURN, REJECT),
            ),
            Step(
                "returned",
                "بازگشت به دستگاه برای تکمیل",
                actors=tuple(sorted(AGENCY_ROLES)),
                side=Side.OWNER,
                allowance=WorkingDays(5),
                actions=(Action("resubmit", "ارسال دوباره", to="submitted"),),
            ),
            Step("resolved", "پاسخ داده شد", final=True),
            Step("rejected", "رد شد", final=True),
        ),
    )
)
