"""explain_session.py: a whole console window pasted at once is split at its prompt lines, each
part read by its own explainer (line numbers of the whole paste), and the parts tied together."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SNIPPETS, load_snippet
from timing import assert_grows_linearly

S = load_snippet("explain_session")

# Real: a Japanese Windows window quoted in a blog post, ping then tracert (tests/fixtures/tracert/SOURCES.md).
PING_THEN_TRACERT = FIXTURES / "tracert" / "windows-ja-quoted-blog-ping-then-tracert.txt"
# Real: ipconfig /all of a Japanese Windows PC whose WLAN has the gateway 172.16.0.1 (ipconfig SOURCES.md).
IPCONFIG = FIXTURES / "ipconfig" / "ja-wsl2-wireless.txt"


def text(path):
    return path.read_bytes().decode("utf-8")


def ids(report):
    return [(f["id"], f["severity"]) for f in report["findings"]]


def assembled(*parts):
    """A console window ASSEMBLED by this test from a prompt and an output per part (the outputs
    are real captures or labelled hand-made lines below)."""
    return "".join("C:\\Users\\taro>{0}\r\n{1}\r\n".format(cmd, out.rstrip("\r\n")) for cmd, out in parts) + "C:\\Users\\taro>\r\n"


# Hand-made ping outputs in the Japanese Windows format of tests/fixtures/ping (labelled as such).
def ping_ja(target, replies):
    lines = ["", "{0} に ping を送信しています 32 バイトのデータ:".format(target)]
    for ok in replies:
        lines.append("{0} からの応答: バイト数 =32 時間 =3ms TTL=64".format(target) if ok else "要求がタイムアウトしました。")
    n = len(replies)
    got = sum(1 for ok in replies if ok)
    lines += ["", "{0} の ping 統計:".format(target),
              "    パケット数: 送信 = {0}、受信 = {1}、損失 = {2} ({3}% の損失)、".format(n, got, n - got, (n - got) * 100 // n)]
    return "\r\n".join(lines)


def test_a_real_two_command_window_is_split_and_each_part_read():
    t = text(PING_THEN_TRACERT)
    assert S.detect(t) >= 0.9
    r = S.explain(t)
    assert r["recognized"] and r["tool"] == "session"
    sections = r["data"]["sections"]
    assert [s["tool"] for s in sections] == ["ping", "tracert"]
    assert [s["start_line"] for s in sections] == [1, 15]
    # The tracert part's findings carry line numbers of the whole paste.
    trace = sections[1]["report"]
    assert ("route-complete", "ok") in ids(trace)
    assert all(15 <= n <= 32 for f in trace["findings"] for n in f["lines"])
    assert ids(r)[0] == ("session-verdict", "ok")
    assert "2 個のコマンド" in r["summary"]


def test_gateway_silent_puts_the_fault_inside_the_lan():
    window = assembled(("ipconfig /all", text(IPCONFIG)),
                       ("ping 172.16.0.1", ping_ja("172.16.0.1", [False] * 4)),
                       ("ping 8.8.8.8", ping_ja("8.8.8.8", [False] * 4)))
    r = S.explain(window)
    assert [s["tool"] for s in r["data"]["sections"]] == ["ipconfig", "ping", "ping"]
    assert r["data"]["verdict"] == "lan"
    assert ("gateway-no-reply", "error") in ids(r)
    assert "ルーターの間" in r["summary"] or "LAN" in r["summary"]


def test_gateway_answers_but_the_internet_not_puts_it_beyond_the_router():
    window = assembled(("ipconfig /all", text(IPCONFIG)),
                       ("ping 172.16.0.1", ping_ja("172.16.0.1", [True] * 4)),
                       ("ping 8.8.8.8", ping_ja("8.8.8.8", [False] * 4)))
    r = S.explain(window)
    assert r["data"]["verdict"] == "beyond-router"
    assert ("gateway-replies", "ok") in ids(r) and ("outside-no-reply", "error") in ids(r)


def test_addresses_answer_but_a_name_does_not_resolve_is_dns():
    not_found = "ping 要求ではホスト www.example.jp が見つかりませんでした。ホスト名を確認してもう一度実行してください。"
    window = assembled(("ipconfig /all", text(IPCONFIG)),
                       ("ping 8.8.8.8", ping_ja("8.8.8.8", [True] * 4)),
                       ("ping www.example.jp", not_found))
    r = S.explain(window)
    assert r["data"]["verdict"] == "dns"
    found = {f["id"]: f for f in r["findings"]}
    assert found["name-resolution-failure"]["severity"] == "error"
    assert "www.example.jp" in found["name-resolution-failure"]["detail"]


def test_prompts_of_every_shell_are_recognized():
    assert S.split_session("PS C:\\Users\\taro> Test-NetConnection x -Port 25\nA\n")[0][0][0] == "Test-NetConnection x -Port 25"
    assert S.split_session("taro@pc:~$ ping -c 1 8.8.8.8\nA\n")[0][0][0] == "ping -c 1 8.8.8.8"
    assert S.split_session("% dig example.jp\nA\n")[0][0][0] == "dig example.jp"
    assert S.split_session("> C:\\>ipconfig\nA\n")[0][0][0] == "ipconfig"
    # "# comment" or "$ text" without a known command is not a prompt.
    assert S.split_session("# this is a comment\n$ echo hi\n")[0] == []
    assert S.command_tool("nslookup -type=mx example.jp") == "nslookup"
    assert S.command_tool("netstat -rn") == "route" and S.command_tool("netstat -ano") == "netstat"
    assert S.command_tool("net view \\\\nas") == "netview" and S.command_tool("tnc x -Port 587") == "testnetconnection"


def test_one_command_is_left_to_its_own_explainer():
    """A single prompt and its output (every fixture of every tool) is not a session."""
    for path in sorted(FIXTURES.glob("*/*.txt")):
        if path == PING_THEN_TRACERT:
            continue
        t = path.read_bytes().decode("utf-8", "replace")
        assert S.detect(t) < 0.5, path


def test_the_command_line_reads_a_file_with_the_other_explainers_beside_it(tmp_path):
    saved = tmp_path / "window.txt"
    saved.write_bytes(PING_THEN_TRACERT.read_bytes())
    proc = subprocess.run([sys.executable, str(SNIPPETS / "explain_session.py"), str(saved), "--json"],
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert [s["tool"] for s in report["data"]["sections"]] == ["ping", "tracert"]
    alone = subprocess.run([sys.executable, str(SNIPPETS / "explain_session.py"), "-"], input=b"just text\n",
                           capture_output=True, timeout=60)
    assert alone.returncode == 2 and alone.stderr.decode().count("\n") == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["C:\\>ping x", "C:\\>ipconfig", "PS C:\\> tnc a", "$ dig a", "> ", "",
                                 "要求がタイムアウトしました。", "\x00\u2028", "Reply from 1.2.3.4: bytes=32 time=1ms TTL=5"]),
                max_size=40), st.text(max_size=200))
def test_never_raises(lines, noise):
    for lang in ("ja", "en"):
        r = S.explain("\n".join(lines) + noise, lang)
        json.dumps(r, ensure_ascii=False)
        assert isinstance(r["summary"], str)


def test_time_grows_linearly():
    # 4x the pasted session must cost well under 16x (quadratic): less than 8x, in CPU time.
    unit = text(PING_THEN_TRACERT)
    assert_grows_linearly(S.explain, unit * 10, unit * 40)


def test_arp_shows_whether_the_router_ipconfig_names_answers():
    """ipconfig's gateway (real capture, 172.16.0.1) looked up in an ARP table (hand-made lines
    in the Japanese arp -a layout of tests/fixtures/arp)."""
    def arp(mac_line):
        return ("\r\nインターフェイス: 172.16.2.14 --- 0x14\r\n"
                "  インターネット アドレス 物理アドレス          種類\r\n" + mac_line +
                "  172.16.255.255        ff-ff-ff-ff-ff-ff     静的\r\n")
    ok = assembled(("ipconfig /all", text(IPCONFIG)), ("arp -a", arp("  172.16.0.1            70-1c-e7-aa-bb-cc     動的\r\n")))
    assert ("gateway-arp-ok", "ok") in ids(S.explain(ok))
    bad = assembled(("ipconfig /all", text(IPCONFIG)), ("arp -a", arp("  172.16.0.1            00-00-00-00-00-00     無効\r\n")))
    r = S.explain(bad)
    assert [s["tool"] for s in r["data"]["sections"]] == ["ipconfig", "arp"]
    assert ("gateway-arp-incomplete", "error") in ids(r) and r["data"]["verdict"] == "lan"


def test_a_part_whose_command_is_unknown_is_read_by_detection():
    """A typed alias or a script name: the part's own text decides which explainer reads it."""
    window = assembled(("check.bat", ping_ja("192.0.2.1", [True] * 4)), ("ipconfig /all", text(IPCONFIG)))
    assert [s["tool"] for s in S.explain(window)["data"]["sections"]] == ["ping", "ipconfig"]
