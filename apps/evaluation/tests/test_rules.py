"""The scoring rules at their boundaries: index score, weighted total, bands and ranks."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from apps.evaluation.rules import (
    DEFAULT_BANDS,
    Standing,
    Weighted,
    index_score,
    level_for,
    rank_within_groups,
    validate_bands,
    weighted_percent,
)


def test_it_scores_an_index_as_w_times_ap_over_s():
    # W 40, standard 40 hours, actual 30 hours: 40 × 30 / 40 = 30.
    assert index_score(ceiling=D(40), standard=D(40), actual=D(30)) == D("30.00")


def test_it_scores_a_decrease_is_better_index_as_w_times_s_over_ap():
    # W 50, standard 10 days, actual 20 days: 50 × 10 / 20 = 25.
    assert index_score(ceiling=D(50), standard=D(10), actual=D(20), increasing=False) == D("25.00")


def test_it_never_gives_more_than_the_ceiling():
    assert index_score(ceiling=D(40), standard=D(40), actual=D(80)) == D(40)
    assert index_score(ceiling=D(50), standard=D(10), actual=D(5), increasing=False) == D(50)
    assert index_score(ceiling=D(50), standard=D(10), actual=D(0), increasing=False) == D(50)


def test_it_gives_nothing_without_a_standard():
    assert index_score(ceiling=D(40), standard=D(0), actual=D(30)) == D(0)


def test_weighted_total_of_the_worked_example():
    # G-01: 45 of 60, weight 2; G-02: 38 of 40, weight 1 → (90 + 38) / (120 + 40) = 128 / 160 = 80%.
    items = [Weighted(D(45), D(60), D(2)), Weighted(D(38), D(40), D(1))]
    assert weighted_percent(items) == D("80.00")


def test_an_unscored_index_counts_as_zero():
    assert weighted_percent([Weighted(None, D(60), D(2)), Weighted(D(40), D(40), D(1))]) == D("25.00")


def test_levels_follow_the_bands_at_their_boundaries():
    # DEFAULT_BANDS: عالی from 90, خیلی خوب from 75, خوب from 60, متوسط from 45, نیازمند بهبود from 0.
    assert level_for(D("90.00"), DEFAULT_BANDS) == "عالی"
    assert level_for(D("89.99"), DEFAULT_BANDS) == "خیلی خوب"
    assert level_for(D("75.00"), DEFAULT_BANDS) == "خیلی خوب"
    assert level_for(D("74.99"), DEFAULT_BANDS) == "خوب"
    assert level_for(D("60.00"), DEFAULT_BANDS) == "خوب"
    assert level_for(D("45.00"), DEFAULT_BANDS) == "متوسط"
    assert level_for(D("44.99"), DEFAULT_BANDS) == "نیازمند بهبود"
    assert level_for(D("0"), DEFAULT_BANDS) == "نیازمند بهبود"


def test_agencies_are_ranked_within_their_group_and_equal_totals_share_a_rank():
    standings = [
        Standing(1, "الف", "بهداشت", D(70)),
        Standing(2, "ب", "بهداشت", D(80)),
        Standing(3, "ج", "بهداشت", D(70)),
        Standing(4, "د", "زیربنایی", D(50)),
    ]
    ranked = {s.evaluation_id: s for s in rank_within_groups(standings, DEFAULT_BANDS)}
    assert [ranked[i].rank for i in (2, 1, 3, 4)] == [1, 2, 2, 1]
    assert ranked[2].level == "خیلی خوب" and ranked[4].level == "متوسط"


def test_it_refuses_bands_that_leave_an_agency_without_a_level():
    assert validate_bands([{"label": "خوب", "min": 60}]) != ""
    assert validate_bands([{"label": "خوب", "min": 60}, {"label": "ضعیف", "min": 60}]) != ""
    assert validate_bands([{"label": "خوب", "min": 60}, {"label": "ضعیف", "min": 0}]) == ""


ceilings = st.decimals(min_value=D("0.5"), max_value=D(1000), places=2)
amounts = st.decimals(min_value=D(0), max_value=D(100000), places=2)
standards = st.decimals(min_value=D("0.01"), max_value=D(100000), places=2)


@given(ceiling=ceilings, standard=standards, actual=amounts, increasing=st.booleans())
def test_an_index_score_is_never_negative_nor_above_its_ceiling(ceiling, standard, actual, increasing):
    score = index_score(ceiling=ceiling, standard=standard, actual=actual, increasing=increasing)
    assert D(0) <= score <= ceiling


@given(ceiling=ceilings, standard=standards, low=amounts, high=amounts)
def test_more_is_never_worse_when_an_increase_is_better(ceiling, standard, low, high):
    low, high = sorted((low, high))
    assert index_score(ceiling=ceiling, standard=standard, actual=low) <= index_score(
        ceiling=ceiling, standard=standard, actual=high
    )


@given(ceiling=ceilings, standard=standards, low=amounts, high=amounts)
def test_more_is_never_better_when_a_decrease_is_better(ceiling, standard, low, high):
    low, high = sorted((low, high))
    assert index_score(ceiling=ceiling, standard=standard, actual=low, increasing=False) >= index_score(
        ceiling=ceiling, standard=standard, actual=high, increasing=False
    )


@given(ceiling=ceilings, standard=standards)
def test_meeting_the_standard_earns_the_full_ceiling(ceiling, standard):
    assert index_score(ceiling=ceiling, standard=standard, actual=standard) == ceiling.quantize(D("0.01"))


@given(
    st.lists(
        st.tuples(amounts, ceilings, st.decimals(min_value=D("0.1"), max_value=D(10), places=1)), min_size=1
    )
)
def test_a_weighted_total_stays_between_zero_and_a_hundred(rows):
    items = [Weighted(min(score, ceiling), ceiling, weight) for score, ceiling, weight in rows]
    assert D(0) <= weighted_percent(items) <= D(100)
