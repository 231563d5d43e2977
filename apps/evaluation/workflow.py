"""Each agency's evaluation in a cycle, in the steps of seed 004 that concern one agency.

Cycle-wide steps (publishing the indices, the initial results, the council's approval, levelling)
are service functions that move every agency's case through these same actions.
"""

from apps.accounts.roles import Role
from apps.core.jalali import today
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register

from .models import Objection
from .rules import OBJECTION_WINDOW_WORKING_DAYS, SELF_ASSESSMENT_WORKING_DAYS
from .scoring import cycle_level, evaluation_percent

# The agency's part (self-assessment and objections) is done by its officer and the secretary of its
# administrative reform council; its head may do everything of the agency (permissions.py).
AGENCY_ACTORS = (Role.AGENCY_OFFICER, Role.AGENCY_COUNCIL_SECRETARY, Role.AGENCY_HEAD)
STAFF_ACTORS = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD)
# The states after "publish_initial" (seed row 14). Until its case reaches one, the agency does not see the
# evaluator team's scores and comments: they are the team's working draft until the Organization announces
# them as the initial results, together with the window in which the agency may object to them.
ANNOUNCED_STATES = ("objection", "rescoring", "final_review", "approved")


def self_assessment_open(evaluation) -> bool:
    """Before the cycle's deadline, or within a reopening the Organization granted."""
    day = today()
    return day <= evaluation.cycle.self_assessment_deadline or bool(
        evaluation.reopened_until and day <= evaluation.reopened_until
    )


def _can_submit(case, actor) -> str:
    evaluation = case.evaluation
    if not self_assessment_open(evaluation):
        return "مهلت خودارزیابی پایان یافته است؛ برای ثبت دیرهنگام، بازگشایی را از سازمان بخواهید."
    scores = list(evaluation.scores.select_related("index").prefetch_related("evidence"))
    if any(s.self_score is None for s in scores):
        return "امتیاز خودارزیابی همه شاخص‌ها را ثبت کنید."
    if any(s.index.evidence_required and not s.evidence.all() for s in scores):
        return "برای شاخص‌هایی که مستندات لازم دارند فایل مستند پیوست کنید."
    return ""


def _all_scored(case, actor) -> str:
    if case.evaluation.scores.filter(evaluator_score__isnull=True, hq_score__isnull=True).exists():
        return "امتیاز تیم ارزیاب برای همه شاخص‌ها ثبت نشده است."
    return ""


def _open_objections(case) -> bool:
    return Objection.objects.filter(score__evaluation__case=case, answered_at__isnull=True).exists()


def _has_open_objections(case, actor) -> str:
    if not _open_objections(case):
        return "اعتراض بی‌پاسخی برای این دستگاه ثبت نشده است."
    return ""


def _window_closed_without_objections(case, actor) -> str:
    deadline = case.evaluation.cycle.objection_deadline
    if deadline and today() <= deadline:
        return "مهلت اعتراض هنوز باز است."
    return _no_open_objections(case, actor)


def _no_open_objections(case, actor) -> str:
    if _open_objections(case):
        return "به همه اعتراض‌ها پاسخ دهید."
    return ""


def _record_initial(case, actor, reason: str) -> dict:
    evaluation = case.evaluation
    evaluation.initial_percent = evaluation_percent(evaluation)
    evaluation.save(update_fields=["initial_percent"])
    return {"initial_percent": str(evaluation.initial_percent)}


def _council_ready(case, actor) -> str:
    if case.evaluation.cycle.evaluations.exclude(case__state__in=("final_review", "approved")).exists():
        return "شورا نتایج را یکجا تصویب می‌کند؛ هنوز همه دستگاه‌ها به این مرحله نرسیده‌اند."
    return ""


def _record_final(case, actor, reason: str) -> dict:
    """Levels and ranks the whole cycle again: every agency is at the council's step or approved (guard)."""
    standing = next(s for s in cycle_level(case.evaluation.cycle) if s.evaluation_id == case.evaluation.pk)
    return {"final_percent": str(standing.percent), "level": standing.level, "rank": standing.rank}


EVALUATION = register(
    Process(
        name="evaluation.agency",
        label="ارزیابی عملکرد دستگاه",
        service="evaluation",
        initial="self_assessment",
        unit="management",
        promise="اعلام نتایج اولیه پس از امتیازدهی تیم ارزیاب و نتایج نهایی پس از تصویب شورای توسعه مدیریت",
        detail_template="evaluation/_case_detail.html",
        steps=(
            Step(
                "self_assessment",
                "خودارزیابی دستگاه",
                actors=AGENCY_ACTORS,
                side=Side.OWNER,
                allowance=WorkingDays(SELF_ASSESSMENT_WORKING_DAYS),
                actions=(
                    Action(
                        "submit",
                        "ارسال خودارزیابی",
                        to="review",
                        guard=_can_submit,
                        confirm="خودارزیابی ارسال شود؟ پس از ارسال امتیازها قابل تغییر نیست.",
                    ),
                ),
            ),
            Step(
                "review",
                "بررسی و تأیید خودارزیابی در سازمان",
                actors=STAFF_ACTORS,
                separate_duties=True,
                allowance=WorkingDays(5),
                actions=(
                    Action("confirm", "تأیید خودارزیابی", to="scoring", style="success"),
                    Action(
                        "return",
                        "بازگرداندن برای اصلاح",
                        to="self_assessment",
                        reason_required=True,
                        style="warning",
                    ),
                ),
            ),
            Step(
                "scoring",
                "امتیازدهی تیم ارزیاب",
                actors=(Role.EVALUATOR,),
                separate_duties=True,
                allowance=WorkingDays(10),
                actions=(Action("finish_scoring", "پایان امتیازدهی", to="scored", guard=_all_scored),),
            ),
            Step(
                "scored",
                "در انتظار اعلام نتایج اولیه",
                actors=STAFF_ACTORS,
                separate_duties=True,
                actions=(
                    Action("publish_initial", "اعلام نتیجه اولیه", to="objection", effect=_record_initial),
                ),
            ),
            Step(
                "objection",
                "نتیجه اولیه اعلام شد — مهلت اعتراض",
                actors=STAFF_ACTORS,
                separate_duties=True,
                allowance=WorkingDays(OBJECTION_WINDOW_WORKING_DAYS),
                actions=(
                    Action(
                        "to_rescoring",
                        "ارجاع اعتراض‌ها به بازبینی",
                        to="rescoring",
                        guard=_has_open_objections,
                    ),
                    Action(
                        "close_window",
                        "بستن مهلت بدون اعتراض",
                        to="final_review",
                        guard=_window_closed_without_objections,
                        style="secondary",
                    ),
                ),
            ),
            Step(
                "rescoring",
                "بررسی اعتراض و بازبینی امتیاز",
                actors=(Role.EVALUATOR, *STAFF_ACTORS),
                separate_duties=True,
                allowance=WorkingDays(5),
                actions=(
                    Action("finish_rescoring", "پایان بازبینی", to="final_review", guard=_no_open_objections),
                ),
            ),
            Step(
                "final_review",
                "در انتظار تصویب شورای توسعه مدیریت استان",
                actors=(Role.ORG_HEAD,),
                separate_duties=True,
                actions=(
                    Action(
                        "approve",
                        "تصویب نتیجه نهایی",
                        to="approved",
                        style="success",
                        guard=_council_ready,
                        effect=_record_final,
                    ),
                ),
            ),
            Step("approved", "نتیجه نهایی تصویب و ابلاغ شد", final=True),
        ),
    )
)
