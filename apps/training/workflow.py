"""The registration request's process, in the shape of seed 002's table (rows 4–10, 14 to 20 days).

Rows 5–9 happen to a course session as a whole: the session services move every merged request
with `perform`, so the actions driven by a session show no button on a single request's page (their
guard only passes once the session itself has reached that point, inside the same transaction).
"""

from apps.accounts.roles import AGENCY_ROLES
from apps.core.digits import to_persian_digits
from apps.workflow.process import ORG_STAFF, Action, Process, Side, Step, WorkingDays, register

from .rules import MAX_RUN_DAYS, PROMISE_MAX_DAYS, PROMISE_MIN_DAYS
from .services.sessions import request_leave_session

PROCESS_NAME = "training.request"
BY_SESSION = "این اقدام از صفحه اجرای دوره انجام می‌شود."


def _session_reached(*states: str):
    def guard(case, actor) -> str:
        session = case.training_request.session
        return "" if session is not None and session.state in states else BY_SESSION

    return guard


def _forms_filled(case, actor) -> str:
    if case.training_request.forms_complete:
        return ""
    return "پیش از دریافت گواهی‌نامه‌ها، فرم ارزشیابی دوره و فرم نظرسنجی را تکمیل کنید."


CANCEL = Action(
    "cancel",
    "لغو درخواست با اطلاع‌رسانی",
    to="cancelled",
    reason_required=True,
    style="danger",
    confirm="درخواست لغو شود؟ این اقدام بازگشت‌پذیر نیست.",
    # A request cancelled after its session was planned leaves it: no sheet, no certificate, and the
    # session must be back at the quorum before it is announced or held.
    effect=request_leave_session,
)

REQUEST = register(
    Process(
        name=PROCESS_NAME,
        label="درخواست دوره آموزشی کارکنان",
        service="training",
        initial="review",
        unit="training",
        promise=f"{to_persian_digits(PROMISE_MIN_DAYS)} الی {to_persian_digits(PROMISE_MAX_DAYS)} روز کاری",
        detail_template="training/_request_detail.html",
        steps=(
            Step(
                "review",
                "بررسی مدارک و فیش واریزی شهریه",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(
                    Action("approve", "تأیید مدارک", to="gathering", style="success"),
                    Action(
                        "return",
                        "بازگرداندن برای اصلاح",
                        to="returned",
                        reason_required=True,
                        style="warning",
                    ),
                ),
            ),
            Step(
                "returned",
                "بازگشت به دستگاه برای اصلاح",
                actors=tuple(sorted(AGENCY_ROLES)),
                side=Side.OWNER,
                actions=(Action("resubmit", "ارسال دوباره", to="review"),),
            ),
            Step(
                "gathering",
                "گردآوری درخواست‌ها تا حد نصاب و برنامه‌ریزی دوره",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(7),
                actions=(
                    Action(
                        "schedule",
                        "برنامه‌ریزی اجرای دوره",
                        to="scheduled",
                        # A request merged into a session already announced takes this step on its way.
                        guard=_session_reached("scheduled", "announced"),
                    ),
                    CANCEL,
                ),
            ),
            Step(
                "scheduled",
                "ارسال پیام زمان، مکان و نحوه اجرای دوره",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(
                    Action(
                        "announce", "اعلام برنامه دوره", to="running", guard=_session_reached("announced")
                    ),
                    CANCEL,
                ),
            ),
            Step(
                "running",
                "اجرای دوره بر اساس سرفصل مصوب",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                # The seed's "1 to 7 days": the due date is moved to the session's own last day.
                allowance=WorkingDays(MAX_RUN_DAYS),
                actions=(
                    Action("hold", "پایان دوره", to="exam", guard=_session_reached("held")),
                    # The group may still cancel a request while the course runs (its agency withdrew): it leaves.
                    CANCEL,
                ),
            ),
            Step(
                "exam",
                "برگزاری آزمون",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(
                    Action("examine", "ثبت نتایج آزمون", to="certifying", guard=_session_reached("examined")),
                ),
            ),
            Step(
                "certifying",
                "صدور گواهی‌نامه‌ها",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(3),
                actions=(
                    Action("certify", "صدور گواهی‌نامه‌ها", to="forms", guard=_session_reached("certified")),
                ),
            ),
            Step(
                "forms",
                "تکمیل فرم ارزشیابی و نظرسنجی توسط دستگاه",
                actors=tuple(sorted(AGENCY_ROLES)),
                side=Side.OWNER,
                actions=(Action("complete", "دریافت گواهی‌نامه‌ها", to="completed", guard=_forms_filled),),
            ),
            Step("completed", "پایان: گواهی‌نامه‌ها در دسترس است", final=True),
            Step("cancelled", "لغو شد", final=True),
        ),
    )
)
