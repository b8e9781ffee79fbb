"""Timing for the tests: growth ratios and "finishes at all" bounds, in CPU time of this process.

Explainers must read any input in linear time (a 1 MB paste must not hang the browser tab). The
tests check a ratio, never a speed: feed an input and a larger one (usually 4x) and require the
larger to cost well under what a quadratic reading would (16x for 4x the input): less than 8x.

Why CPU time and best-of-interleaved-rounds: the test machine is shared. With wall-clock timing
a run under heavy load once measured 9-10x for the ipconfig "adapters" shape, which measures 3-4x
when the machine is idle. `time.process_time()` counts only this process's own CPU time, so other
processes do not count; small and large runs alternate, and the best (minimum) of each is kept,
so a disturbance (a GC pause, a cache flush, a preemption) hurts one run, not the verdict.
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

MIN_ROUNDS = 5
MAX_ROUNDS = 50
BUDGET = 1.0  # seconds of CPU time after which no further rounds start (beyond MIN_ROUNDS)


@contextmanager
def finishes_within(seconds: float, label: Any = "") -> Iterator[None]:
    """Assert that the body of the with-block costs under `seconds` of CPU time: a bound against
    hanging on hostile input (e.g. a 1 MB line), not a speed requirement."""
    start = time.process_time()
    yield
    spent = time.process_time() - start
    assert spent < seconds, "{}took {:.2f} s CPU, bound {} s".format(
        "{}: ".format(label) if label else "", spent, seconds)


def assert_grows_linearly(run: Callable[[Any], Any] | Sequence[Callable[[Any], Any]], small: Any, large: Any,
                          *, bound: float = 8, floor: float = 1e-3, budget: float = BUDGET,
                          label: Any = "") -> None:
    """Assert that run(large) costs less than `bound` times run(small), in CPU time.

    `run` is a function of the input, or a tuple of them, called in turn on the same input
    (e.g. `(m.explain, m.detect)`).

    `large` is usually 4x `small`: linear work costs about 4x, quadratic work 16x, so the default
    bound of 8x leaves room for noise yet fails a quadratic reading. `floor` (seconds) stands in
    for the small time when that is tinier still, so timer resolution cannot fail a fast case.

    Rounds run small then large, at least MIN_ROUNDS of them, more while their total stays under
    about `budget` seconds of CPU time (at most MAX_ROUNDS); the best of each size is compared.
    The garbage collector runs once before and is off while measuring (its pauses land on
    whichever run happens to trigger them).
    """
    calls = tuple(run) if isinstance(run, (tuple, list)) else (run,)

    def measure(text):
        start = time.process_time()
        for call in calls:
            call(text)
        return time.process_time() - start

    best_small = best_large = float("inf")
    spent = 0.0
    rounds = 0
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        while rounds < MIN_ROUNDS or (spent < budget and rounds < MAX_ROUNDS):
            t_small, t_large = measure(small), measure(large)
            best_small, best_large = min(best_small, t_small), min(best_large, t_large)
            spent += t_small + t_large
            rounds += 1
    finally:
        if enabled:
            gc.enable()
    ratio = best_large / max(best_small, floor)
    assert ratio < bound, (
        "{}large input took {:.4f} s CPU, small {:.4f} s: ratio {:.1f}, bound {} (best of {} rounds)"
        .format("{}: ".format(label) if label else "", best_large, best_small, ratio, bound, rounds))
