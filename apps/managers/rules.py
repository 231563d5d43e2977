"""The directive's numbers (seed 003) and the pure rules built on them: eligibility and the weighted score."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from apps.core.digits import to_persian_digits
from apps.core.jalali import add_jalali_months

# Clause 3: the four conditions of selection.
MIN_RELATED_EXPERIENCE = 6  # years of related or similar expert work (c)
MIN_MANAGEMENT_EXPERIENCE = 2  # years of related managerial work, the alternative in (c)
MIN_GENERAL_CRITERIA_POINTS = 60  # points on the general managerial criteria (d)
# Clause 9: an appointment decree holds four years; clause 10 note 3: six months of probation.
FOUR_YEARS = 4
SIX_MONTHS = 6
# Clause 7, note: a managers' committee is its chair, one deputy and three managers or experts.
COMMITTEE_MEMBERS = 5
# Form 3, part D: appraisal and performance-evaluation scores of the last four years.
SCORE_YEARS = 4
# Clause 12: the report to the national organization every six months.
REPORT_PERIOD_MONTHS = 6
# How early a decree that is running out shows on the managers' panel (not in the seed: a desk choice).
EXPIRY_WARNING_DAYS = 90
# Form 4: the ten general managerial criteria (duties, roles, skills), each scored out of ten.
GENERAL_CRITERIA = (
    ("planning", "برنامه‌ریزی"),
    ("organizing", "سازماندهی"),
    ("leading", "رهبری"),
    ("controlling", "کنترل"),
    ("communication", "ارتباطی"),
    ("information", "اطلاعاتی"),
    ("decision", "تصمیم‌گیری"),
    ("conceptual", "ادراکی"),
    ("human", "انسانی"),
    ("technical", "فنی"),
)
GENERAL_CRITERION_MAX = 10
# Form 4 prints three columns for the agency's specific criteria.
MAX_SPECIFIC_CRITERIA = 3
# Form 1 ranks its nominees 1, 2, …; the desk's bound on how far (not the seed's).
MAX_CANDIDATE_PRIORITY = 20

_CENT = Decimal("0.01")


def number_label(value) -> str:
    """A score in Persian digits without trailing zeros and with the Persian decimal mark (۶۰, ۸۲٫۱۴),
    as the pages' `fa` filter shows it."""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return to_persian_digits(text.replace(".", "٫"))


def months_label(months: int) -> str:
    years, rest = divmod(int(months), 12)
    text = f"{years} سال" + (f" و {rest} ماه" if rest else "")
    return to_persian_digits(text)


def add_months(day: dt.date, months: int) -> dt.date:
    """The end of a span of `months` that starts on `day`: the same Jalali day `months` later, on the
    month's last day when that month is shorter (core.jalali.add_jalali_months).

    The directive's four years and six months are Jalali ones: a decree issued on 1404/01/01 is valid
    until 1408/01/01, and its six months of clause 10, note 3 run until 1405/07/01 for one of 1405/01/01.
    "Until" includes that day, as the desk has always read it: the decree is still in force on it (it
    expires the day after), and the superior may still replace the appointee on it."""
    return add_jalali_months(day, months)


def decree_valid_until(issued_on: dt.date) -> dt.date:
    """Clause 9: the four-year decree's last day."""
    return add_months(issued_on, FOUR_YEARS * 12)


def probation_end(issued_on: dt.date) -> dt.date:
    """Clause 10, note 3: the last day the superior may replace the appointee without the council."""
    return add_months(issued_on, SIX_MONTHS)


@dataclass(frozen=True)
class Facts:
    """What the eligibility engine reads about one candidate: Form 3's confirmed figures."""

    bachelor_matches: bool | None
    management_course: bool | None
    master_in_management: bool | None
    related_experience_months: int
    management_experience_months: int
    general_points: Decimal | None
    training_courses: tuple = ()  # management courses passed in service B: dicts with title and url
    extra: tuple = ()  # (title, met or None) of the agency's own conditions


@dataclass(frozen=True)
class ConditionResult:
    code: str
    label: str
    met: bool | None  # None: not yet checked
    reason: str
    link: str = ""


def eligibility(facts: Facts) -> list[ConditionResult]:
    """Clause 3 condition by condition, each with the reason a person reads on screen and on Form 3."""
    results = []
    if facts.bachelor_matches is None:
        results.append(ConditionResult("a", "الف) کارشناسی مرتبط", None, "کارگزینی هنوز بررسی نکرده است."))
    else:
        reason = (
            "رشته کارشناسی با رشته شغلی پست مرتبط است."
            if facts.bachelor_matches
            else "رشته کارشناسی با رشته شغلی پست مرتبط نیست."
        )
        results.append(ConditionResult("a", "الف) کارشناسی مرتبط", facts.bachelor_matches, reason))

    label_b = "ب) دوره آموزش مدیریت یا کارشناسی ارشد مدیریت"
    if facts.training_courses:
        course = facts.training_courses[0]
        reason = f"دوره «{course.get('title', '')}» در خدمت آموزش کارکنان گذرانده شده است."
        results.append(ConditionResult("b", label_b, True, reason, course.get("url", "")))
    elif facts.management_course or facts.master_in_management:
        reason = (
            "گذراندن دوره آموزش مدیریت تأیید شد."
            if facts.management_course
            else "مدرک کارشناسی ارشد در رشته مدیریت تأیید شد."
        )
        results.append(ConditionResult("b", label_b, True, reason))
    elif facts.management_course is None and facts.master_in_management is None:
        results.append(ConditionResult("b", label_b, None, "کارگزینی هنوز بررسی نکرده است."))
    else:
        results.append(
            ConditionResult(
                "b", label_b, False, "نه دوره آموزش مدیریت گذرانده و نه کارشناسی ارشد مدیریت دارد."
            )
        )

    related, managing = facts.related_experience_months, facts.management_experience_months
    related_ok = related >= MIN_RELATED_EXPERIENCE * 12
    managing_ok = managing >= MIN_MANAGEMENT_EXPERIENCE * 12
    if related_ok or managing_ok:
        reason = (
            f"{months_label(related)} سابقه مرتبط (حداقل {to_persian_digits(MIN_RELATED_EXPERIENCE)} سال)."
            if related_ok
            else f"{months_label(managing)} سابقه مدیریتی مرتبط "
            f"(حداقل {to_persian_digits(MIN_MANAGEMENT_EXPERIENCE)} سال)."
        )
    else:
        reason = (
            f"سابقه مرتبط {months_label(related)} از حداقل {to_persian_digits(MIN_RELATED_EXPERIENCE)} سال "
            f"و سابقه مدیریتی {months_label(managing)} از حداقل "
            f"{to_persian_digits(MIN_MANAGEMENT_EXPERIENCE)} سال کمتر است."
        )
    results.append(ConditionResult("c", "ج) سابقه", related_ok or managing_ok, reason))

    label_d = "د) امتیاز معیارهای عمومی مدیریتی"
    if facts.general_points is None:
        results.append(ConditionResult("d", label_d, None, "امتیاز معیارهای عمومی هنوز ثبت نشده است."))
    else:
        met = facts.general_points >= MIN_GENERAL_CRITERIA_POINTS
        comparison = "دست‌کم" if met else "کمتر از"
        reason = (
            f"{number_label(facts.general_points)} امتیاز؛ "
            f"{comparison} {to_persian_digits(MIN_GENERAL_CRITERIA_POINTS)} امتیاز لازم."
        )
        results.append(ConditionResult("d", label_d, met, reason))

    for title, met in facts.extra:
        reason = {True: "تأیید شد.", False: "احراز نشد.", None: "کارگزینی هنوز بررسی نکرده است."}[met]
        results.append(ConditionResult("extra", f"شرط اختصاصی دستگاه: {title}", met, reason))
    return results


def is_eligible(results: list[ConditionResult]) -> bool:
    return all(r.met is True for r in results)


@dataclass(frozen=True)
class Weights:
    """Form 4's importance coefficients, one per group, set by the agency's directive."""

    general: Decimal
    specific: Decimal
    appraisal: Decimal
    performance: Decimal


@dataclass(frozen=True)
class ClauseScore:
    """One clause (بند) of Form 4's second table: its points out of its maximum, and what they weigh."""

    points: Decimal
    maximum: Decimal
    share: Decimal | None  # the points' percent of the maximum; None for a clause the agency has nothing in
    weight: Decimal
    weighted: Decimal  # share × coefficient ÷ the sum of the coefficients counted, to two decimals


@dataclass(frozen=True)
class ScoreSheet:
    """Form 4's second table for one candidate: each clause and the final score, out of 100."""

    clauses: dict[str, ClauseScore]
    final: Decimal


SCORE_GROUPS = (
    ("general", "معیارهای عمومی مدیریتی"),
    ("specific", "معیارهای اختصاصی"),
    ("appraisal", "میانگین امتیازات ارزشیابی"),
    ("performance", "میانگین امتیازات ارزیابی عملکرد"),
)
# Each specific criterion is scored out of ten, as each general one is.
SPECIFIC_CRITERION_MAX = GENERAL_CRITERION_MAX
# Form 3's appraisal and performance-evaluation scores are out of 100 (the evaluations' scale).
YEAR_SCORE_MAX = 100
# The final score's scale: a candidate at every clause's maximum scores this, whatever the coefficients.
FINAL_SCORE_MAX = 100
_HUNDRED = Decimal("100")


def score_maxima(*, specific_count: int) -> dict:
    """Each clause's maximum: ten general criteria and the agency's specific ones out of ten each."""
    return {
        "general": Decimal(len(GENERAL_CRITERIA) * GENERAL_CRITERION_MAX),
        "specific": Decimal(specific_count * SPECIFIC_CRITERION_MAX),
        "appraisal": Decimal(YEAR_SCORE_MAX),
        "performance": Decimal(YEAR_SCORE_MAX),
    }


def weighted_score(*, points: dict, maxima: dict, weights: Weights) -> ScoreSheet:
    """Form 4's footnote, "weighted score = points of the clause × its coefficient", on one scale.

    The clauses' points come on different scales (ten criteria out of 10 sum to 100, two specific ones
    to 20), so summed raw a coefficient weighs the scale instead of what the agency meant by it. Each
    clause counts as its share of its own maximum, weighed by its coefficient over the sum of the
    coefficients counted: a candidate at every maximum scores 100, and a coefficient of 0.30 is 30 of
    those 100 when the coefficients add up to one. A clause with no maximum (an agency without specific
    criteria) is not counted, and its coefficient goes to the others. ValueError when no coefficient
    is left above zero. The final score is rounded once, from the unrounded parts.
    """
    counted = [key for key, _ in SCORE_GROUPS if maxima[key] > 0]
    total_weight = sum((getattr(weights, key) for key in counted), Decimal("0"))
    if total_weight <= 0:
        raise ValueError("no importance coefficient above zero")
    clauses, exact = {}, Decimal("0")
    for key, _ in SCORE_GROUPS:
        value, maximum, weight = Decimal(points[key]), Decimal(maxima[key]), getattr(weights, key)
        if key not in counted:
            clauses[key] = ClauseScore(value, maximum, None, weight, Decimal("0.00"))
            continue
        share = value / maximum * _HUNDRED
        part = share * weight / total_weight
        exact += part
        clauses[key] = ClauseScore(
            value, maximum, share.quantize(_CENT, ROUND_HALF_UP), weight, part.quantize(_CENT, ROUND_HALF_UP)
        )
    return ScoreSheet(clauses=clauses, final=exact.quantize(_CENT, ROUND_HALF_UP))


def below_desired(final: Decimal | None, desired: Decimal) -> bool:
    """Form 4 sets each nominee beside the desired score of the post's level: at it is not below it."""
    return final is not None and Decimal(final) < Decimal(desired)


def desired_shortfall(*, name: str, final: Decimal, desired: Decimal, level_label: str) -> str:
    """What the pages, the PDF and the API say of a nominee below the desired score."""
    return (
        f"امتیاز نهایی {name} ({number_label(final)} از {to_persian_digits(FINAL_SCORE_MAX)}) "
        f"از امتیاز مطلوب سطح {level_label} ({number_label(desired)}) کمتر است."
    )


def average(values) -> Decimal | None:
    numbers = [Decimal(v) for v in values if v is not None]
    if not numbers:
        return None
    return (sum(numbers, Decimal("0")) / len(numbers)).quantize(_CENT, ROUND_HALF_UP)


# Service C's processes (apps/managers/workflow.py), named here where the services open and check their
# cases: the services' effects are imported by the processes' declaration, so they cannot import it back.
APPOINTMENT_PROCESS_NAME = "managers.appointment"
CHANGE_PROCESS_NAME = "managers.change"
DECREE_PROCESS_NAME = "managers.decree"
