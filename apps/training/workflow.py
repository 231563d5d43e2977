"""The registration request's process, in the shape of seed 002's table (rows 4–10, 14 to 20 days),
and the course session's, its parent.

Rows 5–9 happen to a course session as a whole: each of the session's actions declares which action
its requests take with it (`Children`), and those actions are the session's alone (`by_parent`), so
they show no button on a single request's page.
"""

from django.db.models import QuerySet

from apps.accounts.roles import AGENCY_ROLES
from apps.core.digits import to_persian_digits
from apps.workflow.models import Case
from apps.workflow.process import ORG_STAFF, Action, Children, Process, Side, Step, WorkingDays, register

from .rules import MAX_RUN_DAYS, PROMISE_MAX_DAYS, PROMISE_MIN_DAYS, SESSION_PROCESS_NAME
from .services import sessions as session_steps
from .services.sessions import request_leave_session

PROCESS_NAME = "training.request"
BY_SESSION = "این اقدام از صفحه اجرای دوره انجام می‌شود."


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
                    Action("schedule", "برنامه‌ریزی اجرای دوره", to="scheduled", by_parent=BY_SESSION),
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
                    Action("announce", "اعلام برنامه دوره", to="running", by_parent=BY_SESSION),
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
                    Action("hold", "پایان دوره", to="exam", by_parent=BY_SESSION),
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
                actions=(Action("examine", "ثبت نتایج آزمون", to="certifying", by_parent=BY_SESSION),),
            ),
            Step(
                "certifying",
                "صدور گواهی‌نامه‌ها",
                actors=ORG_STAFF,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(3),
                actions=(Action("certify", "صدور گواهی‌نامه‌ها", to="forms", by_parent=BY_SESSION),),
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


def _requests(session) -> QuerySet[Case]:
    return Case.objects.filter(training_request__session=session)


def _gathered(session) -> QuerySet[Case]:
    """The session's requests not yet in it: merged a moment ago, still at the gathering step."""
    return _requests(session).filter(state="gathering")


ALL_REQUESTS = {"of": _requests, "skip": ("cancelled",)}
CANCEL_SESSION = Action(
    "cancel",
    "لغو دوره",
    to="cancelled",
    event="cancelled",
    reason_required=True,
    style="outline-danger",
    confirm="اجرای دوره لغو و به دستگاه‌ها اعلام شود؟ این اقدام بازگشت‌پذیر نیست.",
    effect=session_steps.cancel_effect,
    children=Children(actions=("cancel",), **ALL_REQUESTS),
    after=session_steps.cancel_after,
    done="دوره لغو شد و به دستگاه‌ها اطلاع داده شد.",
)
# Topping up merges more approved requests into a session not yet held: each takes the steps the others
# took (the service's `apply` merges the chosen ones before the children are read).
TOP_UP = {
    "label": "تکمیل ظرفیت",
    "event": "topped_up",
    "style": "outline-primary",
    "done": "درخواست‌ها به این اجرا افزوده شد.",
}

SESSION = register(
    Process(
        name=SESSION_PROCESS_NAME,
        label="اجرای دوره آموزشی",
        service="training",
        initial="scheduled",
        unit="training",
        record="training.CourseSession",
        opened_event="scheduled",
        opening=Children(of=_gathered, actions=("schedule",)),
        steps=(
            Step(
                "scheduled",
                "برنامه‌ریزی شده: ارسال پیام زمان، مکان و نحوه اجرا",
                actors=ORG_STAFF,
                actions=(
                    Action(
                        "announce",
                        "ارسال پیام زمان، مکان و نحوه اجرا",
                        to="announced",
                        event="announced",
                        effect=session_steps.announce_effect,
                        children=Children(actions=("announce",), **ALL_REQUESTS),
                        after=session_steps.announce_after,
                        done="برنامه دوره به دستگاه‌ها اعلام شد.",
                    ),
                    Action(
                        "top_up",
                        to="scheduled",
                        children=Children(of=_gathered, actions=("schedule",)),
                        **TOP_UP,
                    ),
                    CANCEL_SESSION,
                ),
            ),
            Step(
                "announced",
                "اعلام شده / در حال اجرا",
                actors=ORG_STAFF,
                actions=(
                    Action(
                        "finish",
                        "پایان دوره و رفتن به آزمون",
                        to="held",
                        event="held",
                        confirm="پایان دوره ثبت شود؟ پس از آن حضور و غیاب تغییر نمی‌کند.",
                        effect=session_steps.finish_effect,
                        children=Children(actions=("hold",), **ALL_REQUESTS),
                        done="پایان دوره ثبت شد؛ نوبت آزمون است.",
                    ),
                    Action(
                        "top_up",
                        to="announced",
                        children=Children(of=_gathered, actions=("schedule", "announce")),
                        **TOP_UP,
                    ),
                    CANCEL_SESSION,
                ),
            ),
            Step(
                "held",
                "برگزار شده / آزمون",
                actors=ORG_STAFF,
                actions=(
                    Action(
                        "examine",
                        "ثبت نهایی نتایج آزمون",
                        to="examined",
                        event="examined",
                        confirm="نتایج آزمون نهایی شود؟ پس از آن نمره‌ها تغییر نمی‌کند.",
                        effect=session_steps.examine_effect,
                        children=Children(actions=("examine",), **ALL_REQUESTS),
                        done="نتایج آزمون ثبت شد.",
                    ),
                ),
            ),
            Step(
                "examined",
                "آزمون برگزار شده",
                actors=ORG_STAFF,
                actions=(
                    Action(
                        "certify",
                        "صدور گواهی‌نامه‌ها",
                        to="certified",
                        event="certified",
                        style="success",
                        confirm="برای قبول‌شدگان گواهی‌نامه صادر شود؟",
                        effect=session_steps.certify_effect,
                        children=Children(actions=("certify",), **ALL_REQUESTS),
                        after=session_steps.certify_after,
                        done="صدور گواهی‌نامه‌ها آغاز شد و از دستگاه‌ها خواسته شد فرم‌ها را تکمیل کنند.",
                    ),
                ),
            ),
            Step("certified", "گواهی‌نامه‌ها صادر شده", final=True),
            Step("cancelled", "لغو شده", final=True),
        ),
    )
)
