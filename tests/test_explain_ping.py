"""Tests for snippets/explain_ping.py: real captures (jc's macOS/Ubuntu, iputils in namespaces,
a Windows en+ja capture from a public README), the CONTRACT findings, the shared ping block,
detect() against the other tools' fixtures, the command line, and property tests."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly, finishes_within

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PING = FIXTURES / "ping"
SCRIPT = ROOT / "snippets" / "explain_ping.py"


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ep = load("explain_ping")


def text_of(name):
    return ep.decode_bytes((PING / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


# --------------------------------------------------------------------------------------------
# real captures
# --------------------------------------------------------------------------------------------
REPLY_CAPTURES = sorted(
    p.name for p in PING.glob("*.out")
    if "unreachable" not in p.name and "unknown-errors" not in p.name and "no-route" not in p.name
    and "timeout" not in p.name
)


@pytest.mark.parametrize("name", REPLY_CAPTURES)
def test_captures_with_replies_give_reply_ok(name):
    text = text_of(name)
    report = ep.explain(text)
    assert report["recognized"] and ep.detect(text) >= 0.9
    assert ("reply-ok", "ok") in [(f["id"], f["severity"]) for f in report["findings"]]
    assert not [f for f in report["findings"] if f["severity"] == "error"]
    data = report["data"]
    # every reply line with a time is in data.replies, with its line number pointing at it
    lines = text.splitlines()
    expected = [n for n, line in enumerate(lines, 1) if " bytes from " in line and "time=" in line]
    assert [r["line"] for r in data["replies"]] == expected
    for r in data["replies"]:
        assert r["rtt_ms"] is not None and float(lines[r["line"] - 1].split("time=")[1].split()[0]) == r["rtt_ms"]


def test_ubuntu_partial_loss_from_no_answer_yet_lines():
    text = text_of("ubuntu-18.04-ping6-ip-O-D-p.out")
    report = ep.explain(text)
    assert ids(report)[0] == ("partial-loss", "warning", "2a04:4e42:600::323")
    data = report["data"]
    assert (data["sent"], data["received"], data["loss_percent"]) == (20, 15, 25.0)
    assert data["lost"] == text.count("no answer yet")
    first = data["replies"][0]
    assert first["seq"] is not None and first["ttl"] == 59
    assert text.splitlines()[first["line"] - 1].startswith("[")  # -D time stamp


def test_ubuntu_loss_without_lines_comes_from_the_statistics():
    report = ep.explain(text_of("ubuntu-18.04-ping6-ip-O-p.out"))
    assert ids(report) == [("partial-loss", "warning", "2a04:4e42:600::323"), ("reply-ok", "ok", "2a04:4e42:600::323")]
    assert report["data"]["lost"] == 1


def test_size_option_and_rtt_statistics():
    report = ep.explain(text_of("ubuntu-18.04-ping-hostname-O-D-p-s.out"))
    data = report["data"]
    assert data["target"] == "turner-tls.map.fastly.net" and data["address"] == "151.101.189.67"
    assert data["kind"] == "internet"
    assert len(data["replies"]) == 20 and data["replies"][0]["rtt_ms"] == 26.7
    # min/avg/max as ping's own summary line prints them (its replies show one decimal only)
    assert data["rtt"] == {"min": 26.767, "avg": 33.782, "max": 44.159}


def test_broadcast_duplicates_are_info_and_not_judged_for_speed():
    for name, count in (("osx-10.14.6-ping-ip-dup.out", 13), ("osx-10.14.6-ping6-ip-dup.out", 58)):
        report = ep.explain(text_of(name))
        found = {f["id"]: f for f in report["findings"]}
        assert found["duplicates"]["severity"] == "info"
        assert str(count) in found["duplicates"]["detail"]
        assert "high-latency" not in found  # the average mixes many hosts
        assert "partial-loss" not in found


def test_macos_unreachable_and_timeouts():
    report = ep.explain(text_of("osx-10.14.6-ping-ip-unreachable.out"))
    assert ids(report) == [("dest-unreachable", "error", "192.168.1.220"), ("timeout", "error", "192.168.1.220")]
    unreach = report["findings"][0]
    text = text_of("osx-10.14.6-ping-ip-unreachable.out").splitlines()
    assert all("Unreachable" in text[n - 1] for n in unreach["lines"])


def test_iputils_namespace_captures():
    assert ids(ep.explain(text_of("linux-iputils-20221126-netns-reply.out"))) == [("reply-ok", "ok", "10.103.0.1")]
    assert ids(ep.explain(text_of("linux-iputils-20221126-netns-timeout.out"))) == [("timeout", "error", "203.0.113.1")]
    report = ep.explain(text_of("linux-iputils-20221126-netns-host-unreachable.out"))
    assert ids(report) == [("dest-unreachable", "error", "10.103.0.99")]
    assert "10.103.0.2" in report["findings"][0]["detail"]
    noroute = ep.explain(text_of("linux-iputils-20221126-netns-no-route.out"))
    assert noroute["recognized"]
    assert [(f["id"], f["severity"]) for f in noroute["findings"]] == [("dest-unreachable", "error")]
    assert "このパソコン自身" in noroute["findings"][0]["detail"]


def test_real_windows_english_and_japanese_runs_are_read_per_target():
    report = ep.explain(text_of("windows-en-ja-jtLabHIU-s3h-readme.txt"))
    data = report["data"]
    assert len(data["targets"]) == 1
    assert (data["sent"], data["answered"], data["lost"]) == (4, 2, 2)
    assert [r["ttl"] for r in data["replies"]] == [255, 255]
    assert data["kind"] == "lan"


# --------------------------------------------------------------------------------------------
# Windows lines (handmade and inline: Windows-only formats)
# --------------------------------------------------------------------------------------------
def test_unreachable_counted_as_received_is_still_an_error():
    report = ep.explain(text_of("windows-ja-handmade-unreachable.txt"))
    f = report["findings"][0]
    assert (f["id"], f["severity"]) == ("dest-unreachable", "error")
    assert "0%" in f["detail"] and "192.168.1.10" in f["detail"]
    assert report["data"]["loss_percent"] == 0.0 and report["data"]["answered"] == 0


JA_IPV6 = """
::1 に ping を送信しています 32 バイトのデータ:
::1 からの応答: 時間 <1ms
::1 からの応答: 時間 <1ms

::1 の ping 統計:
    パケット数: 送信 = 2、受信 = 2、損失 = 0 (0% の損失)、
ラウンド トリップの概算時間 (ミリ秒):
    最小 = 0ms、最大 = 0ms、平均 = 0ms
"""

EN_IPV6_NAME = """
Pinging www.example.com [2606:2800:220:1:248:1893:25c8:1946] with 32 bytes of data:
Reply from 2606:2800:220:1:248:1893:25c8:1946: time=120ms
Reply from 2606:2800:220:1:248:1893:25c8:1946: time=1250ms

Ping statistics for 2606:2800:220:1:248:1893:25c8:1946:
    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss),
Approximate round trip times in milli-seconds:
    Minimum = 120ms, Maximum = 1250ms, Average = 685ms
"""


def test_windows_ipv6_replies_without_bytes_or_ttl():
    report = ep.explain(JA_IPV6)
    assert ids(report) == [("reply-ok", "ok", "::1")]
    assert [r["rtt_ms"] for r in report["data"]["replies"]] == [0.0, 0.0]
    assert report["data"]["kind"] == "loopback"


def test_high_latency_by_kind_of_target():
    report = ep.explain(EN_IPV6_NAME)
    assert ids(report)[0] == ("high-latency", "warning", "www.example.com")
    assert report["data"]["address"] == "2606:2800:220:1:248:1893:25c8:1946"
    lan = "Pinging 192.168.1.1 with 32 bytes of data:\r\n" + "Reply from 192.168.1.1: bytes=32 time=80ms TTL=64\r\n" * 4
    lan_report = ep.explain(lan)
    assert ("high-latency", "warning", "192.168.1.1") in ids(lan_report)
    assert "truncated-input" in [f["id"] for f in lan_report["findings"]]
    # 80 ms: normal for a host whose location is unknown (it may be abroad), slow for a .jp server
    # or a public DNS service that answers from a nearby site.
    internet = lan.replace("192.168.1.1", "203.0.113.7")
    assert "high-latency" not in [f["id"] for f in ep.explain(internet)["findings"]]
    for target in ("8.8.8.8", "www.example.jp [203.0.113.7]"):
        found = {f["id"]: f for f in ep.explain(lan.replace("192.168.1.1", target, 1))["findings"]}
        assert found["high-latency"]["severity"] == "warning", target
        assert "5〜30 ms" in found["high-latency"]["detail"]
    assert ep.target_kind("127.0.0.1") == "loopback" and ep.target_kind("10.8.0.6") == "lan"
    assert ep.target_kind("fe80::1%en0") == "lan" and ep.target_kind("example.com") == "internet"
    assert ep.target_kind("203.0.113.7", "www.example.jp") == "domestic"
    assert ep.target_kind("1.1.1.1") == ep.target_kind("2001:4860:4860::8888") == "anycast"


def test_timeouts_are_reported_also_when_some_replies_came():
    text = ("Pinging 192.0.2.1 with 32 bytes of data:\r\nRequest timed out.\r\n"
            "Reply from 192.0.2.1: bytes=32 time=12ms TTL=52\r\n" * 1 + "Request timed out.\r\n"
            "Reply from 192.0.2.1: bytes=32 time=11ms TTL=52\r\n\r\nPing statistics for 192.0.2.1:\r\n"
            "    Packets: Sent = 4, Received = 2, Lost = 2 (50% loss),\r\n")
    found = {f["id"]: f for f in ep.explain(text)["findings"]}
    assert found["partial-loss"]["severity"] == "warning"
    assert found["timeout"]["severity"] == "info" and found["timeout"]["lines"] == [2, 4]
    assert "2 回がタイムアウト" in found["timeout"]["detail"]


def test_ping6_with_a_name_takes_the_address_not_the_reverse_name():
    """iputils ping6: 'PING example.com(example.com (2001:db8::1)) 56 data bytes' (jc's
    ubuntu-22.04/ping6-hostname-source-ip.out shape)."""
    text = ("PING example.com(example.com (2001:db8::1)) from 2001:db8::2 eth0: 56 data bytes\n"
            "64 bytes from example.com (2001:db8::1): icmp_seq=1 ttl=57 time=20.1 ms\n")
    assert ep.explain(text)["data"]["address"] == "2001:db8::1"


def test_general_failure_ttl_expired_and_host_not_found():
    text = ("Pinging 10.0.0.9 with 32 bytes of data:\nGeneral failure.\nPING: transmit failed. General failure.\n"
            "Reply from 10.0.0.254: TTL expired in transit.\n")
    report = ep.explain(text)
    assert [f["id"] for f in report["findings"]][:2] == ["general-failure", "ttl-expired"]
    assert all(f["severity"] == "error" for f in report["findings"][:2])
    ja = "PING: 転送に失敗しました。一般エラーです。\n10.0.0.9 からの応答: TTL が転送中に期限切れになりました。\n"
    assert [f["id"] for f in ep.explain(ja)["findings"]][:2] == ["general-failure", "ttl-expired"]
    en = "Ping request could not find host mail.example.invalid. Please check the name and try again.\n"
    assert ids(ep.explain(en)) == [("host-not-found", "error", "mail.example.invalid")]
    linux = "ping: mail.example.invalid: Name or service not known\n"
    assert ids(ep.explain(linux)) == [("host-not-found", "error", "mail.example.invalid")]


def test_quoted_paste_and_english_text():
    quoted = "".join("> " + line + "\n" for line in text_of("windows-ja-handmade-mixed.txt").splitlines())
    assert ids(ep.explain(quoted)) == ids(ep.explain(text_of("windows-ja-handmade-mixed.txt")))
    en = ep.explain(text_of("windows-ja-handmade-mixed.txt"), "en")
    assert en["findings"][0]["title"] == "Destination unreachable"
    assert all(f["page"] == "network/ping/" for f in en["findings"])


# --------------------------------------------------------------------------------------------
# detect(): other tools' output stays low, ping output high
# --------------------------------------------------------------------------------------------
OTHER = sorted(p for p in FIXTURES.glob("*/*") if p.parent.name != "ping" and p.is_file() and p.suffix not in (".md", ".json"))

TRACERT_JA = """
www.example.jp [192.0.2.10] へのルートをトレースしています
経由するホップ数は最大 30 です:

  1    <1 ms    <1 ms    <1 ms  192.168.1.1
  2     *        *        *     要求がタイムアウトしました。
  3    10 ms     9 ms    10 ms  192.0.2.10

トレースを完了しました。
"""
NSLOOKUP = "DNS request timed out.\n    timeout was 2 seconds.\nServer:  UnKnown\nAddress:  192.168.1.1\n"


@pytest.mark.parametrize("path", OTHER, ids=[f"{p.parent.name}/{p.name}" for p in OTHER])
def test_detect_is_low_on_other_tools(path):
    assert ep.detect(ep.decode_bytes(path.read_bytes())) < 0.2


def test_detect_is_low_on_tracert_and_nslookup():
    assert ep.detect(TRACERT_JA) < 0.2
    assert ep.detect(TRACERT_JA.replace("\n", "\r\n")) < 0.2
    assert ep.detect(NSLOOKUP) < 0.2


PING_TEXTS = sorted(p for p in PING.iterdir() if p.suffix in (".txt", ".out"))


@pytest.mark.parametrize("path", PING_TEXTS, ids=[p.name for p in PING_TEXTS])
def test_other_explainers_stay_low_on_ping_output(path):
    text = ep.decode_bytes(path.read_bytes())
    assert ep.detect(text) >= 0.5
    for name in ("explain_ipconfig", "explain_netstat"):
        assert load(name).detect(text) < 0.2, name


def test_shared_reader_is_the_same_in_check_connection():
    cc = load("check_connection")
    for path in PING_TEXTS:
        text = ep.decode_bytes(path.read_bytes())
        a, b = ep.read_ping_output(text), cc.read_ping_output(text)
        assert a == b


# --------------------------------------------------------------------------------------------
# properties: never raises, linear time
# --------------------------------------------------------------------------------------------
SAMPLES = [text_of(p.name) for p in PING_TEXTS]


def _check_report(report, text):
    assert report["tool"] == "ping" and isinstance(report["summary"], str) and report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = max(len(text.splitlines()), 1)
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(1 <= x <= n for x in f["lines"])
    if not report["recognized"]:
        assert report["findings"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises(text):
    for lang in ("ja", "en"):
        _check_report(ep.explain(text, lang), text)
    assert 0.0 <= ep.detect(text) <= 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_real_samples_never_raise(sample, data):
    lines = sample.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(0, 5))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "cut", "junk", "digits"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif action == "junk":
            lines[i] = data.draw(st.text(max_size=40)) + lines[i]
        else:
            lines[i] = lines[i].replace("1", data.draw(st.sampled_from(["9" * 30, "", "x", "-1", "1e308"])))
    text = "".join(lines)
    _check_report(ep.explain(text), text)


def test_one_megabyte_is_linear():
    reply = "Reply from 8.8.8.8: bytes=32 time=12ms TTL=117\r\n"
    small = reply * 2000
    big = reply * 20000  # about 1 MB
    with finishes_within(20):
        report = ep.explain(big)
    assert report["data"]["answered"] == 20000
    # 10x the replies: under 25x the time (a quadratic reading costs 100x).
    assert_grows_linearly(ep.explain, small, big, bound=25, floor=0.02)
    for hostile in ("a" * 1_000_000, ("64 bytes from " + "1:" * 200) * 2500, "Reply from " + "x" * 1_000_000,
                    ("時間 <" * 100 + "\n") * 5000):
        with finishes_within(10, hostile[:40]):
            ep.explain(hostile)
            ep.detect(hostile)


# --------------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------------
def run(*args, stdin=None):
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60)


def test_cli_file_json_and_exit_status():
    proc = run(str(PING / "windows-ja-handmade-unreachable.txt"), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout.decode("utf-8"))
    assert report["findings"][0]["id"] == "dest-unreachable"
    ok = run(str(PING / "linux-iputils-20221126-netns-reply.out"), "--lang", "en")
    assert ok.returncode == 0 and b"Replies came back" in ok.stdout


def test_cli_stdin_and_unrecognized():
    proc = run("-", stdin=(PING / "windows-ja-handmade-mixed.txt").read_bytes())
    assert proc.returncode == 0 and "返事が返ってきています" in proc.stdout.decode("utf-8")
    bad = run("-", stdin=b"hello world\n")
    assert bad.returncode == 2 and bad.stdout == b"" and len(bad.stderr.decode().strip().splitlines()) == 1
    missing = run(str(PING / "no-such-file.txt"))
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr


def test_cli_on_a_terminal_prints_the_hint(monkeypatch, capsys):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(ep.sys, "stdin", Tty())
    assert ep.main([]) == 2
    err = capsys.readouterr().err
    assert "ping -n 4 192.168.1.1 > ping.txt" in err and len(err.strip().splitlines()) == 1
