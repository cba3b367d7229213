"""The two fee methods of 国办函〔2020〕109号, with the examples of the text and the band edges."""

from decimal import Decimal

import pytest

from gongkai.applications.fees import fee_by_count, fee_by_pages, rate_by_count


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (35, 3000),  # the text's example: 20×100 + 5×200
        (40, 4000),
        (41, 4300),
        (50, 7000),
        (51, 7400),
    ],
)
def test_fee_by_count(n, expected):
    assert fee_by_count(n) == Decimal(expected)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (150, 1700),  # the text's example: 70×10 + 50×20
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_fee_by_pages(pages, expected):
    assert fee_by_pages(pages) == Decimal(expected)


def test_rates_of_single_applications():
    assert [rate_by_count(k) for k in (10, 11, 30, 31, 40, 41, 51)] == [
        0,
        100,
        100,
        200,
        200,
        300,
        400,
    ]


def test_negative_quantities_are_refused():
    with pytest.raises(ValueError):
        fee_by_count(-1)
    with pytest.raises(ValueError):
        fee_by_pages(-1)
