"""explain_testnetconnection.py: PowerShell's Test-NetConnection (tnc) output, default, -Port,
-InformationLevel Detailed / Quiet, -TraceRoute, several results in one paste, warnings with a
translated prefix. Expected findings per fixture are in tests/fixtures/testnetconnection/*.json
(tests/test_fixtures.py); this file checks the reasoning on edited real captures, detection both
ways against every other tool's fixtures, robustness and the command line."""

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
SCRIPT = ROOT / "snippets" / "explain_testnetconnection.py"
FIX = ROOT / "tests" / "fixtures" / "testnetconnection"
ALL_FIXTURES = ROOT / "tests" / "fixtures"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_testnetconnection")


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def ids(report):
    return [(f["id"], f["severity"], f.get("subject")) for f in report["findings"]]


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, ids(report)
    return found[0]


REAL = sorted(p.name for p in FIX.glob("*.txt") if not p.name.startswith("handmade"))
OURS = sorted(FIX.glob("*.txt"))
OTHER_TOOLS = sorted(
    p for p in ALL_FIXTURES.glob("*/*")
    if p.parent.name != "testnetconnection" and p.suffix in (".txt", ".out")
)
OTHER_EXPLAINERS = sorted(
    p.stem for p in (ROOT / "snippets").glob("explain_*.py") if p.stem != "explain_testnetconnection"
)


# ---------------------------------------------------------------------------------------------
# Detection: ours high, others low on ours, ours low on theirs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", OURS, ids=[p.name for p in OURS])
def test_detect_is_high_on_test_netconnection_output(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) >= 0.5
    assert m.explain(text)["recognized"]


@pytest.mark.parametrize("path", OURS, ids=[p.name for p in OURS])
def test_other_explainers_stay_below_the_threshold_on_ours(path):
    text = m.decode_bytes(path.read_bytes())
    for name in OTHER_EXPLAINERS:
        other = _load(name)
        if name == "explain_session":
            # The console-session reader scores any paste with two or more prompts (two runs of
            # Test-NetConnection are a small session); the single-tool reading must still win.
            assert other.detect(text) < m.detect(text), (name, other.detect(text))
            continue
        assert other.detect(text) < 0.2, (name, other.detect(text))


@pytest.mark.parametrize("path", OTHER_TOOLS, ids=[f"{p.parent.name}/{p.name}" for p in OTHER_TOOLS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_there_are_other_outputs_to_compare_with():
    kinds = {p.parent.name for p in OTHER_TOOLS}
    assert {"ipconfig", "netstat", "ping", "route", "tracert"} <= kinds
    assert {"explain_ipconfig", "explain_netstat", "explain_ping"} <= set(OTHER_EXPLAINERS)


def test_alias_and_prose_alone_are_not_output():
    assert m.detect("Test-NetConnection mail.example.jp -Port 587\n") == 0.0
    assert m.detect("InterfaceAlias : Wi-Fi\nSourceAddress : 192.168.1.2\n") == 0.0
    assert m.detect("True\n") == 0.0
    # A sentence that mentions the warning is not a warning.
    assert m.detect("# You should see NO \"警告: TCP connect to (::1\" messages\n") == 0.0


# ---------------------------------------------------------------------------------------------
# Parsing details of the real captures
# ---------------------------------------------------------------------------------------------


def test_japanese_default_port_output():
    r = m.explain(fixture("ja-win10-miumo6329-port443-open.txt"))
    (t,) = r["data"]["tests"]
    assert t["computer_name"] == "google.com" and t["remote_address"] == "172.217.26.46"
    assert t["remote_port"] == 443 and t["interface_alias"] == "イーサネット"
    assert t["source_address"] == "192.168.11.2" and t["tcp_test_succeeded"] is True
    assert t["ping_succeeded"] is None and t["name_resolution_succeeded"] is True
    assert t["command"] == "Test-NetConnection google.com -Port 443" and t["lines"] == [3, 4, 5, 6, 7, 8]
    assert isinstance(t["remote_address"], str)


def test_utf16_reencoding_reads_the_same():
    utf8 = m.explain(fixture("ja-win10-miumo6329-port443-open.txt"))["data"]["tests"][0]
    utf16 = m.explain(fixture("ja-win10-miumo6329-port443-open-utf16le-bom-reencoded.txt"))["data"]["tests"][0]
    for key in ("computer_name", "remote_address", "remote_port", "interface_alias", "tcp_test_succeeded"):
        assert utf8[key] == utf16[key]


def test_detailed_fields_and_second_name_resolution_line():
    t = m.explain(fixture("en-win11-kafka-detailed-no-prefix-excerpt.txt"))["data"]["tests"][0]
    assert t["information_level"] == "detailed"
    assert t["name_resolution_results"] == ["192.168.204.133", "dev.local"]
    assert t["is_admin"] is False and t["next_hop"] == "0.0.0.0" and t["network_isolation_context"] == "Internet"
    assert t["warnings"] == [{"address": "192.168.204.133", "port": 32769, "kind": "tcp", "line": 2}]
    t = m.explain(fixture("en-ps51-session-detailed-port-closed.txt"))["data"]["tests"][0]
    assert t["next_hop"] == "10.156.125.129" and t["rtt_ms"] == 45 and t["ping_succeeded"] is True


def test_several_results_in_one_paste():
    tests = m.explain(fixture("zh-win-gloom-two-ports-closed.txt"))["data"]["tests"]
    assert [(t["remote_port"], t["rtt_ms"]) for t in tests] == [(6001, 4), (6000, 2)]
    assert [t["warnings"][0]["line"] for t in tests] == [2, 17]
    tests = m.explain(fixture("en-devops-csv-pipeline-three-results.txt"))["data"]["tests"]
    assert [(t["computer_name"], t["tcp_test_succeeded"]) for t in tests] == [
        ("192.168.99.1", False), ("8.8.8.8", True), ("1.1.1.1", True)]
    assert tests[0]["ping_status"] == "TimedOut" and len(tests[0]["warnings"]) == 2
    assert tests[1]["warnings"] == [] and tests[1]["command"] is None


def test_quiet_needs_its_prompt_line():
    r = m.explain(fixture("ja-winserver-team0-quiet.txt"))
    (t,) = r["data"]["tests"]
    assert t["information_level"] == "quiet" and t["ping_succeeded"] is True and t["computer_name"] == "google.com"
    r = m.explain("PS C:\\> tnc smtp.example.jp -Port 25 -InformationLevel Quiet\nFalse\n")
    (t,) = r["data"]["tests"]
    assert t["tcp_test_succeeded"] is False and t["remote_port"] == 25
    assert finding(r, "port-closed")["subject"] == "smtp.example.jp:25"
    assert m.explain("False\n")["recognized"] is False


def test_trace_route_list():
    r = m.explain(fixture("en-wlan-traceroute.txt"), "en")
    t = r["data"]["tests"][0]
    assert t["trace_route"][0] == "192.168.1.1" and t["trace_route"][-1] == "1.1.1.1" and len(t["trace_route"]) == 6
    assert "6 hops" in finding(r, "trace-route")["detail"]
    cut = fixture("en-wlan-traceroute.txt").replace("                         1.1.1.1\n", "")
    f = finding(m.explain(cut, "en"), "trace-route")
    assert "not the target" in f["detail"]


def test_old_warning_form_and_indented_block():
    r = m.explain(fixture("en-ws2016-msdocs-ru-old-warning-unreachable.txt"), "en")
    t = r["data"]["tests"][0]
    assert t["ping_status"] == "DestinationHostUnreachable" and t["interface_alias"] == "vEthernet (CORP-External-Switch)"
    assert "DestinationHostUnreachable" in finding(r, "ping-failed")["detail"]
    r = m.explain("WARNING: TCP connect to 10.10.14.55:4444 failed\nWARNING: Ping to 10.10.14.55 failed -- Status: TimedOut\n")
    (t,) = r["data"]["tests"]
    assert (t["remote_address"], t["remote_port"], t["ping_status"]) == ("10.10.14.55", 4444, "TimedOut")
    assert [f["id"] for f in r["findings"]] == ["port-closed"]


def test_warnings_alone_and_in_other_languages():
    for prefix in ("警告: ", "WARNING: ", "AVISO: ", "WARNUNG: ", "Warning: ", "", "警告："):
        r = m.explain(prefix + "TCP connect to (104.244.43.248 : 443) failed\n")
        assert r["recognized"] and [f["id"] for f in r["findings"]] == ["port-closed"], prefix
    r = m.explain("WARNING: Name resolution of db01.nexus.internal failed\nTcpTestSucceeded : False\n")
    assert [f["id"] for f in r["findings"]] == ["name-not-resolved"]


# ---------------------------------------------------------------------------------------------
# Reasoning
# ---------------------------------------------------------------------------------------------


def test_port_25_from_home_explains_op25b():
    r = m.explain(fixture("handmade-ja-port25-op25b.txt"))
    f = finding(r, "port-closed")
    assert "OP25B" in f["detail"] and "587" in f["detail"] and "応答時間 9 ms" in f["detail"]
    assert any("587" in s for s in f["next_steps"]) and f["page"] == "network/port-check/"
    assert f["lines"] == [2, 5, 6, 7, 8, 9, 10, 11, 12]
    en = finding(m.explain(fixture("handmade-ja-port25-op25b.txt"), "en"), "port-closed")
    assert "OP25B" in en["detail"] and "home line" in en["detail"]


@pytest.mark.parametrize("port,word", [(587, "587"), (465, "465"), (993, "993"), (110, "995")])
def test_each_mail_port_has_its_explanation(port, word):
    text = fixture("handmade-ja-port25-op25b.txt").replace(": 25)", ": {0})".format(port)).replace(
        "RemotePort             : 25", "RemotePort             : {0}".format(port)).replace("-Port 25", "-Port {0}".format(port))
    f = finding(m.explain(text, "en"), "port-closed")
    assert f["subject"] == "smtp.example.jp:{0}".format(port)
    assert "OP25B" not in f["detail"]
    assert word in f["detail"] + " ".join(f["next_steps"])


def test_ping_failure_with_open_port_is_not_a_down_host():
    r = m.explain(fixture("handmade-ja-port587-open-ping-blocked.txt"), "en")
    ping = finding(r, "ping-failed")
    assert ping["severity"] == "info" and "only ping (ICMP) is blocked" in ping["detail"]
    assert finding(r, "port-open")["severity"] == "ok" and "mail app" in finding(r, "port-open")["detail"]
    assert run(str(FIX / "handmade-ja-port587-open-ping-blocked.txt")).returncode == 0


def test_closed_port_with_failed_ping_says_icmp_may_be_blocked():
    f = finding(m.explain(fixture("zh-win-cncb-port-timeout-ping-timeout.txt"), "en"), "port-closed")
    assert "many servers block ping" in f["detail"]
    assert [x["id"] for x in m.explain(fixture("zh-win-cncb-port-timeout-ping-timeout.txt"))["findings"]] == ["port-closed"]


def test_ping_only_failure_is_a_warning_and_success_ok():
    text = fixture("ja-winserver-team0-ping.txt").replace("PingSucceeded          : True", "PingSucceeded          : False")
    first, rest = text.split("\n", 1)
    r = m.explain(first + "\nWARNING: Ping to 172.217.161.78 failed with status: TimedOut\n" + rest, "en")
    f = finding(r, "ping-failed")
    assert f["severity"] == "warning" and "TimedOut" in f["detail"] and "-Port 587" in f["next_steps"][0]
    ok = finding(m.explain(fixture("ja-winserver-team0-ping.txt")), "ping-ok")
    assert "応答時間 3 ms" in ok["detail"] and "Team0" in ok["detail"]


def test_name_resolved_to_private_address():
    r = m.explain(fixture("ja-win10-miumo6329-port443-open.txt").replace("172.217.26.46", "192.168.11.9"))
    assert finding(r, "private-address")["severity"] == "info"
    # Names only a local network knows (one label, .local, .internal ...) are expected to be private.
    for local in ("QTTNWLERC00036", "nas.local", "db01.nexus.internal"):
        text = fixture("ja-win10-miumo6329-port443-open.txt").replace("172.217.26.46", "192.168.11.9").replace("google.com", local)
        assert not [f for f in m.explain(text)["findings"] if f["id"] == "private-address"], local
    # An address typed as the target is not "a name that resolved".
    assert not [f for f in m.explain(fixture("zh-win-gloom-two-ports-closed.txt"))["findings"] if f["id"] == "private-address"]


def test_empty_remote_address_means_the_name_did_not_resolve():
    text = "ComputerName   : nosuch.example\nRemoteAddress  :\nInterfaceAlias :\nSourceAddress  :\nPingSucceeded  : False\n"
    r = m.explain(text)
    assert [f["id"] for f in r["findings"]] == ["name-not-resolved"]
    assert r["data"]["tests"][0]["remote_address"] is None


def test_many_results_are_capped():
    block = "ComputerName     : 8.8.8.8\nRemoteAddress    : 8.8.8.8\nRemotePort       : 53\nTcpTestSucceeded : True\n\n"
    r = m.explain(block * 120)
    assert len(r["data"]["tests"]) == 120 and r["data"]["more_tests"] == 70 and r["data"]["tests_total"] == 120
    huge = m.explain(block * 700)
    assert len(huge["data"]["tests"]) == 500 and huge["data"]["tests_total"] == 700 and "700" in huge["summary"]
    assert [f for f in r["findings"] if f["id"] == "more-results"]
    assert len([f for f in r["findings"] if f["id"] == "port-open"]) == 50


@pytest.mark.parametrize("name", REAL)
def test_paste_variants_give_the_same_findings(name):
    text = fixture(name)
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("> " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

CONTRACT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "lines"}
REAL_TEXTS = [fixture(n) for n in REAL]


def check_report(report, text, lang):
    assert set(report) >= CONTRACT_KEYS
    assert report["tool"] == "testnetconnection" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = len(text.splitlines())
    for f in report["findings"]:
        assert set(f) >= FINDING_KEYS, f
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"] + " ".join(f["next_steps"])), f
        if "subject" in f:
            assert isinstance(f["subject"], str) and f["subject"]
    if not report["recognized"]:
        assert report["findings"] == []
    else:
        for t in report["data"]["tests"]:
            assert t["remote_address"] is None or isinstance(t["remote_address"], str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    report = m.analyse(text, lang)  # the unprotected core: a bug would show here
    check_report(report, text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


LINE_ALPHABET = st.sampled_from(
    ["ComputerName : ", "RemoteAddress : ", "RemotePort : 25", "TcpTestSucceeded : ", "PingSucceeded : False",
     "警告: TCP connect to (", " : 25) failed", "WARNING: Ping to ", " failed with status: ", "Name resolution of ",
     "TraceRoute : ", "PS C:\\> tnc x -InformationLevel Quiet", "True", "NameResolutionResults : ", "\r", "\x0b",
     "                          ", "PingReplyDetails (RTT) : ms"]
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_mixed_encodings_never_raise(data):
    for blob in (data, codecs.BOM_UTF16_LE + data, "ComputerName : 警告".encode("cp932") + data):
        text = m.decode_bytes(blob)
        check_report(m.analyse(text, "ja"), text, "ja")


def test_growth_is_linear():
    base = fixture("zh-win-gloom-two-ports-closed.txt") + "\n" + fixture("en-devops-csv-pipeline-three-results.txt")
    small = base * 200
    big = base * 800
    assert_grows_linearly((m.explain, m.detect), small, big)


def test_hostile_one_megabyte_lines_finish():
    for hostile in (
        "ComputerName : " + "a" * 1_000_000,
        "警告: TCP connect to (" + "1" * 1_000_000 + " : 25) failed",
        "WARNING: Ping to " + "x" * 1_000_000,
        "TraceRoute : 1.1.1.1\n" + (" " * 20 + "1.1.1.1\n") * 50_000,
        "PS C:\\> tnc " + "-Port " * 150_000,
        ":" * 1_000_000,
        ("RemotePort : 25\n" * 70_000),
    ):
        with finishes_within(5, hostile[:40]):
            r = m.explain(hostile)
            m.detect(hostile)
        check_report(r, hostile, "ja")


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
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_testnetconnection.py: "), err


def test_cli_exit_codes_and_json():
    proc = run(str(FIX / "handmade-ja-port25-op25b.txt"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1 and "[エラー] ポートに接続できませんでした" in out and "OP25B" in out
    proc = run(str(FIX / "ja-win10-miumo6329-port443-open.txt"), "--lang", "en")
    assert proc.returncode == 0 and "[OK] The port accepted the connection" in proc.stdout.decode("utf-8")
    data = json.loads(run(str(FIX / "en-devops-csv-pipeline-three-results.txt"), "--json").stdout)
    assert data["tool"] == "testnetconnection" and len(data["data"]["tests"]) == 3


def test_cli_encodings_give_the_same_report(tmp_path):
    text = fixture("handmade-ja-port25-op25b.txt")
    reports = []
    for name, data in (
        ("utf8.txt", text.encode("utf-8")),
        ("cp932.txt", text.encode("cp932")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        proc = run(str(tmp_path / name), "--json")
        assert proc.returncode == 1, proc.stderr
        reports.append(json.loads(proc.stdout.decode("utf-8")))
    assert all(r["findings"] == reports[0]["findings"] for r in reports)


def test_cli_stdin_like_out_string():
    # Test-NetConnection ... | Out-String | python explain_testnetconnection.py -
    raw = ("\r\n" + fixture("ja-win10-miumo6329-port443-open.txt").split("\n", 1)[1].replace("\n", "\r\n")).encode("utf-8")
    proc = run("-", stdin=raw)
    assert proc.returncode == 0 and "google.com" in proc.stdout.decode("utf-8")
    proc = run(stdin=raw)  # no FILE: piped stdin is read
    assert proc.returncode == 0


def test_cli_usage_and_input_errors():
    assert_one_line_error(run(str(FIX / "does-not-exist.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / "handmade-ja-port25-op25b.txt")))
    assert_one_line_error(run("a", "b"))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", stdin=(ALL_FIXTURES / "ipconfig" / "ja-win10-vuls.txt").read_bytes())
    assert_one_line_error(proc)
    assert proc.stdout == b"" and "Test-NetConnection" in proc.stderr.decode("utf-8")
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like Test-NetConnection output" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="pty")
def test_cli_bare_on_a_terminal_explains_how_to_pipe():
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT)], stdin=slave, capture_output=True, timeout=60,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.close(master)
        os.close(slave)
    assert_one_line_error(proc)
    assert "Out-String" in proc.stderr.decode("utf-8")


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    block = (ROOT / "scripts" / "common_block.py").read_text(encoding="utf-8").strip("\n")
    assert block in src
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line or "argparse" in line]


# ---------------------------------------------------------------------------------------------
# The other PowerShell commands of this work: Get-NetIPConfiguration (explain_ipconfig) and
# Get-NetTCPConnection (explain_netstat). Their own tool wins; every other explainer stays
# below the explain/ page's threshold.
# ---------------------------------------------------------------------------------------------

PS_FIXTURES = sorted(ALL_FIXTURES.glob("ipconfig/ps-*.txt")) + sorted(ALL_FIXTURES.glob("netstat/*ps-*.txt"))


@pytest.mark.parametrize("path", PS_FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in PS_FIXTURES])
def test_powershell_outputs_are_detected_by_their_own_explainer_only(path):
    own = _load("explain_" + path.parent.name)
    text = own.decode_bytes(path.read_bytes())
    assert own.detect(text) >= 0.5 and own.explain(text)["recognized"]
    for name in OTHER_EXPLAINERS + ["explain_testnetconnection"]:
        if name == "explain_" + path.parent.name:
            continue
        if name == "explain_session":  # several prompts are a small session: it must score lower
            assert _load(name).detect(text) < own.detect(text), name
            continue
        assert _load(name).detect(text) < 0.2, name


def test_get_netipconfiguration_data():
    ipconfig = _load("explain_ipconfig")
    r = ipconfig.explain(ipconfig.decode_bytes((ALL_FIXTURES / "ipconfig" / "ps-en-win11-owner-getnetipconfiguration-session.txt").read_bytes()))
    assert r["data"]["mode"] == "powershell"
    eth, wifi, bt = r["data"]["adapters"]
    assert eth["name"] == "Ethernet" and eth["ipv4_gateways"] == ["192.168.1.254"]
    assert eth["dns_servers"][-1] == "192.168.1.254" and len(eth["dns_servers"]) == 3
    assert wifi["media_disconnected"] and bt["virtual_reason"] == "bluetooth"
    detailed = ipconfig.explain(ipconfig.decode_bytes((ALL_FIXTURES / "ipconfig" / "ps-pl-kuc-detailed-apipa.txt").read_bytes()))
    (lan,) = detailed["data"]["adapters"]
    assert lan["dhcp_enabled"] is True and lan["physical_address"] == "38-2C-4A-6C-BF-65"
    # Without the DNS servers of a connected adapter with a gateway: no-dns-server, as for ipconfig /all.
    text = ipconfig.decode_bytes((ALL_FIXTURES / "ipconfig" / "ps-en-win11-lloyd-wifi-wsl-excerpt.txt").read_bytes())
    text = text.replace("DNSServer            : 172.17.253.106\n                       8.8.8.8\n", "")
    assert [f["id"] for f in ipconfig.explain(text)["findings"] if f["severity"] == "error"] == ["no-dns-server"]


def test_get_nettcpconnection_rows():
    netstat = _load("explain_netstat")
    r = netstat.explain(netstat.decode_bytes((ALL_FIXTURES / "netstat" / "handmade-ps-ja-mail-getnettcpconnection.txt").read_bytes()), "en")
    assert r["data"]["variant"] == "windows-powershell"
    assert r["data"]["counts"] == {"SYN_SENT": 2, "ESTABLISHED": 1, "LISTENING": 1, "TIME_WAIT": 1}
    first = r["data"]["connections"][0]
    assert (first["remote"], first["remote_port"], first["pid"], first["line"]) == ("203.0.113.25", 587, 8812, 5)
    stalled = [f for f in r["findings"] if f["id"] == "mail-connection-stalled"]
    assert stalled and stalled[0]["lines"] == [5, 6]
    # IPv6 endpoints are written as netstat writes them.
    r = netstat.explain(netstat.decode_bytes((ALL_FIXTURES / "netstat" / "ps-ko-ssh-getnettcpconnection-ipv6-loopback.txt").read_bytes()))
    assert "[::]:22" in [f for f in r["findings"] if f["id"] == "listening-ports"][0]["detail"]


def test_format_list_star_is_one_result():
    # Modelled on `Test-NetConnection ... | Format-List *` in a public Japanese note (search index
    # file id 62407478304): some of its property lines (InterfaceAlias … MatchingIPsecRules), padding
    # trimmed; the ComputerName, RemoteAddress and PingSucceeded lines are added here by hand.
    # The object's other properties must not split it into several results.
    text = (
        "ComputerName             : localhost\nRemoteAddress            : 127.0.0.1\n"
        "InterfaceAlias           : Loopback Pseudo-Interface 1\nInterfaceIndex           : 1\n"
        "InterfaceDescription     :\nNetAdapter               :\n"
        'NetRoute                 : MSFT_NetRoute (InstanceID = ";?A8:8:8;9??55;55:8:8:8:55;")\n'
        "SourceAddress            : 127.0.0.1\nNameResolutionSucceeded  : True\n"
        "BasicNameResolution      : {Microsoft.DnsClient.Commands.DnsRecord_PTR}\nLLMNRNetbiosRecords      : {}\n"
        "IsAdmin                  : False\nNetworkIsolationContext  : Loopback\nMatchingIPsecRules       :\n"
        "PingSucceeded            : True\n"
    )
    r = m.explain(text)
    (t,) = r["data"]["tests"]
    assert t["name_resolution_succeeded"] is True and t["is_admin"] is False and t["ping_succeeded"] is True
    assert [f["id"] for f in r["findings"]] == ["ping-ok"]
