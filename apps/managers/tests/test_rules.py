"""The directive's rules at their boundaries: clause 3's conditions and Form 4's weighted score."""

import datetime as dt
from decimal import Decimal

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core.jalali import format_date, month_length, parse_jalali_date
from apps.managers.rules import (
    FINAL_SCORE_MAX,
    FOUR_YEARS,
    MIN_GENERAL_CRITERIA_POINTS,
    MIN_MANAGEMENT_EXPERIENCE,
    MIN_RELATED_EXPERIENCE,
    SIX_MONTHS,
    Facts,
    Weights,
    add_months,
    below_desired,
    decree_valid_until,
    eligibility,
    is_eligible,
    number_label,
    probation_end,
    score_maxima,
    weighted_score,
)


def facts(**overrides) -> Facts:
    base = {
        "bachelor_matches": True,
        "management_course": True,
        "master_in_management": False,
        "related_experience_months": MIN_RELATED_EXPERIENCE * 12,
        "management_experience_months": 0,
        "general_points": Decimal(MIN_GENERAL_CRITERIA_POINTS),
    }
    return Facts(**{**base, **overrides})


def condition(results, code):
    return next(r for r in results if r.code == code)


def test_the_seed_numbers_are_the_directives():
    assert (MIN_RELATED_EXPERIENCE, MIN_MANAGEMENT_EXPERIENCE, MIN_GENERAL_CRITERIA_POINTS) == (6, 2, 60)
    assert (FOUR_YEARS, SIX_MONTHS) == (4, 6)


def test_five_years_eleven_months_of_related_experience_fails_and_six_years_passes():
    short = condition(eligibility(facts(related_experience_months=5 * 12 + 11)), "c")
    assert short.met is False
    assert "۵ سال و ۱۱ ماه" in short.reason and "۶ سال" in short.reason
    assert condition(eligibility(facts(related_experience_months=6 * 12)), "c").met is True


def test_one_year_eleven_months_of_management_fails_and_two_years_passes():
    few = facts(related_experience_months=0, management_experience_months=1 * 12 + 11)
    assert condition(eligibility(few), "c").met is False
    enough = condition(eligibility(facts(related_experience_months=0, management_experience_months=24)), "c")
    assert enough.met is True
    assert "۲ سال سابقه مدیریتی" in enough.reason


def test_fifty_nine_points_fail_and_sixty_pass():
    low = condition(eligibility(facts(general_points=Decimal("59"))), "d")
    assert low.met is False and "کمتر از ۶۰" in low.reason
    assert condition(eligibility(facts(general_points=Decimal("60"))), "d").met is True


def test_an_unrelated_bachelor_fails_condition_a_with_its_reason():
    result = condition(eligibility(facts(bachelor_matches=False)), "a")
    assert result.met is False and "مرتبط نیست" in result.reason


def test_condition_b_is_met_by_a_masters_in_management_or_a_course_and_fails_without_both():
    assert condition(eligibility(facts(management_course=False, master_in_management=True)), "b").met is True
    missing = condition(eligibility(facts(management_course=False, master_in_management=False)), "b")
    assert missing.met is False


def test_a_course_passed_in_service_b_meets_condition_b_by_itself_with_the_certificate_linked():
    course = {"title": "مدیریت راهبردی", "url": "https://desk.example/verify/ABC/"}
    result = condition(
        eligibility(facts(management_course=False, master_in_management=False, training_courses=(course,))),
        "b",
    )
    assert result.met is True
    assert result.link == "https://desk.example/verify/ABC/"
    assert "مدیریت راهبردی" in result.reason


def test_an_agency_extra_condition_counts_and_everything_must_hold():
    results = eligibility(facts(extra=(("نداشتن محکومیت اداری", False),)))
    assert condition(results, "extra").met is False
    assert not is_eligible(results)
    assert is_eligible(eligibility(facts(extra=(("نداشتن محکومیت اداری", True),))))


WEIGHTS = Weights(
    general=Decimal("0.4"), specific=Decimal("0.3"), appraisal=Decimal("0.2"), performance=Decimal("0.1")
)
TWO_SPECIFIC = score_maxima(specific_count=2)


def test_each_clause_counts_as_its_share_of_its_own_maximum():
    sheet = weighted_score(
        points={"general": 72, "specific": 18, "appraisal": 90, "performance": 85},
        maxima=TWO_SPECIFIC,
        weights=WEIGHTS,
    )
    # Two specific criteria at 9 of 10 are 18 of 20, 90%: 27 of the 30 that coefficient 0.3 stands for,
    # not the 5.40 of 18 × 0.3 summed raw.
    specific = sheet.clauses["specific"]
    assert (specific.points, specific.maximum, specific.share) == (18, 20, Decimal("90.00"))
    assert {key: clause.weighted for key, clause in sheet.clauses.items()} == {
        "general": Decimal("28.80"),
        "specific": Decimal("27.00"),
        "appraisal": Decimal("18.00"),
        "performance": Decimal("8.50"),
    }
    assert sheet.final == Decimal("82.30")


def test_a_perfect_candidate_scores_100_not_76():
    perfect = {"general": 100, "specific": 20, "appraisal": 100, "performance": 100}
    assert (
        weighted_score(points=perfect, maxima=TWO_SPECIFIC, weights=WEIGHTS).final == FINAL_SCORE_MAX == 100
    )


def test_without_specific_criteria_their_coefficient_goes_to_the_other_clauses():
    sheet = weighted_score(
        points={"general": 80, "specific": 0, "appraisal": 80, "performance": 80},
        maxima=score_maxima(specific_count=0),
        weights=WEIGHTS,
    )
    assert sheet.clauses["specific"].share is None and sheet.clauses["specific"].weighted == 0
    assert sheet.final == Decimal("80.00")


def test_no_coefficient_above_zero_is_refused():
    zero = Weights(general=Decimal(0), specific=Decimal(1), appraisal=Decimal(0), performance=Decimal(0))
    with pytest.raises(ValueError):
        weighted_score(points=dict.fromkeys(groups, 0), maxima=score_maxima(specific_count=0), weights=zero)


@pytest.mark.parametrize(
    ("final", "flagged"),
    [("75", False), ("75.00", False), ("100", False), ("74.99", True), ("74", True), (None, False)],
)
def test_a_nominee_at_the_desired_score_is_not_below_it_and_one_point_under_is(final, flagged):
    assert below_desired(None if final is None else Decimal(final), Decimal("75")) is flagged


scores = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=5, places=2, allow_nan=False, allow_infinity=False).filter(
    lambda w: w > 0
)
groups = ("general", "specific", "appraisal", "performance")


def _points(shares: dict, maxima: dict) -> dict:
    return {g: (shares[g] * maxima[g]).quantize(Decimal("0.01")) for g in groups}


@given(st.fixed_dictionaries({g: weights for g in groups}), st.integers(min_value=0, max_value=3))
def test_a_candidate_at_every_maximum_scores_100_whatever_the_coefficients(coefficients, specific_count):
    maxima = score_maxima(specific_count=specific_count)
    assert weighted_score(points=maxima, maxima=maxima, weights=Weights(**coefficients)).final == 100


@given(
    st.fixed_dictionaries({g: scores for g in groups}),
    st.fixed_dictionaries({g: weights for g in groups}),
    st.integers(min_value=0, max_value=3),
)
def test_the_final_score_is_the_sum_of_the_weighted_parts_on_a_scale_of_100(shares, coefficients, count):
    maxima = score_maxima(specific_count=count)
    sheet = weighted_score(points=_points(shares, maxima), maxima=maxima, weights=Weights(**coefficients))
    # The final is rounded once from the exact parts; each shown part is rounded on its own.
    assert abs(sheet.final - sum(c.weighted for c in sheet.clauses.values())) <= Decimal("0.02")
    assert 0 <= sheet.final <= FINAL_SCORE_MAX


@given(
    st.fixed_dictionaries({g: scores for g in groups}),
    st.fixed_dictionaries({g: weights for g in groups}),
    st.sampled_from(groups),
    st.decimals(min_value=0, max_value=5, places=2),
)
def test_raising_any_score_never_lowers_the_final_score(shares, coefficients, group, raise_by):
    maxima = score_maxima(specific_count=3)
    points = _points(shares, maxima)
    before = weighted_score(points=points, maxima=maxima, weights=Weights(**coefficients)).final
    raised = {**points, group: min(points[group] + raise_by, maxima[group])}
    after = weighted_score(points=raised, maxima=maxima, weights=Weights(**coefficients)).final
    assert after >= before


def _jalali(text: str) -> dt.date:
    return parse_jalali_date(text)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("1404/11/30", 1, "1404/12/29"),
        ("1404/01/01", FOUR_YEARS * 12, "1408/01/01"),  # Gregorian months gave 1408/01/02
        ("1405/01/01", SIX_MONTHS, "1405/07/01"),  # Gregorian months gave 1405/06/30
        ("1403/06/31", SIX_MONTHS, "1403/12/30"),
    ],
)
def test_months_are_added_on_the_jalali_calendar(day, months, expected):
    assert format_date(add_months(_jalali(day), months), persian_digits=False) == expected


def _every_day(first_year: int, last_year: int):
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            for day in range(1, month_length(year, month) + 1):
                yield jdatetime.date(year, month, day)


def test_a_decree_issued_on_any_day_of_1399_to_1406_holds_until_the_same_jalali_day_four_years_on():
    for issued in _every_day(1399, 1406):
        ends = jdatetime.date.fromgregorian(date=decree_valid_until(issued.togregorian()))
        # 30 Esfand of a leap year (1399, 1403) has no twin four years on: the decree ends on 29 Esfand.
        day = min(issued.day, month_length(issued.year + FOUR_YEARS, issued.month))
        assert (ends.year, ends.month, ends.day) == (issued.year + FOUR_YEARS, issued.month, day), issued


def test_the_six_months_of_any_day_of_1399_to_1406_end_on_the_same_jalali_day_six_months_on():
    for issued in _every_day(1399, 1406):
        ends = jdatetime.date.fromgregorian(date=probation_end(issued.togregorian()))
        year, month = divmod(issued.year * 12 + issued.month - 1 + SIX_MONTHS, 12)
        month += 1
        # 31 Shahrivar's six months end on Esfand's last day, 29 or 30.
        assert (ends.year, ends.month, ends.day) == (year, month, min(issued.day, month_length(year, month)))


def test_a_score_in_a_sentence_has_persian_digits_and_the_persian_decimal_mark():
    assert number_label(Decimal("82.14")) == "۸۲٫۱۴"
    assert number_label(Decimal("75.00")) == "۷۵"
