"""Recruitment's two processes, seed 000's ten steps: the round's lifecycle (steps 1–7: the quotas, the
exam's announcement and supervisors, the reports, the results, the interviews, the allocation) and the hire
file's (steps 8–10: the agency registers a draft and attaches its documents, the Deputy reviews, the
national organization approves and issues the employee number).

A round's step is done by the work of that step's page (announcing the exam, sending the reports,
importing the results, forming a panel, allocating seats), each service moving the round by the declared
action once its work is in; sending the reports and closing are the round page's own buttons.
"""

from apps.accounts.roles import Role
from apps.core.digits import to_persian_digits
from apps.workflow.process import ORG_STAFF, Action, Process, Side, Step, WorkingDays, register

from . import permissions
from .rules import (
    AGENCY_ACTORS,
    AGENCY_DRAFT_DAYS,
    AGENCY_FIX_DAYS,
    CANDIDATE_PROCESS_NAME,
    DEPUTY_REVIEW_DAYS,
    HIRE_PROCESS_NAME,
    NATIONAL_APPROVAL_DAYS,
    ROUND_EVENT,
    ROUND_PROCESS_NAME,
    STAGE_DAYS,
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


# Who runs the round's steps: the Deputy's management development group and the deputy (the province's
# side), and for the national organization's notice, exam and results its officer.
DEPUTY = (*ORG_STAFF, Role.ORG_DEPUTY)
NATIONAL = (Role.NATIONAL_OFFICER,)


def _may(kind: str, action: str):
    """A round's button shows to whom the permission table lets do that step's work on the round."""

    def guard(case, actor) -> str:
        return (
            ""
            if permissions.may(actor, kind, action, case.recruitment_round)
            else "شما اجازه این کار را ندارید."
        )

    return guard


def _step(state: str, label: str, actors, *actions: Action, side: str = Side.PROVINCE, also=()) -> Step:
    days = STAGE_DAYS.get(state)
    return Step(
        state,
        label,
        actors=actors,
        side=side,
        also_sides=also,
        allowance=WorkingDays(days) if days else None,
        actions=actions,
    )


def _move(name: str, label: str, to: str, **extra) -> Action:
    # Every move keeps the trail's one name with its from and to stages (recruitment.round.stage).
    return Action(name, label, to=to, event=ROUND_EVENT, **extra)


ANNOUNCE = _move("announce", "اعلام زمان آزمون و درخواست معرفی ناظر", "announced")
PUBLISH_RESULTS = _move("publish_results", "اعلام نتایج و پذیرفته‌شدگان اولیه", "results")
ALLOCATE = _move("allocate", "تخصیص سهمیه به دستگاه‌ها برای ثبت اطلاعات", "registration")

ROUND = register(
    Process(
        name=ROUND_PROCESS_NAME,
        label="دوره جذب (گام‌های ۱ تا ۷)",
        service="recruitment",
        initial="quotas",
        unit="management",
        record="recruitment.Round",
        record_field="stage",
        opened_event="created",
        steps=(
            # Step 1: the quotas are entered (or imported); step 2, announcing the exam, moves on. Both are
            # the national organization's notice, entered by the Deputy when it comes on paper.
            _step("quotas", "ابلاغ سهمیه‌ها", (*DEPUTY, *NATIONAL), ANNOUNCE, also=(Side.NATIONAL,)),
            # Steps 3–4: venues, supervisors and their cards, the exam, the venues' reports.
            _step(
                "announced",
                "اعلام زمان و حوزه‌های آزمون",
                (*DEPUTY, *NATIONAL),
                _move(
                    "send_reports",
                    "ارسال گزارش‌های آزمون به سازمان اداری و استخدامی",
                    "reported",
                    guard=_may(permissions.EXAM, "act"),
                    confirm="گزارش همه حوزه‌ها برای سازمان اداری و استخدامی ارسال شود؟ پس از ارسال تغییر نمی‌کند.",
                ),
                # The national organization may publish the results before the reports reach it.
                PUBLISH_RESULTS,
                also=(Side.NATIONAL,),
            ),
            # Step 5: the national organization publishes the initially accepted list.
            _step("reported", "ارسال گزارش آزمون", NATIONAL, PUBLISH_RESULTS, side=Side.NATIONAL),
            # Step 6 begins with the first interview panel; step 7's allocation may also come without one.
            _step(
                "results",
                "اعلام نتایج و پذیرفته‌شدگان اولیه",
                DEPUTY,
                _move("open_interviews", "تشکیل هیئت مصاحبه", "interviews"),
                ALLOCATE,
            ),
            _step("interviews", "مصاحبه", DEPUTY, ALLOCATE),
            # Steps 8–10 are the hire files' (below); the round closes once every file has closed.
            _step(
                "registration",
                "ثبت اطلاعات پذیرفته‌شدگان نهایی",
                DEPUTY,
                _move(
                    "close",
                    "بستن دوره",
                    "closed",
                    guard=_may(permissions.ROUND, "act"),
                    style="outline-danger",
                    confirm="دوره بسته شود؟ پس از بستن، ثبت و تغییر ممکن نیست.",
                ),
            ),
            Step("closed", "بسته شده", final=True),
        ),
    )
)


# Step 6's outcome for each person on the initially accepted list: the interview's score against the pass
# mark. A round lists 150,000 people a province, too many for a case each: the candidate's status lives in
# the round's case (`parent`), moved by whom the round waits on, as long as the interviews' service lets it
# be recorded again (until registration opens).
PASS = Action("pass", "ثبت نتیجه مصاحبه: پذیرفته‌شده نهایی", to="final", style="success")
FAIL = Action("fail", "ثبت نتیجه مصاحبه: پذیرفته نشد", to="not_accepted", style="warning")

CANDIDATE = register(
    Process(
        name=CANDIDATE_PROCESS_NAME,
        label="پذیرفته‌شده اولیه و نتیجه مصاحبه (گام ۶)",
        service="recruitment",
        initial="initial",
        unit="management",
        record="recruitment.Candidate",
        record_field="status",
        parent=lambda candidate: candidate.round,
        steps=(
            Step("initial", "پذیرفته‌شده اولیه", actors=DEPUTY, actions=(PASS, FAIL)),
            Step("final", "پذیرفته‌شده نهایی", actors=DEPUTY, actions=(PASS, FAIL)),
            Step("not_accepted", "پذیرفته نشد", actors=DEPUTY, actions=(PASS, FAIL)),
        ),
    )
)
