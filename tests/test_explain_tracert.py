"""Tests for snippets/explain_tracert.py: real captures (the WSL2 sample, jc's macOS traceroute,
Japanese Windows tracert from public files), the CONTRACT findings and their reading, detect()
against every other tool's fixtures, the command line, and property tests (never raises, linear)."""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly, finishes_within

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TRACERT = FIXTURES / "tracert"
SCRIPT = ROOT / "snippets" / "explain_tracert.py"


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


et = load("explain_tracert")
CAPTURES = sorted(p.name for p in TRACERT.glob("*.txt"))
REAL = [n for n in CAPTURES if "handmade" not in n]


def text_of(name):
    return et.decode_bytes((TRACERT / name).read_bytes())


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert found, (fid, [f["id"] for f in report["findings"]])
    return found[0]


def fids(report):
    return [f["id"] for f in report["findings"]]


# --------------------------------------------------------------------------------------------
# reading the real captures
# --------------------------------------------------------------------------------------------


def test_wsl2_sample_is_interrupted_not_failed():
    """SOURCES.md (shared samples): hop 3 silent, hops 4-6 answer, ^C at hop 6: not a failure."""
    report = et.explain(text_of("wsl2-saru2017-traceroute-interrupted.txt"))
    data = report["data"]
    assert data["target"] == "8.8.4.4" and data["max_hops"] == 64 and data["interrupted"] is True
    assert [h["hop"] for h in data["hops"]] == [1, 2, 3, 4, 5, 6]
    assert data["hops"][0]["addresses"] == ["192.168.64.1"] and data["hops"][0]["rtts_ms"] == [1.972, 0.702, 0.275]
    assert data["hops"][2]["rtts_ms"] == [None, None, None] and data["hops"][2]["line"] == 5
    assert data["hops"][5]["rtts_ms"] == [1.431, 1.082]  # the ^C took the third probe
    assert "route-breaks" not in fids(report) and "route-complete" not in fids(report)
    assert finding(report, "silent-hops")["lines"] == [5]
    assert "172.16.0.1" in finding(report, "private-hops")["detail"]
    assert et.main([str(TRACERT / "wsl2-saru2017-traceroute-interrupted.txt")]) == 0


def test_latency_jump_names_the_hop_where_it_starts():
    """The blog's own reading: the delay jumps between hops 3 and 4 and stays."""
    report = et.explain(text_of("windows-ja-quoted-blog-latency-jump.txt"))
    jump = finding(report, "latency-jump")
    assert jump["severity"] == "warning" and jump["subject"] == "***.vectant.ne.jp"
    assert "4 ホップ目" in jump["detail"] and "3 ホップ目" in jump["detail"] and "101 ms" in jump["detail"]
    hops = report["data"]["hops"]
    assert hops[0]["rtts_ms"] == [1.0, 1.0, 2.0]  # "<1 ms" counts as 1 ms
    assert jump["lines"] == [hops[2]["line"], hops[3]["line"]]
    english = et.explain(text_of("windows-ja-quoted-blog-latency-jump.txt"), "en")
    assert "hop 4" in finding(english, "latency-jump")["detail"]


def test_no_jump_in_the_second_blog_trace_or_jc():
    for name in ("windows-ja-quoted-blog-ping-then-tracert.txt", "osx-10.14.6-jc-traceroute.txt",
                 "osx-10.14.6-jc-traceroute-asn.txt", "windows-ja-ipv6-cloudflare-selftest.txt"):
        assert "latency-jump" not in fids(et.explain(text_of(name))), name


def test_jc_macos_formats_are_parsed():
    data = et.explain(text_of("osx-10.14.6-jc-traceroute-asn.txt"))["data"]
    assert data["hops"][0]["as_numbers"] == ["AS198949"] and data["hops"][0]["names"] == ["dsldevice"]
    assert data["hops"][0]["addresses"] == ["192.168.1.254"] and data["max_hops"] == 4
    q = et.explain(text_of("osx-10.14.6-jc-traceroute-q.txt"))["data"]
    assert len(q["hops"][0]["rtts_ms"]) == 5 and q["hops"][2]["rtts_ms"] == [None] * 5
    six = et.explain(text_of("osx-10.14.6-jc-traceroute6.txt"))["data"]
    assert six["address"] == "2a04:4e42:200::323" and six["hops"][1]["addresses"] == ["2001:506:6000:11b:71:156:212:143"]
    full = et.explain(text_of("osx-10.14.6-jc-traceroute.txt"))
    assert full["data"]["reached"] is True and finding(full, "route-complete")["lines"] == [1, 10]
    assert finding(full, "silent-hops")["lines"] == [4, 9]


def test_windows_ipv6_capture_silent_hops_then_complete():
    report = et.explain(text_of("windows-ja-ipv6-cloudflare-selftest.txt"))
    silent = finding(report, "silent-hops")
    assert "4, 5" in silent["detail"]
    assert report["data"]["max_hops"] == 10 and report["data"]["completed"] is True
    assert report["data"]["hops"][7]["rtts_ms"] == [21.0, None, None]


def test_windows_two_line_header_and_name_in_brackets():
    data = et.explain(text_of("windows-ja-apache-svr-lan.txt"))["data"]
    assert (data["target"], data["address"], data["max_hops"]) == ("apache-svr", "10.0.3.6", 30)
    assert data["hops"][-1]["names"] == ["apache-svr"] and data["hops"][-1]["addresses"] == ["10.0.3.6"]


# --------------------------------------------------------------------------------------------
# the findings on constructed input (each next to a real capture above)
# --------------------------------------------------------------------------------------------


def _win(rows, done=True, target="8.8.8.8"):
    text = "{0} へのルートをトレースしています。経由するホップ数は最大 30 です\r\n\r\n".format(target)
    text += "".join(r + "\r\n" for r in rows)
    return text + ("\r\nトレースを完了しました。\r\n" if done else "")


def _hop(n, ms, addr):
    if ms is None:
        return "{0:3d}     *        *        *     要求がタイムアウトしました。".format(n)
    return "{0:3d}  {1:4d} ms  {1:4d} ms  {1:4d} ms  {2}".format(n, ms, addr)


def test_route_breaks_after_the_gateway_says_router_or_line_and_icmp_caveat():
    report = et.explain(text_of("windows-ja-handmade-break-after-gateway.txt"))
    brk = finding(report, "route-breaks")
    assert brk["severity"] == "error" and brk["subject"] == "192.168.1.1"
    assert "1 ホップ目" in brk["detail"] and "プロバイダー" in brk["detail"] and "返さない" in brk["detail"]
    assert brk["lines"][0] == 4 and et.main([str(TRACERT / "windows-ja-handmade-break-after-gateway.txt")]) == 1


def test_route_breaks_later_names_the_last_answering_router():
    rows = [_hop(1, 1, "192.168.1.1"), _hop(2, 5, "203.0.113.1"), _hop(3, 6, "198.51.100.9")]
    rows += [_hop(n, None, None) for n in range(4, 9)]
    report = et.explain(_win(rows, done=False))
    brk = finding(report, "route-breaks")
    assert brk["subject"] == "198.51.100.9" and "4 ホップ目" in brk["detail"] and "3 ホップ目" in brk["detail"]
    assert "相手のサーバー" in brk["detail"]
    assert "does not prove" in finding(et.explain(_win(rows, done=False), "en"), "route-breaks")["detail"]


def test_nothing_answers_points_at_this_side():
    report = et.explain(_win([_hop(n, None, None) for n in range(1, 6)]))
    brk = finding(report, "route-breaks")
    assert brk.get("subject") == "8.8.8.8" and "パソコンとルーターの間" in brk["detail"]


def test_two_silent_hops_at_the_end_are_not_yet_a_break():
    rows = [_hop(1, 1, "192.168.1.1"), _hop(2, None, None), _hop(3, None, None)]
    assert fids(et.explain(_win(rows, done=False))) == ["truncated-input"]


def test_single_slow_hop_not_inherited_is_ignored():
    rows = [_hop(1, 1, "192.168.1.1"), _hop(2, 5, "203.0.113.1"), _hop(3, 250, "203.0.113.5"),
            _hop(4, 6, "198.51.100.1"), _hop(5, 7, "8.8.8.8")]
    report = et.explain(_win(rows))
    assert fids(report) == ["route-complete"]
    rows[3] = _hop(4, 240, "198.51.100.1")
    rows[4] = _hop(5, 245, "8.8.8.8")
    jump = finding(et.explain(_win(rows)), "latency-jump")
    assert jump["subject"] == "203.0.113.5"


def test_windows_unreachable_rows_in_both_languages():
    en = et.explain(text_of("windows-en-handmade-net-unreachable.txt"), "en")
    f = finding(en, "unreachable-reported")
    assert f["subject"] == "203.0.113.1" and "route-breaks" not in fids(en)
    ja_rows = [_hop(1, 1, "192.168.1.1"), "  2  192.168.1.1 が次を報告しました: 宛先ネットワークに到達できません。"]
    ja = et.explain(_win(ja_rows))
    assert finding(ja, "unreachable-reported")["subject"] == "192.168.1.1"
    lx = et.explain(text_of("linux-handmade-host-unreachable-mark.txt"))
    assert "ホスト" in finding(lx, "unreachable-reported")["detail"]
    assert lx["data"]["hops"][1]["annotations"] == ["!H", "!H", "!H"]


def test_english_windows_header_and_request_timed_out():
    text = ("\r\nTracing route to dns.google [8.8.8.8]\r\nover a maximum of 30 hops:\r\n\r\n"
            "  1    <1 ms    <1 ms    <1 ms  192.168.1.1\r\n  2     *        *        *     Request timed out.\r\n"
            "  3     9 ms     8 ms     9 ms  dns.google [8.8.8.8]\r\n\r\nTrace complete.\r\n")
    report = et.explain(text, "en")
    assert fids(report) == ["silent-hops", "route-complete"]
    assert report["data"]["target"] == "dns.google" and report["data"]["address"] == "8.8.8.8"
    assert report["findings"][1]["title"] == "The trace reaches the target"


def test_host_not_found():
    report = et.explain("ターゲット システム名 no-such.example を解決できませんでした。\r\n")
    assert fids(report) == ["host-not-found"] and report["findings"][0]["subject"] == "no-such.example"
    report = et.explain("Unable to resolve target system name no-such.example.\r\n", "en")
    assert fids(report) == ["host-not-found"]


def test_several_traces_in_one_paste():
    text = _win([_hop(1, 1, "192.168.1.1"), _hop(2, 3, "8.8.8.8")]) + _win(
        [_hop(1, 1, "192.168.1.1")] + [_hop(n, None, None) for n in range(2, 6)], target="1.1.1.1")
    report = et.explain(text)
    assert len(report["data"]["traces"]) == 2
    assert [(f["id"], f.get("subject")) for f in report["findings"]] == [
        ("route-breaks", "192.168.1.1"), ("route-complete", "8.8.8.8")]


# --------------------------------------------------------------------------------------------
# detect(): high on traceroutes, low on everything else, and above the other explainers
# --------------------------------------------------------------------------------------------
OTHERS = sorted(p for p in FIXTURES.glob("*/*") if p.parent.name != "tracert" and p.suffix not in (".json", ".md")
                and p.is_file())
EXPLAINERS = sorted(p.stem for p in (ROOT / "snippets").glob("explain_*.py") if p.stem != "explain_tracert")


@pytest.mark.parametrize("name", CAPTURES)
def test_detect_is_high_on_traceroutes_and_above_other_explainers(name):
    text = text_of(name)
    mine = et.detect(text)
    assert mine >= 0.6
    for other in EXPLAINERS:
        assert load(other).detect(text) < mine, other


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_tools(path):
    text = et.decode_bytes(path.read_bytes())
    assert et.detect(text) < 0.2
    if et.detect(text) < 0.5:
        assert et.explain(text)["recognized"] is False


# --------------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------------


def run(*args, stdin=None):
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60)


def test_cli_json_and_exit_status():
    proc = run("--json", str(TRACERT / "windows-ja-handmade-break-after-gateway.txt"))
    assert proc.returncode == 1
    report = json.loads(proc.stdout.decode("utf-8"))
    assert report["tool"] == "tracert" and report["findings"][0]["id"] == "route-breaks"
    proc = run("-", "--lang", "en", stdin=(TRACERT / "osx-10.14.6-jc-traceroute.txt").read_bytes())
    assert proc.returncode == 0 and b"The trace reaches the target" in proc.stdout


def test_cli_without_input_gives_the_hint_and_never_runs_tracert(monkeypatch, capsys):
    """A terminal with nothing piped in: one line telling how to save the output, even on Windows."""
    monkeypatch.setattr(et, "_stdin_is_piped", lambda: False)
    monkeypatch.setattr(et.os, "name", "nt")
    monkeypatch.setattr(et, "run_windows_command", lambda *a: pytest.fail("tracert must not be run"))
    assert et.main([]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "tracert -d 8.8.8.8 > tracert.txt" in out.err and out.err.count("\n") == 1
    assert et.main(["--lang", "en"]) == 2
    assert "traceroute -n 8.8.8.8" in capsys.readouterr().err


def test_cli_unrecognized_and_missing_file():
    proc = run("-", stdin="hello\n".encode())
    assert proc.returncode == 2 and proc.stdout == b"" and b"tracert" in proc.stderr
    proc = run("/nonexistent/tracert.txt", "--lang", "en")
    assert proc.returncode == 2 and b"file not found" in proc.stderr


# --------------------------------------------------------------------------------------------
# property tests: never raises, always the contract's shape, linear time
# --------------------------------------------------------------------------------------------


def check_shape(report, text):
    assert report["tool"] == "tracert" and isinstance(report["summary"], str) and report["summary"]
    assert report["recognized"] in (True, False)
    n = max(len(text.splitlines()), 1)
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert f["title"] and isinstance(f["next_steps"], list)
        assert all(1 <= x <= n for x in f["lines"])
    if not report["recognized"]:
        assert report["findings"] == []
    json.dumps(report)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises(text):
    for lang in ("ja", "en"):
        check_shape(et.explain(text, lang), text)
    assert 0.0 <= et.detect(text) <= 1.0


ALPHABET = list(" *<>!()[]:.\t\r\n0123456789msHNX^C") + ["要求がタイムアウトしました。", "トレースを完了しました。", "reports:",
                                                         "Destination net unreachable.", "へのルートをトレースしています"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CAPTURES), st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 8),
                                                     st.sampled_from(ALPHABET)), max_size=12))
def test_mutated_captures_never_raise(name, edits):
    text = text_of(name)
    for pos, cut, insert in edits:
        pos = pos % (len(text) + 1)
        text = text[:pos] + insert + text[pos + cut:]
    for lang in ("ja", "en"):
        check_shape(et.explain(text, lang), text)


def test_one_megabyte_inputs_in_linear_time():
    sample = text_of("windows-ja-ipv6-cloudflare-selftest.txt")
    big = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    hostile = ["*" * 1_000_000, ("  1 " + "( " * 200 + "\n") * 2400, "1 " + "<1 ms " * 170000,
               ("%d    1 ms  2 ms  3 ms  10.0.0.1\n" % 7) * 30000, "traceroute to " + "x" * 1_000_000]
    for text in [big] + hostile:
        with finishes_within(20, text[:40]):
            report = et.explain(text)
        check_shape(report, text)
    small = big[:100_000]
    assert_grows_linearly(et.explain, small, small * 4, floor=0.01)


def test_random_lines_of_real_captures_stay_readable():
    rng = random.Random(7)
    lines = [l for n in REAL for l in text_of(n).splitlines()]
    for _ in range(50):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 40)))
        check_shape(et.explain(text), text)


def test_continuation_lines_add_routers_and_probes_to_their_hop():
    """macOS/BSD/Linux print a second router of the same hop on an indented line without the
    hop number (jc's generic/traceroute7.out hop 8)."""
    text = text_of("generic-jc-traceroute7.txt")
    hops = {h["hop"]: h for h in et.explain(text)["data"]["traces"][0]["hops"]}
    assert hops[8]["rtts_ms"] == [65.148, 65.096, 65.157]
    assert hops[8]["addresses"] == ["181.40.42.30", "5.53.0.155", "181.40.42.30"]
    assert hops[6]["addresses"] == ["94.142.122.45", "94.142.122.44"]
    assert hops[1]["addresses"] == ["192.168.0.1"]  # "192.168.0.1 (192.168.0.1)" is one address


def test_target_answering_only_on_a_continuation_line_is_reached():
    text = text_of("freebsd12-jc-traceroute.txt")
    swapped = text.replace(" 9  dns.google (8.8.8.8)  23.228 ms\n    209.85.252.251 (209.85.252.251)  24.548 ms\n",
                           " 9  209.85.252.251 (209.85.252.251)  24.548 ms\n    dns.google (8.8.8.8)  23.228 ms\n")
    assert swapped != text
    ids = [f["id"] for f in et.explain(swapped)["findings"]]
    assert "route-complete" in ids and "route-breaks" not in ids


def test_unknown_as_mark_is_not_an_address():
    text = text_of("generic-jc-traceroute1-asn-unknown.txt")
    hops = {h["hop"]: h for h in et.explain(text)["data"]["traces"][0]["hops"]}
    assert hops[12]["addresses"] == ["192.121.80.47", "72.14.196.42"]
    assert all("*" not in a for h in hops.values() for a in h["addresses"])
