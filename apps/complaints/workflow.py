"""The complaint process (seed 002's complaint procedure): filed from the cartable, assigned, answered,
escalated to the group head and then the deputy when overdue, rated and reopened once by the complainant."""

from apps.accounts.roles import AGENCY_ROLES, NATIONAL_ROLES, PERSONAL_ROLES, Role
from apps.core.digits import to_persian_digits
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register

from .rules import COMPLAINT_ANSWER_DAYS, COMPLAINT_ASSIGN_DAYS, COMPLAINT_ESCALATED_DAYS, MAX_REOPENS

# Whoever the Organization serves may file, and so acts on the answer of their own complaint.
COMPLAINANT_ROLES = tuple(sorted(AGENCY_ROLES | PERSONAL_ROLES | NATIONAL_ROLES))
ORG_HANDLERS = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD, Role.ORG_DEPUTY)
HANDLING_UNIT = "management"


def _take_on(case, actor, reason: str) -> dict:
    # The generic case page's button assigns the person who clicks; the assign form names someone else.
    complaint = case.complaint
    complaint.assignee = actor
    complaint.save(update_fields=["assignee"])
    return {"assignee": actor.username}


def _record_answer(case, actor, reason: str) -> dict:
    from django.utils import timezone

    complaint = case.complaint
    complaint.answer = reason
    complaint.answered_at = timezone.now()
    complaint.rating = None
    complaint.rating_note = ""
    complaint.save(update_fields=["answer", "answered_at", "rating", "rating_note"])
    return {"answer": reason}


def _escalate(level: int):
    def effect(case, actor, reason: str) -> dict:
        complaint = case.complaint
        complaint.escalation_level = level
        complaint.save(update_fields=["escalation_level"])
        return {"escalation_level": level}

    return effect


def _may_reopen(case, actor) -> str:
    if case.complaint.reopen_count >= MAX_REOPENS:
        return "این شکایت پیش‌تر یک بار بازگشایی شده است و دوباره بازگشایی نمی‌شود."
    return ""


def _reopen(case, actor, reason: str) -> dict:
    complaint = case.complaint
    complaint.reopen_count += 1
    complaint.save(update_fields=["reopen_count"])
    return {"reopen_count": complaint.reopen_count}


ANSWER = Action(
    "answer",
    "ارسال پاسخ به شاکی",
    to="answered",
    reason_required=True,
    effect=_record_answer,
    style="success",
    confirm="پاسخ برای ثبت‌کننده فرستاده شود؟ متن «دلیل / توضیح» پاسخ است.",
)
# A handler may escalate by hand; the desk escalates by itself a complaint left overdue (automatic).
ESCALATE_TO_HEAD = Action(
    "escalate",
    "ارجاع به رئیس گروه",
    to="with_group_head",
    effect=_escalate(1),
    style="secondary",
    automatic=True,
)
ESCALATE_TO_DEPUTY = Action(
    "escalate", "ارجاع به معاون", to="with_deputy", effect=_escalate(2), style="secondary", automatic=True
)

COMPLAINT = register(
    Process(
        name="complaints.complaint",
        label="شکایت، نظر و پیشنهاد",
        service="complaints",
        # The Deputy's management group handles complaints (with the deputy above it); the training
        # group is not sent them, so it is neither messaged nor shown them (apps/complaints/permissions.py).
        unit=HANDLING_UNIT,
        initial="submitted",
        promise=f"پاسخ در {to_persian_digits(COMPLAINT_ASSIGN_DAYS + COMPLAINT_ANSWER_DAYS)} روز کاری",
        detail_template="complaints/_complaint_detail.html",
        # The form's "mobile for tracking and the answer's SMS".
        sms_to_requester_mobile=True,
        steps=(
            Step(
                "submitted",
                "در انتظار ارجاع",
                actors=ORG_HANDLERS,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(COMPLAINT_ASSIGN_DAYS),
                actions=(
                    Action("assign", "ارجاع برای بررسی", to="investigating", effect=_take_on),
                    ANSWER,
                    ESCALATE_TO_HEAD,
                ),
            ),
            Step(
                "investigating",
                "در حال بررسی",
                actors=ORG_HANDLERS,
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(COMPLAINT_ANSWER_DAYS),
                actions=(ANSWER, ESCALATE_TO_HEAD),
            ),
            Step(
                "with_group_head",
                "ارجاع‌شده به رئیس گروه",
                actors=(Role.ORG_GROUP_HEAD, Role.ORG_DEPUTY),
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(COMPLAINT_ESCALATED_DAYS),
                actions=(ANSWER, ESCALATE_TO_DEPUTY),
            ),
            Step(
                "with_deputy",
                "ارجاع‌شده به معاون",
                actors=(Role.ORG_DEPUTY,),
                separate_duties=True,
                side=Side.PROVINCE,
                allowance=WorkingDays(COMPLAINT_ESCALATED_DAYS),
                actions=(ANSWER,),
            ),
            Step(
                "answered",
                "پاسخ داده شد",
                actors=COMPLAINANT_ROLES,
                side=Side.OWNER,
                # The answer is the complainant's to accept or contest, not their colleagues'.
                filer_only=True,
                actions=(
                    Action("accept", "پذیرش پاسخ و بستن", to="closed", style="success"),
                    Action(
                        "reopen",
                        "اعتراض به پاسخ و بازگشایی",
                        to="investigating",
                        reason_required=True,
                        guard=_may_reopen,
                        effect=_reopen,
                        style="warning",
                        confirm="شکایت فقط یک بار بازگشایی می‌شود. ادامه می‌دهید؟",
                    ),
                ),
            ),
            Step("closed", "بسته شد", final=True),
        ),
    )
)

# Where an overdue complaint goes next (the periodic escalation reads this, not the buttons).
ESCALATION_FROM = {"submitted": 1, "investigating": 1, "with_group_head": 2}
