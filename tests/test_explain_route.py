"""explain_route.py: routing tables (Windows route print / netstat -r in Japanese and English,
macOS netstat -rn, Linux netstat -r / route -n / ip route). Expected findings per fixture are in
tests/fixtures/route/*.json (tests/test_fixtures.py); this file checks the reasoning behind them
on edited real captures, detection against every other fixture, robustness and the command line."""

from __future__ import annotations

import codecs
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly, finishes_within

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "snippets" / "explain_route.py"
FIX = ROOT / "tests" / "fixtures" / "route"
ALL_FIXTURES = ROOT / "tests" / "fixtures"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_route")


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, ids(report)
    return found[0]


def edit(text, drop=(), after=None, add=()):
    """The capture with lines containing any of `drop` removed and `add` inserted after the
    first line containing `after` (line endings kept as in the capture)."""
    nl = "\r\n" if "\r\n" in text else "\n"
    out = []
    inserted = False
    for line in text.split(nl):
        if any(d in line for d in drop):
            continue
        out.append(line)
        if after is not None and not inserted and after in line:
            out.extend(add)
            inserted = True
    assert after is None or inserted
    return nl.join(out)


REAL = sorted(p.name for p in FIX.glob("*.txt") if not p.name.startswith("handmade"))
ROUTE_TABLES = sorted(FIX.glob("*.txt")) + sorted((ALL_FIXTURES / "netstat").glob("*netstat-r*.txt"))


# ---------------------------------------------------------------------------------------------
# Detection: high on routing tables, low on every other fixture, above explain_netstat
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ROUTE_TABLES, ids=[f"{p.parent.name}/{p.name}" for p in ROUTE_TABLES])
def test_detect_is_high_on_routing_tables_and_above_netstat(path):
    text = m.decode_bytes(path.read_bytes())
    score = m.detect(text)
    assert score >= 0.9, score
    assert m.explain(text)["recognized"]
    netstat = _load("explain_netstat")
    assert netstat.detect(text) < score


OTHERS = sorted(
    p for p in ALL_FIXTURES.glob("*/*")
    if p.parent.name != "route" and p.suffix in (".txt", ".out") and "netstat-r" not in p.name
)


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_there_are_other_outputs_to_compare_with():
    kinds = {p.parent.name for p in OTHERS}
    assert {"ipconfig", "netstat", "ping"} <= kinds


# ---------------------------------------------------------------------------------------------
# Parsing details of the real captures
# ---------------------------------------------------------------------------------------------


def test_windows_interface_list_and_routes():
    data = m.explain(fixture("en-win10-jc-route.txt"))["data"]
    assert data["format"] == "windows"
    assert data["interfaces"][0] == {"index": 8, "mac": "00-ff-58-60-5f-61", "name": "TAP-Windows Adapter V9"}
    assert {"index": 1, "mac": None, "name": "Software Loopback Interface 1"} in data["interfaces"]
    first = data["ipv4_routes"][0]
    assert first["destination"] == "0.0.0.0" and first["gateway"] == "192.168.31.1" and first["metric"] == 30
    assert first["interface"] == "192.168.31.221" and first["default"] and not first["on_link"]
    assert first["line"] == 18
    loop = data["ipv4_routes"][1]
    assert loop["on_link"] and loop["gateway"] == "On-link"
    assert [p["destination"] for p in data["persistent_routes"]] == ["157.0.0.0"]
    assert data["ipv6_routes"] and all(r["destination"].count(":") >= 2 for r in data["ipv6_routes"])


def test_windows_ipv6_wrapped_gateway_is_joined():
    data = m.explain(fixture("en-win11-jc-route-print.txt"))["data"]
    wrapped = [r for r in data["ipv6_routes"] if r["destination"].startswith("fd63:cc9c:65eb:3f95:85e")]
    assert wrapped and wrapped[0]["gateway"] == "On-link"
    assert data["persistent_routes"] == [] and data["persistent_routes_none"]


def test_windows_xp_layout():
    r = m.explain(fixture("en-winxp-jc-route-print.txt"))
    data = r["data"]
    assert [i["index"] for i in data["interfaces"]] == [1, 2]
    assert data["interfaces"][1]["mac"] == "00-0c-29-21-f9-3e"
    assert data["default_gateway_line"]["gateway"] == "192.168.22.1"
    # XP writes the own address as gateway for the local network: that is on-link.
    lan = [x for x in data["ipv4_routes"] if x["destination"] == "192.168.22.0"][0]
    assert lan["on_link"]
    assert finding(r, "persistent-routes")["severity"] == "info"  # 192.168.22.1 is on the LAN


def test_server_persistent_default_route_is_not_a_hand_added_route():
    for name in ("en-win2008-jc-route-print.txt", "en-win2016-jc-route-print.txt"):
        r = m.explain(fixture(name))
        assert len(r["data"]["persistent_routes"]) == 1
        assert r["data"]["persistent_routes"][0]["metric_text"] == "Default"
        assert [f["id"] for f in r["findings"]] == ["default-route"]


def test_stale_persistent_routes_name_the_unreachable_gateway():
    r = m.explain(fixture("en-win10-jc-route-print.txt"), "en")
    f = finding(r, "persistent-routes")
    assert f["severity"] == "warning" and "192.168.22.1" in f["detail"] and "4 persistent" in f["detail"]
    assert f["lines"] == [33, 34, 35, 36]


def test_japanese_route_print_labels():
    r = m.explain(fixture("ja-winserver-ibmdocs-route-print-excerpt.txt"))
    data = r["data"]
    assert data["format"] == "windows"
    assert data["interfaces"][3] == {"index": 7, "mac": "00-00-00-00-00-00-00-e0", "name": "Microsoft ISATAP Adapter #2"}
    assert [x["destination"] for x in data["ipv4_routes"]] == ["0.0.0.0", "10.115.0.0"]
    hand = m.explain(fixture("handmade-ja-route-print.txt"))
    assert hand["data"]["persistent_routes_none"]
    assert any(x["gateway"] == "リンク上" and x["on_link"] for x in hand["data"]["ipv4_routes"])
    assert len(hand["data"]["ipv6_routes"]) == 5


def test_japanese_linux_route_n():
    r = m.explain(fixture("ja-raspi-tokane888-route-n-excerpt.txt"))
    routes = r["data"]["ipv4_routes"]
    assert r["data"]["format"] == "linux"
    assert [(x["interface"], x["metric"]) for x in routes] == [("eth0", 202), ("wlan0", 303), ("eth0", 202), ("wlan0", 303)]
    f = finding(r, "multiple-default-routes")
    assert f["severity"] == "info" and "172.168.11.1 / eth0" in f["detail"]


def test_linux_and_macos_columns():
    r = m.explain(fixture("en-ubuntu-jc-netstat-rnee.txt"))
    assert [(x["interface"], x["metric"]) for x in r["data"]["ipv4_routes"]] == [("ens33", 100), ("ens33", 0), ("ens33", 100)]
    r = m.explain(fixture("en-ubuntu-jc-netstat-r.txt"))
    assert r["data"]["ipv4_routes"][0]["metric"] is None  # netstat -r has no metric column
    r = m.explain(fixture("en-osx-jc-netstat-rnl.txt"))
    routes = r["data"]["ipv4_routes"]
    assert r["data"]["format"] == "bsd" and len(routes) == 30
    assert routes[0]["interface"] == "en0" and routes[0]["flags"] == "UGSc"
    assert any(x["interface"] == "vmnet8" for x in routes)


# ---------------------------------------------------------------------------------------------
# Reasoning, on edited real captures
# ---------------------------------------------------------------------------------------------

COMPLETE = [n for n in REAL if "excerpt" not in n and "route-6" not in n]  # IPv4 tables


@pytest.mark.parametrize("name", COMPLETE)
def test_without_the_default_route_it_is_an_error(name):
    text = fixture(name)
    # Drop every IPv4 default row: Windows/Linux "0.0.0.0 ... 0.0.0.0", BSD/Linux "default".
    lines = text.splitlines(keepends=True)
    kept = [ln for ln in lines if not (ln.split()[:1] in (["0.0.0.0"], ["default"]) and "::" not in ln and "fe80" not in ln)]
    assert len(kept) < len(lines)
    r = m.explain("".join(kept))
    assert [f["id"] for f in r["findings"] if f["severity"] == "error"] == ["no-default-route"]
    assert not [f for f in r["findings"] if f["id"] == "default-route"]
    proc = run("-", stdin="".join(kept).encode("utf-8"))
    assert proc.returncode == 1


def test_cut_off_table_without_default_is_not_an_error():
    text = fixture("ja-winserver-ibmdocs-route-print-excerpt.txt")
    r = m.explain(edit(text, drop=["0.0.0.0          0.0.0.0"]))
    assert [f["id"] for f in r["findings"]] == ["truncated-input"]
    # Cut a complete English capture inside the active routes: also only "cut off".
    win11 = fixture("en-win11-jc-route-print.txt").split("\n")
    r = m.explain("\n".join(win11[:25]))
    assert [f["id"] for f in r["findings"]] == ["truncated-input", "default-route"]


def test_two_defaults_to_different_routers_with_equal_metrics_warn():
    text = edit(fixture("en-win11-jc-route-print.txt"), after="0.0.0.0          0.0.0.0",
                add=["          0.0.0.0          0.0.0.0        10.0.0.1        10.0.0.5     35"])
    r = m.explain(text, "en")
    f = finding(r, "multiple-default-routes")
    assert f["severity"] == "warning" and "same metric" in f["detail"]
    assert f["lines"] == [20, 21]


def test_close_metrics_warn_and_name_the_winner():
    text = edit(fixture("en-win11-jc-route-print.txt"), after="0.0.0.0          0.0.0.0",
                add=["          0.0.0.0          0.0.0.0        10.0.0.1        10.0.0.5     40"])
    r = m.explain(text, "en")
    f = finding(r, "multiple-default-routes")
    assert f["severity"] == "warning" and "192.168.1.1 / 192.168.1.169" in f["detail"]
    assert finding(r, "default-route")["subject"] == "192.168.1.1 / 192.168.1.169"
    # A clearly lower metric on the new route: it wins, the old one is standby.
    text = edit(fixture("en-win11-jc-route-print.txt"), after="0.0.0.0          0.0.0.0",
                add=["          0.0.0.0          0.0.0.0        10.0.0.1        10.0.0.5     10"])
    r = m.explain(text)
    assert finding(r, "multiple-default-routes")["severity"] == "info"
    assert finding(r, "default-route")["subject"] == "10.0.0.1 / 10.0.0.5"


def test_windows_vpn_on_link_default_route():
    text = edit(fixture("en-win10-jc-route.txt"), after="0.0.0.0          0.0.0.0",
                add=["          0.0.0.0          0.0.0.0         On-link       10.8.0.6     26"])
    r = m.explain(text, "en")
    f = finding(r, "multiple-default-routes")
    assert f["severity"] == "info" and "VPN" in f["detail"]
    d = finding(r, "default-route")
    assert d["subject"] == "On-link / 10.8.0.6" and "VPN" in d["detail"]


def test_vpn_catch_all_halves():
    text = edit(fixture("en-win11-jc-route-print.txt"), after="0.0.0.0          0.0.0.0",
                add=["          0.0.0.0        128.0.0.0         10.8.0.1       10.8.0.6      5",
                     "        128.0.0.0        128.0.0.0         10.8.0.1       10.8.0.6      5"])
    r = m.explain(text, "en")
    assert finding(r, "vpn-catch-all")["subject"] == "10.8.0.1 / 10.8.0.6"
    assert "VPN" in finding(r, "default-route")["detail"]
    # Without the default route the halves still cover everything: no error.
    r = m.explain(edit(text, drop=["0.0.0.0          0.0.0.0"]))
    assert [f["id"] for f in r["findings"]] == ["vpn-catch-all"]


def test_linux_without_metrics_cannot_tell():
    text = edit(fixture("en-ubuntu-jc-netstat-r.txt"), after="default",
                add=["default         10.0.0.1        0.0.0.0         UG        0 0          0 wlan0"])
    r = m.explain(text, "en")
    f = finding(r, "multiple-default-routes")
    assert f["severity"] == "warning" and "no metrics" in f["detail"]


def test_macos_scoped_default_is_not_a_conflict():
    text = edit(fixture("en-osx-jc-netstat-rnl.txt"), after="default",
                add=["default            10.0.0.1           UGScI           0        0   1500     en7       "])
    r = m.explain(text, "en")
    assert finding(r, "multiple-default-routes")["severity"] == "info"
    assert finding(r, "default-route")["subject"] == "192.168.1.254 / en0"
    text = edit(fixture("en-osx-jc-netstat-rnl.txt"), after="default",
                add=["default            link#25            UCSI            0        0   1400   utun4       "])
    assert finding(m.explain(text), "multiple-default-routes")["severity"] == "info"


def test_ip_route_output():
    text = (
        "default via 192.168.1.1 dev wlp2s0 proto dhcp src 192.168.1.23 metric 600\n"
        "default via 10.8.0.1 dev tun0 proto static metric 50\n"
        "10.8.0.0/24 dev tun0 proto kernel scope link src 10.8.0.6 metric 50\n"
        "192.168.1.0/24 dev wlp2s0 proto kernel scope link src 192.168.1.23 metric 600\n"
    )
    r = m.explain(text)
    assert r["recognized"] and r["data"]["format"] == "iproute"
    assert finding(r, "multiple-default-routes")["severity"] == "info"
    assert finding(r, "default-route")["subject"] == "10.8.0.1 / tun0"
    assert r["data"]["ipv4_routes"][2]["netmask"] == "255.255.255.0"
    assert m.detect("192.168.1.0/24 dev wlp2s0 proto kernel\n") < 0.5


def test_a_second_pasted_output_replaces_the_first():
    first = fixture("en-win7-jc-route-print.txt")
    second = fixture("en-win10-jc-route-print.txt")
    r = m.explain(first + "\n" + second)
    assert r["data"]["earlier_outputs_ignored"] == 1
    assert ids(r) == ids(m.explain(second))


@pytest.mark.parametrize("name", REAL)
def test_paste_variants_give_the_same_findings(name):
    text = fixture(name)
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("    " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

CONTRACT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "lines"}
REAL_TEXTS = [fixture(n) for n in REAL]


def check_report(report, text, lang):
    assert set(report) >= CONTRACT_KEYS
    assert report["tool"] == "route" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = max(len(text.splitlines()), 1)  # the line rule of every explainer and the page
    for f in report["findings"]:
        assert set(f) >= FINDING_KEYS, f
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"]), f["detail"]
        if "subject" in f:
            assert isinstance(f["subject"], str) and f["subject"]
    if not report["recognized"]:
        assert report["findings"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    report = m.analyse(text, lang)  # the unprotected core: a bug would show here
    check_report(report, text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


LINE_ALPHABET = st.sampled_from(
    ["0.0.0.0 ", "128.0.0.0 ", "On-link ", "リンク上 ", "default ", " UG ", "dev ", "via ", "=====", "\r",
     "Active Routes:", "固定ルート:", "IPv6 Route Table", "Internet:", "Kernel IP routing table", "1...", "::/0 "]
)


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(REAL_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "truncate", "crlf", "insert", "splice"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            del lines[i + 1:]
        elif op == "crlf":
            lines[i] = lines[i] + "\r" if not lines[i].endswith("\r") else lines[i][:-1]
        elif op == "insert":
            lines.insert(i, draw(LINE_ALPHABET) + draw(st.text(max_size=20)))
        else:
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(LINE_ALPHABET) + lines[i][j:]
    return "\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["ja", "en"]))
def test_mutated_real_samples_never_raise(text, lang):
    report = m.analyse(text, lang)
    check_report(report, text, lang)


def test_large_inputs_are_linear():
    for name in ("en-win10-jc-route.txt", "en-osx-jc-netstat-rnl.txt"):
        base = fixture(name)
        small = base * (50_000 // len(base) + 1)
        assert_grows_linearly((m.explain, m.detect), small, small * 4, label=name)
        big = base * (1_000_000 // len(base) + 1)
        with finishes_within(5, name):
            r = m.explain(big)
        assert r["recognized"]
    row = "          0.0.0.0          0.0.0.0      192.168.1.1    192.168.1.169     35\n"
    for hostile in (
        row * (1_000_000 // len(row)),
        "=" * 1_000_000,
        "." * 1_000_000,
        "Active Routes:\n" + "1" * 1_000_000,
        "default via " * 90_000 + "dev x",
        " 1...." + "00 " * 330_000,
        "Destination Gateway Flags " * 40_000,
    ):
        with finishes_within(5, hostile[:40]):
            m.explain(hostile)
            m.detect(hostile)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def run(*args, stdin=None, **kw):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60,
                          env=env, **kw)


def assert_one_line_error(proc):
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_route.py: "), err


def test_cli_encodings_give_the_same_report(tmp_path):
    text = fixture("handmade-ja-route-print.txt")
    reports = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("cp932.txt", text.encode("cp932")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        proc = run(str(tmp_path / name), "--json")
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(proc.stdout.decode("utf-8")))
    assert all(r == reports[0] for r in reports)
    assert reports[0]["recognized"] and reports[0]["data"]["interfaces"][0]["index"] == 18


def test_cli_text_and_lang():
    proc = run(str(FIX / "en-win11-jc-route-print.txt"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "[正常] デフォルト ルートがあります" in out and "192.168.1.1" in out
    proc = run(str(FIX / "en-win11-jc-route-print.txt"), "--lang", "en")
    assert proc.returncode == 0 and "[OK] There is a default route" in proc.stdout.decode("utf-8")
    data = json.loads(run(str(FIX / "en-win11-jc-route-print.txt"), "--json", "--lang", "en").stdout)
    assert data["locale"] == "en" and data["findings"][-1]["id"] == "default-route"


def test_cli_bare_with_piped_stdin_reads_it():
    raw = (FIX / "en-ubuntu-jc-netstat-rne.txt").read_bytes()
    proc = run(stdin=raw)
    assert proc.returncode == 0 and "192.168.71.2" in proc.stdout.decode("utf-8")


def test_cli_usage_and_input_errors():
    assert_one_line_error(run(str(FIX / "does-not-exist.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / "en-win7-jc-route-print.txt")))
    assert_one_line_error(run("a", "b"))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", stdin=(ALL_FIXTURES / "ipconfig" / "ja-win10-vuls.txt").read_bytes())
    assert_one_line_error(proc)
    assert proc.stdout == b"" and "route print" in proc.stderr.decode("utf-8")
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like a routing table" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="on Windows a bare run executes route print")
def test_cli_bare_on_a_terminal_explains_how_to_paste():
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT)], stdin=slave, capture_output=True, timeout=60,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.close(master)
        os.close(slave)
    assert_one_line_error(proc)
    assert "route print > route.txt" in proc.stderr.decode("utf-8")


def test_cli_broken_pipe_is_quiet():
    proc = subprocess.run(f'"{sys.executable}" "{SCRIPT}" "{FIX / "en-win10-jc-route.txt"}" | head -c 1',
                          shell=True, capture_output=True, timeout=60)
    assert b"Traceback" not in proc.stderr and b"Error" not in proc.stderr


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    block = (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")
    assert block in src
    # detect/explain must not need subprocess or ctypes (Pyodide): they are imported inside the CLI.
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line]


def test_an_ipv6_table_alone_is_read_as_one_and_says_nothing_about_ipv4():
    """jc's review: Linux `route -6 -n` was "not a routing table". It is one, and it shows no IPv4."""
    text = fixture("centos-7.7-jc-route-6-n.txt")
    r = m.explain(text)
    assert r["recognized"] and len(r["data"]["ipv6_routes"]) == 21
    assert "IPv6" in r["summary"] and not [f for f in r["findings"] if f["severity"] in ("error", "warning")]
    no_exit = "".join(ln for ln in text.splitlines(keepends=True) if "fe80::feae:34ff:fea1:3a80  UG" not in ln)
    ids = [(f["id"], f["severity"]) for f in m.explain(no_exit)["findings"]]
    assert ("ipv6-no-default-route", "info") in ids and "no-default-route" not in [i for i, _ in ids]
    ip6 = "default via fe80::1 dev wlan0 proto ra metric 600 pref medium\n2001:db8:1::/64 dev wlan0 proto ra metric 600\n"
    r6 = m.explain(ip6)
    assert [f["id"] for f in r6["findings"]] == ["ipv6-only-table", "ipv6-default-route"]
    assert r6["data"]["ipv4_routes"] == []  # "default via fe80::1" is not an IPv4 default route
