"""Each agency's evaluation in a cycle, in the steps of seed 004 that concern one agency; the cycle's own
timeline, its parent; and a festival nomination's.

The cycle-wide steps (publishing the indices, the initial results, the council's approval) are actions of
the cycle's process (`evaluation.cycle`, its `phase`): each declares which action its agencies' cases take
with it (`Children`), and those actions are the cycle's alone (`by_parent`), so they show no button on a
single agency's page.
"""

from django.db.models import QuerySet

from apps.accounts import permissions
from apps.accounts.roles import Role
from apps.core.jalali import today
from apps.workflow.models import Case
from apps.workflow.process import Action, Children, Process, Side, Step, WorkingDays, register

from .models import Objection
from .rules import (
    AGENCY_ACTORS,
    CYCLE_PROCESS_NAME,
    EVALUATION_PROCESS_NAME,
    NOMINATION_PROCESS_NAME,
    OBJECTION_WINDOW_WORKING_DAYS,
    SELF_ASSESSMENT_WORKING_DAYS,
    STAFF_ACTORS,
    self_assessment_open,
)
from .scoring import cycle_level, evaluation_percent
from .services import cycles as cycle_steps
from .services import results as result_steps

# The states after "publish_initial" (seed row 14). Until its case reaches one, the agency does not see the
# evaluator team's scores and comments: they are the team's working draft until the Organization announces
# them as the initial results, together with the window in which the agency may object to them.
ANNOUNCED_STATES = ("objection", "rescoring", "final_review", "approved")
BY_CYCLE = "این اقدام برای همه دستگاه‌های دوره با هم از صفحه دوره ارزیابی انجام می‌شود."


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
        name=EVALUATION_PROCESS_NAME,
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
                    Action(
                        "publish_initial",
                        "اعلام نتیجه اولیه",
                        to="objection",
                        effect=_record_initial,
                        after=result_steps.initial_told,
                        by_parent=BY_CYCLE,
                    ),
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
                        by_parent=BY_CYCLE,
                    ),
                ),
            ),
            Step("approved", "نتیجه نهایی تصویب و ابلاغ شد", final=True),
        ),
    )
)


# The cycle's timeline (its `phase`): the group publishes the indices and announces the initial results,
# the head approves the final ones for the council; each step moves the agencies' cases with it.


def _scored(cycle) -> QuerySet[Case]:
    """The cycle's agencies scored and waiting for their initial results."""
    return Case.objects.filter(evaluation__cycle=cycle, state="scored")


def _awaiting_council(cycle) -> QuerySet[Case]:
    return Case.objects.filter(evaluation__cycle=cycle, state="final_review")


def _may(kind: str, action: str, refusal: str):
    """The table's row for the step (the group announces, the head approves): the step's actors share one
    organization, so each action asks the table who of them takes it."""

    def guard(case, actor) -> str:
        return "" if permissions.may(actor, kind, action, case.evaluation_cycle) else refusal

    return guard


def _late(waiting, refusal: str):
    """Once the results are final, a step is taken again only for an agency opened in the cycle after its
    approval (the demo adds its agencies one at a time): its button shows only when one waits for it."""

    def guard(case, actor) -> str:
        return "" if waiting(case.evaluation_cycle).exists() else refusal

    return guard


def _publish_initial(to: str, label: str = "اعلام نتایج اولیه", **extra) -> Action:
    return Action(
        "publish_initial",
        label,
        to=to,
        event="initial_published",
        confirm="نتایج اولیه به دستگاه‌های امتیازدهی‌شده اعلام شود؟",
        effect=result_steps.publish_initial_effect,
        children=Children(of=_scored, actions=("publish_initial",)),
        done="نتایج اولیه اعلام و مهلت اعتراض آغاز شد.",
        **extra,
    )


def _approve_final(label: str = "تصویب نتایج نهایی در شورای توسعه مدیریت", **extra) -> Action:
    return Action(
        "approve_final",
        label,
        to="final",
        event="final_approved",
        style="success",
        confirm="نتایج نهایی همه دستگاه‌ها تصویب و ابلاغ شود؟ این اقدام بازگشت‌پذیر نیست.",
        effect=result_steps.approve_final_effect,
        children=Children(of=_awaiting_council, actions=("approve",)),
        done="نتایج نهایی تصویب و به دستگاه‌ها و سازمان کشور ابلاغ شد.",
        **extra,
    )


ANNOUNCES = _may("evaluation.standing", "act", "نتایج اولیه را کارشناسان توسعه مدیریت سازمان اعلام می‌کنند.")
APPROVES = _may(
    "evaluation.final_result", "act", "نتایج نهایی را رئیس سازمان از سوی شورای توسعه مدیریت تصویب می‌کند."
)
NONE_SCORED = "هیچ دستگاهی امتیازدهی‌شده و در انتظار اعلام نتیجه نیست."
NONE_AWAITING = "دستگاهی در انتظار تصویب نیست."

CYCLE = register(
    Process(
        name=CYCLE_PROCESS_NAME,
        label="دوره ارزیابی عملکرد",
        service="evaluation",
        initial="setup",
        unit="management",
        record="evaluation.Cycle",
        record_field="phase",
        opened_event="created",
        steps=(
            Step(
                "setup",
                "تدوین شاخص‌ها",
                actors=STAFF_ACTORS,
                actions=(
                    Action(
                        "publish_indices",
                        "ابلاغ شاخص‌ها و آغاز خودارزیابی",
                        to="self_assessment",
                        event="indices_published",
                        confirm="شاخص‌ها به همه دستگاه‌ها ابلاغ شود؟ پس از ابلاغ شاخص‌ها تغییر نمی‌کند.",
                        effect=cycle_steps.publish_indices_effect,
                        done="شاخص‌ها ابلاغ و خودارزیابی دستگاه‌ها آغاز شد.",
                    ),
                ),
            ),
            Step(
                "self_assessment",
                "خودارزیابی دستگاه‌ها",
                actors=STAFF_ACTORS,
                actions=(_publish_initial("initial", guard=ANNOUNCES),),
            ),
            Step(
                "initial",
                "اعلام نتایج اولیه و اعتراض",
                actors=(*STAFF_ACTORS, Role.ORG_HEAD),
                actions=(
                    # Agencies scored later are announced in their turn, each with the window from that day.
                    _publish_initial("initial", guard=ANNOUNCES),
                    _approve_final(guard=APPROVES, after=result_steps.approve_final_after),
                ),
            ),
            Step(
                "final",
                "نتایج نهایی تصویب‌شده",
                actors=(*STAFF_ACTORS, Role.ORG_HEAD),
                actions=(
                    _publish_initial(
                        "final",
                        "اعلام نتایج اولیه دستگاه‌های افزوده پس از تصویب",
                        guard=lambda c, a: ANNOUNCES(c, a) or _late(_scored, NONE_SCORED)(c, a),
                    ),
                    _approve_final(
                        "تصویب نتایج نهایی دستگاه‌های افزوده پس از تصویب",
                        guard=lambda c, a: APPROVES(c, a) or _late(_awaiting_council, NONE_AWAITING)(c, a),
                        after=result_steps.late_approval_after,
                    ),
                ),
            ),
        ),
    )
)


# A top work team put forward for the Shahid Rajaei festival (seed rows 19–20): the festival HQ (the group)
# selects it or not, and honours a selected one at the festival.

NOMINATION = register(
    Process(
        name=NOMINATION_PROCESS_NAME,
        label="معرفی تیم برتر به جشنواره شهید رجایی",
        service="evaluation",
        initial="nominated",
        unit="management",
        record="evaluation.Nomination",
        record_field="status",
        opened_event="nominated",
        steps=(
            Step(
                "nominated",
                "معرفی شده",
                actors=STAFF_ACTORS,
                actions=(
                    Action("select", "برگزیدن", to="selected", event="selected", style="success"),
                    Action(
                        "not_select",
                        "برگزیده نشد",
                        to="not_selected",
                        event="not_selected",
                        style="outline-secondary",
                    ),
                ),
            ),
            Step(
                "selected",
                "برگزیده ستاد جشنواره",
                actors=STAFF_ACTORS,
                actions=(
                    Action(
                        "honour",
                        "ثبت تقدیر",
                        to="honoured",
                        event="honoured",
                        confirm="تقدیر در جشنواره ثبت شود؟",
                    ),
                ),
            ),
            Step("honoured", "تقدیر شده در جشنواره", final=True),
            Step("not_selected", "برگزیده نشد", final=True),
        ),
    )
)
