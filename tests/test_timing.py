"""The growth-ratio helper can fail: quadratic work is caught, linear work passes."""

import pytest

from timing import assert_grows_linearly, finishes_within


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


def test_finishes_within_counts_work_not_sleep():
    import time
    with finishes_within(0.04):
        time.sleep(0.05)  # another process's load, like sleeping, costs this process no CPU time
    with pytest.raises(AssertionError, match=r"spin: took .* s CPU, bound 0.01 s"):
        with finishes_within(0.01, "spin"):
            quadratic("ab" * 5_000)
