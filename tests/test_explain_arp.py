"""explain_arp.py: ARP tables (Windows arp -a in Japanese and English, macOS / Linux arp -a, Linux
arp and ip neigh). Expected findings per fixture are in tests/fixtures/arp/*.json
(tests/test_fixtures.py); this file checks the reasoning behind them on edited real captures,
detection both ways against every other tool's fixtures, robustness and the command line."""

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
SCRIPT = ROOT / "snippets" / "explain_arp.py"
FIX = ROOT / "tests" / "fixtures" / "arp"
ALL_FIXTURES = ROOT / "tests" / "fixtures"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_arp")
OTHER_EXPLAINERS = {p.stem[len("explain_"):]: _load(p.stem) for p in sorted((ROOT / "snippets").glob("explain_*.py"))
                    if p.stem != "explain_arp"}


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def finding(report, fid, subject=None):
    found = [f for f in report["findings"] if f["id"] == fid and (subject is None or f.get("subject") == subject)]
    assert len(found) == 1, ids(report)
    return found[0]


def edit(text, replace=(), drop=(), add_after=None, add=()):
    """The capture with (old, new) replacements, lines containing any of `drop` removed and
    `add` inserted after the first line containing `add_after` (line endings kept)."""
    nl = "\r\n" if "\r\n" in text else "\n"
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    out = []
    inserted = False
    for line in text.split(nl):
        if any(d in line for d in drop):
            continue
        out.append(line)
        if add_after is not None and not inserted and add_after in line:
            out.extend(add)
            inserted = True
    assert add_after is None or inserted
    return nl.join(out)


REAL = sorted(p.name for p in FIX.glob("*.txt") if not p.name.startswith("handmade"))
MINE = sorted(FIX.glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# Detection: high on ARP tables, below the paste box's threshold on every other tool, and every
# other explainer below it on ARP tables
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MINE, ids=[p.name for p in MINE])
def test_detect_is_high_and_no_other_explainer_claims_it(path):
    text = m.decode_bytes(path.read_bytes())
    score = m.detect(text)
    assert score >= 0.5, score
    assert m.explain(text)["recognized"]
    for name, other in OTHER_EXPLAINERS.items():
        assert other.detect(text) < 0.2, name


OTHERS = sorted(p for p in ALL_FIXTURES.glob("*/*") if p.parent.name != "arp" and p.suffix in (".txt", ".out"))


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_there_are_other_outputs_to_compare_with():
    kinds = {p.parent.name for p in OTHERS}
    assert {"ipconfig", "netstat", "ping", "route", "nbtstat"} <= kinds


# ---------------------------------------------------------------------------------------------
# Parsing details of the real captures
# ---------------------------------------------------------------------------------------------


def test_japanese_windows_table():
    r = m.explain(fixture("ja-win-ytakefuji-arp-a.txt"))
    data = r["data"]
    assert data["format"] == "windows" and data["outputs"] == 1
    (iface,) = data["interfaces"]
    assert iface["address"] == "192.168.1.12" and iface["index"] == 0xD and iface["line"] == 2
    first = iface["entries"][0]
    assert first == {"ip": "192.168.1.1", "mac": "00:25:36:e9:ff:c5", "mac_raw": "00-25-36-e9-ff-c5", "type": "dynamic",
                     "state": "動的", "kind": "unicast", "hostname": None, "line": 4}
    kinds = [e["kind"] for e in iface["entries"]]
    assert kinds.count("broadcast") == 2 and kinds.count("multicast") == 1
    assert iface["gateway"] == {"ip": "192.168.1.1", "mac": "00:25:36:e9:ff:c5", "type": "dynamic", "reason": "dot1", "line": 4}
    f = finding(r, "arp-entries")
    assert f["severity"] == "ok" and "192.168.1.1" in f["detail"] and "24 ビット" in f["detail"]


def test_cloud_router_is_x_y_0_1_of_the_slash_16():
    r = m.explain(fixture("en-win-thm-aws-arp-a.txt"), "en")
    gw = r["data"]["interfaces"][0]["gateway"]
    assert gw["ip"] == "10.10.0.1" and gw["reason"] == "dot0-1"
    assert "cloud" in finding(r, "arp-entries")["detail"]


def test_macos_zeros_permanent_and_no_router():
    r = m.explain(fixture("en-osx-jc-arp-a.txt"), "en")
    entries = r["data"]["interfaces"][0]["entries"]
    assert entries[1]["mac"] == "f0:18:98:05:d8:39" and entries[1]["mac_raw"] == "f0:18:98:5:d8:39"
    assert entries[1]["hostname"] == "mbp.attlocal.net"
    own = [e for e in entries if e["ip"] == "192.168.1.222"][0]
    assert own["type"] == "static" and own["state"] == "permanent"
    assert not [f for f in r["findings"] if f["id"] == "static-entries"]  # the Mac's own address
    assert r["data"]["interfaces"][0]["gateway"] is None
    assert "could not be told" in finding(r, "arp-entries")["detail"]


def test_linux_names_the_gateway():
    for name in ("en-centos-jc-arp-a.txt", "en-ubuntu-jc-arp-a.txt"):
        gw = m.explain(fixture(name))["data"]["interfaces"][0]["gateway"]
        assert gw["ip"] == "192.168.71.2" and gw["reason"] == "named", name
    # net-tools arp prints only the name of the router: still the router, not .254
    gw = m.explain(fixture("en-ubuntu-jc-arp.txt"))["data"]["interfaces"][0]["gateway"]
    assert gw["ip"] == "_gateway" and gw["mac"] == "00:50:56:f7:4a:fc" and gw["reason"] == "named"


def test_ip_neigh_states():
    r = m.explain(fixture("en-linux-alexbook-ip-neigh.txt"), "en")
    assert r["data"]["format"] == "iproute"
    names = [i["name"] for i in r["data"]["interfaces"]]
    assert names == ["virbr0", "wlp6s0"]
    virbr = r["data"]["interfaces"][0]
    assert len(virbr["entries"]) == 12 and all(e["type"] == "incomplete" and e["state"] == "FAILED" for e in virbr["entries"])
    f = finding(r, "incomplete-entries")
    assert f["subject"] == "virbr0" and len(f["lines"]) == 12 and "(12)" in f["detail"]
    assert finding(r, "arp-entries", "wlp6s0")["severity"] == "ok"


def test_the_same_table_twice_counts_once():
    r = m.explain(fixture("handmade-ja-en-chcp-arp-a.txt"))
    assert r["data"]["outputs"] == 2 and len(r["data"]["interfaces"]) == 4
    assert "2 個のインターフェイスで 14 行" in r["summary"]


# ---------------------------------------------------------------------------------------------
# Reasoning, on edited real captures
# ---------------------------------------------------------------------------------------------

JA = "ja-win-ytakefuji-arp-a.txt"


def test_router_sharing_its_mac_is_a_warning():
    text = edit(fixture(JA), replace=[("192.168.1.10          00-bb-c1-6b-11-a5", "192.168.1.10          00-25-36-e9-ff-c5")])
    r = m.explain(text, "en")
    f = finding(r, "duplicate-mac")
    assert f["severity"] == "warning" and f["subject"] == "00:25:36:e9:ff:c5"
    assert "192.168.1.10" in f["detail"] and "spoofing" in f["detail"] and f["lines"] == [4, 8]
    assert any("label" in step for step in f["next_steps"])


def test_two_other_hosts_sharing_a_mac_is_info():
    text = edit(fixture(JA), replace=[("192.168.1.10          00-bb-c1-6b-11-a5", "192.168.1.10          38-78-62-59-75-ad")])
    f = finding(m.explain(text, "en"), "duplicate-mac")
    assert f["severity"] == "info" and "extender" in f["detail"]


def test_cloud_metadata_address_behind_the_router_mac_is_normal():
    text = edit(fixture("en-win-thm-aws-arp-a.txt"), add_after="10.10.0.1 ",
                add=["  169.254.169.254       02-c8-85-b5-5a-aa     dynamic"])
    f = finding(m.explain(text, "en"), "duplicate-mac")
    assert f["severity"] == "info" and "169.254.169.254" in f["detail"] and "metadata" in f["detail"]


def test_virtual_switch_mac_is_normal():
    f = finding(m.explain(fixture("handmade-ja-en-chcp-arp-a.txt"), "en"), "duplicate-mac", "00:15:5d:e4:71:0a")
    assert f["severity"] == "info" and "Hyper-V" in f["detail"]


def test_router_that_does_not_answer():
    text = edit(fixture("en-linux-alexbook-ip-neigh.txt"),
                replace=[("192.168.88.1 dev wlp6s0 lladdr cc:2d:e0:94:83:4b REACHABLE", "192.168.88.1 dev wlp6s0  FAILED")])
    r = m.explain(text, "en")
    f = finding(r, "gateway-incomplete")
    assert f["severity"] == "warning" and f["subject"] == "192.168.88.1" and "FAILED" in f["detail"]
    # Linux named it the gateway: then it is certain, and an error (exit status 1).
    text = edit(fixture("en-ubuntu-jc-arp-a.txt"),
                replace=[("_gateway (192.168.71.2) at 00:50:56:f7:4a:fc [ether]", "_gateway (192.168.71.2) at <incomplete>")])
    r = m.explain(text)
    assert finding(r, "gateway-incomplete")["severity"] == "error"
    assert run("-", stdin=text.encode()).returncode == 1


def test_windows_router_missing_from_the_table():
    text = edit(fixture(JA), drop=["192.168.1.1 "])
    r = m.explain(text, "en")
    f = finding(r, "arp-entries")
    assert f["severity"] == "info" and "could not be told" in f["detail"]
    assert r["data"]["interfaces"][0]["gateway"] is None


def test_static_entry_added_by_hand():
    text = edit(fixture(JA), add_after="192.168.1.30 ", add=["  192.168.1.50          00-11-22-33-44-55     静的"])
    f = finding(m.explain(text, "en"), "static-entries")
    assert f["severity"] == "info" and "192.168.1.50" in f["detail"] and "arp -s" in f["detail"]


def test_mac_changing_between_two_copies():
    ja = fixture(JA)
    en = edit(ja, replace=[("インターフェイス:", "Interface:"), ("動的", "dynamic"), ("静的", "static"),
                           ("192.168.1.1           00-25-36-e9-ff-c5", "192.168.1.1           00-25-36-e9-ff-00")])
    r = m.explain(ja + "\nC:\\>chcp 437\nActive code page: 437\n" + en, "en")
    f = finding(r, "mac-changed")
    assert f["severity"] == "warning" and f["subject"] == "192.168.1.1"
    assert "00:25:36:e9:ff:c5" in f["detail"] and "00:25:36:e9:ff:00" in f["detail"]


@pytest.mark.parametrize("name", REAL)
def test_paste_variants_give_the_same_findings(name):
    text = fixture(name)
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("    " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


def test_english_output_is_english():
    for name in REAL:
        r = m.explain(fixture(name), "en")
        for f in r["findings"]:
            text = f["title"] + f["detail"] + "".join(f["next_steps"])
            assert not re.search(r"[\u3040-\u30ff]", text.replace("動的", "").replace("静的", "")), (name, text)


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

CONTRACT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "lines"}
REAL_TEXTS = [fixture(n) for n in sorted(p.name for p in MINE)]


def check_report(report, text, lang):
    assert set(report) >= CONTRACT_KEYS
    assert report["tool"] == "arp" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = max(len(text.splitlines()), 1)
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
    ["Interface: 10.0.0.1 --- 0x", "インターフェイス: ", "---", " 0x", "動的", "static ", "ff-ff-ff-ff-ff-ff ",
     "(incomplete)", " at ", "? (", ") ", " dev ", " lladdr ", "FAILED", "REACHABLE", "_gateway", "\r", "\x85",
     "169.254.169.254 ", "00-15-5d-00-00-01 ", "Address HWtype HWaddress"]
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


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_mixed_encodings_never_raise(data):
    for text in (m.decode_bytes(data), data.decode("latin-1"), fixture(JA) + data.decode("cp932", "replace")):
        check_report(m.analyse(text, "ja"), text, "ja")


def test_growth_is_linear():
    base = fixture("handmade-ja-en-chcp-arp-a.txt") + fixture("en-osx-jc-arp-a.txt") + fixture("en-linux-alexbook-ip-neigh.txt")
    small = base * 60
    big = small * 4
    assert_grows_linearly((m.explain, m.detect), small, big)


def test_hostile_one_megabyte_inputs():
    row = "  192.168.1.1           70-1c-e7-aa-bb-cc     動的\n"
    for hostile in (
        row * (1_000_000 // len(row)),
        "x" * 1_000_000,
        "Interface: 10.0.0.1 --- 0x1 " * 40_000,
        "? (10.0.0.1) at " * 60_000,
        "10.0.0.1 dev " * 80_000,
        "-" * 1_000_000,
        "".join("  10.{0}.{1}.{2}  02-00-00-00-00-01  dynamic\n".format(i // 65536 % 256, i // 256 % 256, i % 256)
                for i in range(25_000)),
    ):
        with finishes_within(10, hostile[:40]):
            report = m.explain(hostile)
            m.detect(hostile)
        json.dumps(report, ensure_ascii=False)


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
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_arp.py: "), err


def test_cli_encodings_give_the_same_report(tmp_path):
    text = fixture(JA)
    reports = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("cp932.txt", text.replace("\n", "\r\n").encode("cp932")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        proc = run(str(tmp_path / name), "--json")
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(proc.stdout.decode("utf-8")))
    assert all(ids(r) == ids(reports[0]) for r in reports)
    assert reports[0]["data"]["interfaces"][0]["gateway"]["ip"] == "192.168.1.1"


def test_cli_text_lang_and_exit_codes():
    proc = run(str(FIX / JA))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "[正常] ARP テーブルの内容" in out
    proc = run(str(FIX / JA), "--lang", "en")
    assert proc.returncode == 0 and "[OK] What the ARP table holds" in proc.stdout.decode("utf-8")
    data = json.loads(run(str(FIX / "handmade-ja-en-chcp-arp-a.txt"), "--json", "--lang", "en").stdout)
    assert data["locale"] == "en" and data["findings"][0]["id"] == "duplicate-mac"


def test_cli_bare_with_piped_stdin_reads_it():
    proc = run(stdin=(FIX / "en-linux-drone-ip-neigh.txt").read_bytes())
    assert proc.returncode == 0 and "192.168.87.1" in proc.stdout.decode("utf-8")


def test_cli_usage_and_input_errors():
    assert_one_line_error(run(str(FIX / "does-not-exist.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / JA)))
    assert_one_line_error(run("a", "b"))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", stdin=(ALL_FIXTURES / "ipconfig" / "ja-win10-vuls.txt").read_bytes())
    assert_one_line_error(proc)
    assert proc.stdout == b"" and "arp -a" in proc.stderr.decode("utf-8")
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like an ARP table" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="on Windows a bare run executes arp -a")
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
    assert "arp -a > arp.txt" in proc.stderr.decode("utf-8")


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    block = (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")
    assert block in src
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line]


def test_many_interfaces_stay_linear():
    def table(n):
        return "".join("10.0.{0}.{1} dev if{2} lladdr 02:00:00:00:{0:02x}:{1:02x} REACHABLE\n".format(i // 256 % 256, i % 256, i)
                       for i in range(n))

    assert_grows_linearly((m.explain, m.detect), table(3000), table(12000))


def test_french_and_windows_2000_headings():
    r = m.explain(fixture("fr-win-tp3-arp-a-excerpt.txt"), "en")
    assert [i["address"] for i in r["data"]["interfaces"]] == ["169.254.22.221", "192.168.1.144"]
    assert r["data"]["interfaces"][1]["gateway"]["ip"] == "192.168.1.254"  # the report's ipconfig says so too
    assert r["data"]["interfaces"][1]["entries"][0]["type"] == "dynamic"
    # Windows 2000 wrote "Interface: X on Interface 0x1000003".
    text = ("Interface: 192.168.1.100 on Interface 0x1000003\n"
            "  Internet Address      Physical Address      Type\n"
            "  192.168.1.235         08-00-37-0e-fd-77     dynamic\n"
            "  192.168.1.254         00-20-10-0d-a0-04     static\n")
    r = m.explain(text, "en")
    iface = r["data"]["interfaces"][0]
    assert iface["address"] == "192.168.1.100" and iface["index"] == 0x1000003
    assert iface["gateway"]["ip"] == "192.168.1.254" and iface["gateway"]["type"] == "static"
    assert finding(r, "static-entries")["subject"] == "192.168.1.100"


def test_ipv6_neighbours_are_kept_but_not_judged_and_route_stays_low():
    text = fixture("en-linux-drone-ip-neigh.txt") + (
        "fe80::1 dev wlp3s0 lladdr 16:22:3b:67:bd:98 router REACHABLE\n"
        "2001:db8::1 dev wlp3s0 lladdr 16:22:3b:67:bd:98 router STALE\n"
        "fe80::2 dev wlp3s0  FAILED\n")
    r = m.explain(text, "en")
    wl = [i for i in r["data"]["interfaces"] if i["name"] == "wlp3s0"][0]
    assert [e["ip"] for e in wl["entries"]] == ["192.168.87.1", "fe80::1", "2001:db8::1", "fe80::2"]
    assert not [f for f in r["findings"] if f["id"] == "duplicate-mac"]  # IPv4 and IPv6 of one router
    assert wl["gateway"]["ip"] == "192.168.87.1"
    for name, other in OTHER_EXPLAINERS.items():
        assert other.detect(text) < 0.2, name


def test_a_virtual_switch_table_needs_no_router():
    r = m.explain(fixture("handmade-ja-en-chcp-arp-a.txt"), "en")
    f = finding(r, "arp-entries", "172.29.144.1")
    assert f["severity"] == "info" and "Hyper-V" in f["detail"] and "needs no router" in f["detail"]
    # Real capture: one VirtualBox host among ordinary ones does not make the table virtual.
    assert "virtual adapter" not in finding(m.explain(fixture("en-win-arpspoof-arp-a.txt"), "en"), "arp-entries")["detail"]
