"""The seed's numbers for service B (seed 002), each named once and used by the services that enforce it."""

from decimal import Decimal
from fractions import Fraction

# "What is the minimum number of course participants (quorum)? At least 20 persons."
QUORUM = 20
# "What is the pass-mark threshold in end-of-course exams? 60 percent of the total score."
PASS_PERCENT = Decimal("60")
# "How much absence is permitted during the course? One tenth of the course's training hours."
MAX_ABSENCE_FRACTION = Fraction(1, 10)
# Scores are entered out of this total, so a score is also its percentage.
EXAM_TOTAL_MARK = Decimal("100")
# Step 7 runs the course in "1 to 7" days.
MIN_RUN_DAYS = 1
MAX_RUN_DAYS = 7
# The seed's total for steps 4–9: "14 to 20 days".
PROMISE_MIN_DAYS = 14
PROMISE_MAX_DAYS = 20


def score_percent(score: Decimal) -> Decimal:
    return Decimal(score) * 100 / EXAM_TOTAL_MARK


def absence_allowed(*, absent_hours, course_hours) -> bool:
    """Absence up to one tenth of the course's hours is allowed; more fails the course."""
    return Fraction(str(absent_hours)) <= Fraction(str(course_hours)) * MAX_ABSENCE_FRACTION


def learner_passes(*, score: Decimal | None, absent_hours, course_hours) -> bool:
    """At least 60% of the total mark and allowed attendance; absence fails whatever the exam says."""
    if score is None or not absence_allowed(absent_hours=absent_hours, course_hours=course_hours):
        return False
    return score_percent(score) >= PASS_PERCENT


# The course session's lifecycle (apps/training/workflow.py), named where the services open one.
SESSION_PROCESS_NAME = "training.session"
