"""The explain/ page picks the explainer with the highest detect() score (at least MIN_SCORE, as
the worker's dispatcher does). With a dozen explainers that must stay right: every fixture of
every tool is won by its own tool, and no other tool reaches the threshold on it. A fixture
that holds several commands after their prompts (a console window) is the session reader's."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, SNIPPETS, load_snippet

MIN_SCORE = 0.2  # the dispatcher's threshold (docs/assets/js/explain-worker.js)
MODULES = {}
for path in sorted(SNIPPETS.glob("explain_*.py")):
    module = load_snippet(path.stem)
    MODULES[module.TOOL] = module

# A paste of one tool's output with a few rows of another tool's output in it, which the first
# tool reads as a whole (issue 7: tasklist names the PIDs of netstat rows pasted with it). The
# fixture's name says which other tool's rows it holds; that tool may score, the own tool must win.
EMBEDDED = {"tasklist": ("netstat",)}

CASES = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".txt", ".out")
               and (SNIPPETS / f"explain_{p.parent.name}.py").is_file())


PROBE = "probe = text if len(text) <= 24000 else text[:20000] + chr(10) + text[-4000:]"


def probe(text):
    """What the worker's dispatcher gives every detect(): a long paste's start and end."""
    return text if len(text) <= 24000 else text[:20000] + "\n" + text[-4000:]


def test_the_dispatcher_threshold_and_sample_are_the_ones_the_page_uses():
    worker = (SNIPPETS.parent / "docs" / "assets" / "js" / "explain-worker.js").read_text(encoding="utf-8")
    assert f"MIN_SCORE = {MIN_SCORE}" in worker
    assert PROBE in worker


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_each_fixture_is_won_by_its_own_tool_and_no_other_reaches_the_threshold(path):
    own = path.parent.name
    text = MODULES[own].decode_bytes(path.read_bytes())
    scores = {tool: float(module.detect(probe(text))) for tool, module in MODULES.items()}
    scores["session"] = float(MODULES["session"].detect(text))  # the worker asks it first, on the whole text
    if scores["session"] >= 0.5:
        # Several commands after their prompts: the session reader splits them and hands this
        # tool its own part, so the tool must still be one of the parts.
        sections = MODULES["session"].explain(text)["data"]["sections"]
        assert own in [s["tool"] for s in sections], (path, scores)
        return
    if not MODULES[own].explain(text)["recognized"]:
        # A negative fixture kept beside its tool (netstat -r is a routing table, netstat -i
        # interface counters): the tool refuses it; another may read it.
        assert scores[own] < 0.5, (path, scores)
        return
    best = max(scores, key=scores.get)
    assert best == own, (path, scores)
    if scores[own] < 0.5:
        return  # a fragment its own tool reads with little certainty: only the winner matters
    others = {tool: score for tool, score in scores.items() if tool != own and score >= MIN_SCORE
              and not (tool in EMBEDDED.get(own, ()) and tool in path.name)}
    assert others == {}, (path, scores)
