"""Service C's processes: the appointment (Forms 1–4, then the decree), a change before four years, and
the decree's own lifecycle.

The decree is a record with a lifecycle of its own (`managers.decree`) rather than more steps of the
appointment's case: the appointment ends when the decree is signed (its service level, its cartable rows
and its «closed» all count to that day), while a decree stands four years and ends by one of three other
hands: the superior within six months, the council in a change case of its own, or the desk itself the
day after its four years. The appointment's last action opens the decree's case; the change case's
approval moves it; a daily task (tasks.py) ends those whose term has passed.
"""

from apps.accounts.roles import Role
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register

from . import appointment
from .rules import APPOINTMENT_PROCESS_NAME, CHANGE_PROCESS_NAME, DECREE_PROCESS_NAME
from .services import decrees as decree_steps

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


DECREE = register(
    Process(
        name=DECREE_PROCESS_NAME,
        label="حکم انتصاب چهارساله",
        service="managers",
        initial="active",
        record="managers.Decree",
        record_field="status",
        opened_event="issued",
        steps=(
            Step(
                "active",
                "معتبر",
                # The superior replaces within six months; the council's secretary ends it by a change
                # case's approval; the desk ends it after four years. Each service asks the permission
                # table before it moves the decree.
                actors=SUPERIOR + COUNCIL,
                side=Side.OWNER,
                actions=(
                    Action(
                        "replace",
                        "تغییر در شش ماه نخست و اعلام کتبی به شورا",
                        to="replaced",
                        event="replaced",
                        guard=decree_steps.in_probation,
                        effect=decree_steps.replace_effect,
                        after=decree_steps.replace_after,
                        style="warning",
                        confirm="مدیر تغییر کند و به شورا اعلام شود؟ این اقدام بازگشت‌پذیر نیست.",
                        done="تغییر مدیر ثبت و به شورا اعلام شد.",
                    ),
                    Action(
                        "change",
                        "پایان حکم با تأیید شورا",
                        to="changed",
                        event="changed",
                        reason_required=True,
                        guard=decree_steps.change_by_council,
                        effect=decree_steps.change_effect,
                    ),
                    Action(
                        "expire",
                        "پایان اعتبار چهارساله حکم",
                        to="expired",
                        event="expired",
                        guard=decree_steps.term_over,
                        effect=decree_steps.expire_effect,
                        automatic=True,
                        desk_only=decree_steps.BY_THE_DESK,
                    ),
                ),
            ),
            Step("replaced", "تغییر در شش ماه نخست", final=True),
            Step("changed", "تغییر پیش از پایان چهار سال", final=True),
            Step("expired", "پایان اعتبار", final=True),
        ),
    )
)
