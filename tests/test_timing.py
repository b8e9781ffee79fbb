"""The growth-ratio helper can fail: quadratic work is caught, linear work passes."""

import pytest

from timing import assert_grows_linearly, cpu_seconds


def quadratic(text):
    # For each character, a scan of the whole text: len(text) ** 2 steps, 16x for 4x the input.
    return sum(text.count(c) for c in text)


def linear(text):
    return sum(map(ord, text))


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match=r"quadratic: large input took .* ratio"):
        assert_grows_linearly(quadratic, "ab" * 1_000, "ab" * 4_000, budget=0.2,
                              label="quadratic")


def test_linear_work_passes():
    assert_grows_linearly(linear, "ab" * 50_000, "ab" * 200_000, budget=0.2)


def test_cpu_seconds_counts_work_not_sleep():
    import time
    assert cpu_seconds(lambda: time.sleep(0.05)) < 0.04
    assert cpu_seconds(lambda: linear("x" * 2_000_000)) > 0
