"""Every explainer reads a paste the same whatever its line endings: CR LF, LF, CR only, and a
double-spaced copy (a blank line after every line, as some forums and mail apps produce, or
CR CR LF). Line numbers always count lines as Python's str.splitlines() does, which is also the
rule of the paste box's evidence view, so the highlighted line is the explainer's line."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, SNIPPETS, load_snippet

PAIRS = sorted(
    p for p in FIXTURES.glob("*/*.txt")
    if p.with_suffix(".json").is_file() and (SNIPPETS / f"explain_{p.parent.name}.py").is_file()
)


def findings(report, line_of=lambda n: n):
    return [(f["id"], f["severity"], f.get("subject"), [line_of(n) for n in f.get("lines", [])])
            for f in report["findings"]]


def original(path):
    mod = load_snippet(f"explain_{path.parent.name}")
    text = mod.decode_bytes(path.read_bytes())
    return mod, text, mod.explain(text, "ja")


@pytest.mark.parametrize("path", PAIRS, ids=[f"{p.parent.name}/{p.name}" for p in PAIRS])
def test_cr_only_and_lf_only_read_the_same(path):
    mod, text, report = original(path)
    lines = text.splitlines()
    for joiner in ("\r", "\n", "\r\n"):
        variant = joiner.join(lines) + joiner
        assert findings(mod.explain(variant, "ja")) == findings(report), repr(joiner)


@pytest.mark.parametrize("path", PAIRS, ids=[f"{p.parent.name}/{p.name}" for p in PAIRS])
def test_double_spaced_paste_reads_as_the_original(path):
    mod, text, report = original(path)
    lines = text.splitlines()
    want = findings(report, lambda n: 2 * n - 1)  # line k of the original is line 2k - 1 now
    for ending in ("\r\r\n", "\n\n"):
        variant = ending.join(lines) + ending
        got = mod.explain(variant, "ja")
        assert got["recognized"] == report["recognized"]
        assert findings(got) == want, repr(ending)
        json.dumps(got, ensure_ascii=False)


def test_short_paragraphs_are_not_taken_for_double_spacing():
    """Alternating text and blank lines with no doubled blank run is left as it is."""
    block = load_snippet("explain_ping")
    text = "a\n\nb\n\nc\n\nd\n"
    assert block.single_spaced(text) == (text, None)
    doubled = "a\n\nb\n\n\n\nc\n\nd\n\n"
    single, line_map = block.single_spaced(doubled)
    assert single == "a\nb\n\nc\nd\n" and line_map == [1, 3, 5, 7, 9]


def test_line_numbers_follow_splitlines_for_unusual_breaks():
    """U+2028, form feed and the other characters str.splitlines() breaks at count as lines."""
    ping = load_snippet("explain_ping")
    body = ping.decode_bytes((FIXTURES / "ping" / "windows-en-ja-jtLabHIU-s3h-readme.txt").read_bytes())
    assert ping.explain(body, "ja")["findings"]
    for sep in ("\u2028", "\x0c", "\x1c", "\x85"):
        shifted = "extra" + sep + body
        got = ping.explain(shifted, "ja")
        base = ping.explain(body, "ja")
        assert findings(got) == findings(base, lambda n: n + 1), repr(sep)


TOOLS = sorted({p.parent.name for p in PAIRS})


@pytest.mark.parametrize("tool", TOOLS)
def test_unicode_digits_are_read_not_crashed_on(tool, monkeypatch):
    """'²' passes str.isdigit() but not int(): no explainer may reach its internal-error report
    on superscripts, other scripts' digits or full-width digits in place of ASCII ones."""
    mod = load_snippet(f"explain_{tool}")
    # Let an exception through instead of the guarded empty report, to see it.
    monkeypatch.setattr(mod, "guarded_explain", lambda _tool, analyse, text, lang, _s: analyse(text, lang))
    for path in sorted(FIXTURES.glob(f"{tool}/*.txt"))[:6]:
        text = mod.decode_bytes(path.read_bytes())
        for char in "²³¹٣０":
            for digit in "0123456789":
                mod.explain(text.replace(digit, char), "ja")


def test_double_spaced_paste_maps_line_numbers_in_data_once():
    """ping's data repeats its first target (the same dicts twice): each line is mapped once."""
    mod, text, report = original(FIXTURES / "ping" / "windows-en-ja-jtLabHIU-s3h-readme.txt")
    doubled = "\n\n".join(text.splitlines()) + "\n\n"
    got = mod.explain(doubled, "ja")["data"]
    want = [2 * r["line"] - 1 for r in report["data"]["replies"]]
    assert [r["line"] for r in got["replies"]] == want
    assert [r["line"] for r in got["targets"][0]["replies"]] == want
