"""Reads of service D that compute: each index's average share of its ceiling."""

from decimal import Decimal as D

import pytest

from apps.evaluation import selectors

pytestmark = pytest.mark.django_db


def test_each_index_shows_its_approved_agencies_average_share_of_the_ceiling(final_cycle):
    # G-01 (W 60): 45 and 51 given, 80% on average; G-02 (W 40): 38 and 34, 90%.
    assert selectors.index_averages(cycle=final_cycle) == [
        {"code": "G-01", "title": "دولت الکترونیک", "percent": D("80.0")},
        {"code": "G-02", "title": "ساعت آموزش سرانه", "percent": D("90.0")},
    ]


def test_an_index_average_leaves_out_agencies_not_yet_approved(scored_pair):
    evaluation, _other = scored_pair
    assert selectors.index_averages(cycle=evaluation.cycle) == []
