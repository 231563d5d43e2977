"""Service C's processes: the appointment (Forms 1–4, then the decree) and a change before four years."""

from apps.accounts.roles import Role
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register

from . import appointment
from .rules import APPOINTMENT_PROCESS_NAME, CHANGE_PROCESS_NAME

SUPERIOR = (Role.AGENCY_HEAD,)
HR = (Role.AGENCY_HR,)
COUNCIL = (Role.AGENCY_COUNCIL_SECRETARY,)

APPOINTMENT = register(
    Process(
        name=APPOINTMENT_PROCESS_NAME,
        label="انتخاب و انتصاب مدیر",
        service="managers",
        initial="nomination",
        promise="بررسی کارگزینی، جلسه شورا و صدور حکم چهارساله",
        detail_template="managers/_appointment_detail.html",
        steps=(
            Step(
                "nomination",
                "معرفی نامزدها توسط مقام مافوق (فرم ۱ و ۲)",
                actors=SUPERIOR,
                side=Side.OWNER,
                allowance=WorkingDays(10),
                actions=(
                    Action(
                        "submit",
                        "ارسال به کارگزینی",
                        to="hr_check",
                        guard=appointment.nomination_has_candidates,
                    ),
                ),
            ),
            Step(
                "hr_check",
                "بررسی شرایط در کارگزینی (فرم ۳)",
                actors=HR,
                separate_duties=True,
                side=Side.OWNER,
                allowance=WorkingDays(7),
                actions=(
                    Action(
                        "forward",
                        "ارسال فرم‌های ۱ تا ۳ به شورا",
                        to="council",
                        guard=appointment.hr_check_done,
                    ),
                    Action(
                        "return",
                        "بازگرداندن به مقام مافوق",
                        to="nomination",
                        reason_required=True,
                        style="warning",
                    ),
                ),
            ),
            Step(
                "council",
                "سنجش صلاحیت در شورا / کمیسیون (فرم ۴)",
                actors=COUNCIL,
                separate_duties=True,
                side=Side.OWNER,
                allowance=WorkingDays(15),
                actions=(
                    Action(
                        "decide",
                        "ثبت نظر شورا و معرفی شایسته‌ترین نامزد",
                        to="decree",
                        guard=appointment.council_ready,
                        effect=appointment.council_decide,
                        style="success",
                    ),
                    Action(
                        "return",
                        "بازگرداندن به کارگزینی",
                        to="hr_check",
                        reason_required=True,
                        style="warning",
                    ),
                    Action(
                        "reject",
                        "عدم تأیید همه نامزدها",
                        to="rejected",
                        reason_required=True,
                        style="danger",
                        confirm="هیچ نامزدی تأیید نشود و پرونده بسته شود؟",
                    ),
                ),
            ),
            Step(
                "decree",
                "صدور حکم چهارساله توسط مقام مافوق",
                actors=SUPERIOR,
                side=Side.OWNER,
                allowance=WorkingDays(5),
                actions=(
                    Action(
                        "issue",
                        "صدور حکم انتصاب",
                        to="appointed",
                        guard=appointment.decision_recorded,
                        effect=appointment.decree_create,
                        style="success",
                        confirm="حکم چهارساله صادر شود؟ این اقدام بازگشت‌پذیر نیست.",
                    ),
                ),
            ),
            Step("appointed", "حکم صادر شد", final=True),
            Step("rejected", "نامزدها تأیید نشدند", final=True),
        ),
    )
)


CHANGE = register(
    Process(
        name=CHANGE_PROCESS_NAME,
        label="تغییر مدیر پیش از پایان چهار سال",
        service="managers",
        initial="council",
        promise="تصمیم شورا بر پایه نتایج ارزیابی عملکرد و پیشنهاد مقام مسئول",
        detail_template="managers/_change_detail.html",
        steps=(
            Step(
                "council",
                "بررسی پیشنهاد تغییر در شورا",
                actors=COUNCIL,
                separate_duties=True,
                side=Side.OWNER,
                allowance=WorkingDays(15),
                actions=(
                    Action(
                        "approve",
                        "تأیید تغییر مدیر",
                        to="approved",
                        reason_required=True,
                        effect=appointment.decree_end_by_council,
                        style="success",
                        confirm="تغییر مدیر تأیید و حکم او پایان یابد؟",
                    ),
                    Action("reject", "عدم تأیید تغییر", to="rejected", reason_required=True, style="danger"),
                ),
            ),
            Step("approved", "تغییر تأیید شد", final=True),
            Step("rejected", "تغییر تأیید نشد", final=True),
        ),
    )
)
