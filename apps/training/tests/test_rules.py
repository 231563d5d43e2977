"""The seed's rules at their boundaries: quorum 20, pass mark 60%, absence up to one tenth of the hours."""

from decimal import Decimal
from fractions import Fraction

from apps.training.rules import (
    EXAM_TOTAL_MARK,
    MAX_ABSENCE_FRACTION,
    PASS_PERCENT,
    QUORUM,
    absence_allowed,
    learner_passes,
)


def test_the_seed_numbers_are_the_rules():
    assert QUORUM == 20
    assert Decimal(60) == PASS_PERCENT
    assert Fraction(1, 10) == MAX_ABSENCE_FRACTION
    assert Decimal(100) == EXAM_TOTAL_MARK


def test_it_passes_sixty_percent_and_fails_fifty_nine_point_nine():
    assert learner_passes(score=Decimal("60"), absent_hours=0, course_hours=20)
    assert not learner_passes(score=Decimal("59.9"), absent_hours=0, course_hours=20)


def test_absence_of_exactly_one_tenth_is_allowed_and_more_is_not():
    assert absence_allowed(absent_hours=Decimal(2), course_hours=20)
    assert not absence_allowed(absent_hours=Decimal("2.01"), course_hours=20)


def test_absence_above_one_tenth_fails_whatever_the_exam_says():
    assert not learner_passes(score=Decimal(100), absent_hours=Decimal(3), course_hours=20)


def test_no_score_is_no_pass():
    assert not learner_passes(score=None, absent_hours=0, course_hours=20)
