"""Tests for snippets/explain_netstat.py: real captures, pasted-text damage, CLI, properties."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing import assert_grows_linearly

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "netstat"
SCRIPT = ROOT / "snippets" / "explain_netstat.py"
REPORT_KEYS = {"tool", "recognized", "locale", "summary", "data", "findings"}
FINDING_KEYS = {"id", "severity", "title", "detail", "next_steps", "subject", "lines"}


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ns = _load("explain_netstat")


def text_of(name):
    return ns.decode_bytes((FIXTURES / name).read_bytes())


def ids(report):
    return [f["id"] for f in report["findings"]]


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert found, "no {0} in {1}".format(fid, ids(report))
    return found[0]


def check_shape(report):
    assert REPORT_KEYS <= set(report)
    assert report["tool"] == "netstat"
    assert isinstance(report["summary"], str) and "\n" not in report["summary"]
    for f in report["findings"]:
        assert FINDING_KEYS <= set(f)
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(n, int) and n >= 1 for n in f["lines"])
    if not report["recognized"]:
        assert report["findings"] == []


# ---------------------------------------------------------------------------------------------
# Fixtures: every .txt against its expected projection
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_fixture_projection(path):
    report = ns._explain(ns.decode_bytes(path.read_bytes()), "ja")
    check_shape(report)
    got = {"tool": report["tool"], "recognized": report["recognized"],
           "findings": [{k: f.get(k) for k in ("id", "severity", "subject")} for f in report["findings"]]}
    assert got == json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_fixture_has_expectation():
    for path in FIXTURES.glob("*.txt"):
        assert path.with_suffix(".json").exists(), path.name


# ---------------------------------------------------------------------------------------------
# Real captures
# ---------------------------------------------------------------------------------------------
def test_windows_anob_listeners_programs_and_counts():
    report = ns.explain(text_of("en-win10-jc-netstat-aonb.txt"), "en")
    data = report["data"]
    assert data["variant"] == "windows-anob"
    assert data["counts"] == {"LISTENING": 51, "ESTABLISHED": 54, "CLOSE_WAIT": 6, "TIME_WAIT": 3}
    by_port = {(x["address"], x["port"]): x for x in data["listening"] if x["proto"] == "TCP"}
    rpc = by_port[("0.0.0.0", 135)]
    assert (rpc["pid"], rpc["program"], rpc["service"], rpc["line"]) == (1712, "svchost.exe", "epmap", 5)
    smb = by_port[("0.0.0.0", 445)]
    assert smb["pid"] == 4 and smb["program"] is None  # "Can not obtain ownership information"
    assert by_port[("0.0.0.0", 7680)]["service"] == "wudo"
    assert by_port[("0.0.0.0", 49664)]["service"] == "rpc-dynamic"
    assert by_port[("127.0.0.1", 29802)]["program"] == "NVIDIA Web Helper.exe"
    lp = finding(report, "listening-ports")
    assert "0.0.0.0:135 (RPC endpoint mapper (Windows), PID 1712 svchost.exe)" in lp["detail"]
    assert any('tasklist /svc /fi "pid eq' in s for s in lp["next_steps"])
    assert lp["page"] == "network/tasklist/"
    # The six CLOSE_WAIT rows (all SearchApp.exe) stay below the threshold.
    assert "many-close-wait" not in ids(report)
    close = [c for c in data["connections"] if c["state"] == "CLOSE_WAIT"]
    assert {c["program"] for c in close} == {"SearchApp.exe"} and {c["pid"] for c in close} == {27568}


@pytest.mark.parametrize("name,variant", [
    ("en-win10-jc-netstat-an.txt", "windows-an"),
    ("en-win10-jc-netstat-aon.txt", "windows-ano"),
    ("en-win10-jc-netstat-aonb.txt", "windows-anob"),
    ("en-win10-jc-netstat.txt", "windows-names"),
    ("en-osx-jc-netstat-An.txt", "macos"),
    ("en-osx-jc-netstat.txt", "macos"),
    ("en-ubuntu-jc-netstat-sudo-lnp.txt", "linux"),
    ("handmade-ja-netstat-ano.txt", "windows-ano"),
])
def test_variants(name, variant):
    assert ns.explain(text_of(name))["data"]["variant"] == variant


def test_windows_an_has_no_pids_and_udp_ipv6_zone():
    data = ns.explain(text_of("en-win10-jc-netstat-an.txt"))["data"]
    assert all(x["pid"] is None for x in data["listening"])
    zones = [x for x in data["listening"] if x["address"].startswith("fe80::") and "%" in x["address"]]
    assert zones and all(x["port"] is not None for x in zones)


def test_windows_names_without_n():
    data = ns.explain(text_of("en-win10-jc-netstat.txt"))["data"]
    first = data["connections"][0]
    assert (first["local"], first["local_port"], first["remote"], first["remote_port"]) == ("127.0.0.1", 1031, "api", 1032)
    assert data["counts"] == {"ESTABLISHED": 32}


def test_macos_service_names_and_mail():
    report = ns.explain(text_of("en-osx-jc-netstat.txt"), "en")
    mails = [f for f in report["findings"] if f["id"] == "mail-connection"]
    assert [f["lines"] for f in mails] == [[7], [18]]
    assert "993/imaps" in mails[0]["title"]
    https = [c for c in report["data"]["connections"] if c["remote_port"] == 443]
    assert len(https) > 10


def test_macos_A_truncated_ports_are_not_trusted():
    data = ns.explain(text_of("en-osx-jc-netstat-An.txt"))["data"]
    first = data["connections"][0]  # 192.168.1.221.5486 -> 140.82.113.26.443 (local port cut to 4 digits)
    assert first["local_port"] is None and first["remote_port"] == 443 and first["line"] == 3


def test_linux_local_mail_server():
    report = ns.explain(text_of("en-ubuntu-jc-netstat-sudo-lnp-space.txt"), "en")
    f = finding(report, "local-mail-listener")
    assert "exim4" in f["detail"] and "127.0.0.1:25" in f["detail"] and f["lines"] == [8]
    assert any("lsof" in s for s in f["next_steps"])
    ssh = [x for x in report["data"]["listening"] if x["port"] == 22]
    assert ssh[0]["program"] == "sshd: /usr/sbin" and ssh[0]["pid"] == 600


def test_linux_names_mapped():
    data = ns.explain(text_of("en-ubuntu-jc-netstat-l.txt"))["data"]
    ports = sorted(x["port"] for x in data["listening"] if x["proto"] == "TCP")
    assert ports == [22, 22, 53, 42351]


@pytest.mark.parametrize("name", ["en-osx-jc-netstat-r.txt", "en-osx-jc-netstat-rnl.txt", "en-osx-jc-netstat-i.txt",
                                  "en-ubuntu-jc-netstat-r.txt", "en-ubuntu-jc-netstat-rne.txt",
                                  "en-ubuntu-jc-netstat-i.txt"])
def test_route_and_interface_tables_are_not_ours(name):
    text = text_of(name)
    assert ns.detect(text) < 0.2
    report = ns.explain(text)
    assert report["recognized"] is False and report["findings"] == []


def test_detect_scores():
    assert ns.detect(text_of("en-win10-jc-netstat-aon.txt")) >= 0.9
    assert ns.detect(text_of("handmade-ja-netstat-ano.txt")) >= 0.9
    assert ns.detect("Hello, this is a letter about mail.\nTCP is a protocol.") < 0.3
    assert ns.detect("") == 0.0


# ---------------------------------------------------------------------------------------------
# Text as people paste it (mutations of the real Windows captures)
# ---------------------------------------------------------------------------------------------
AON = text_of("en-win10-jc-netstat-aon.txt")
AONB = text_of("en-win10-jc-netstat-aonb.txt")
AON_LINES = AON.split("\r\n")


def listening_count(text):
    return len(ns.explain(text)["data"]["listening"])


def test_missing_header():
    body = "\r\n".join(AON_LINES[4:])
    assert "Proto" not in body
    report = ns.explain(body)
    assert report["recognized"] and len(report["data"]["listening"]) == listening_count(AON)
    assert report["data"]["variant"] == "windows-ano"


def test_findstr_style_excerpt_without_header():
    rows = [l for l in AON_LINES if "LISTENING" in l][:3]
    report = ns.explain("\n".join(rows))
    assert report["recognized"] and len(report["data"]["listening"]) == 3


def test_elided_rows():
    lines = AON_LINES[:20] + ["  ..."] + AON_LINES[60:]
    report = ns.explain("\r\n".join(lines))
    f = finding(report, "elided-rows")
    assert f["lines"] == [21]


def test_wrapped_ipv6_row_is_joined():
    index = next(i for i, l in enumerate(AON_LINES) if "[fe80::244e" in l)
    long_row = AON_LINES[index]
    assert len(long_row) > 80
    lines = AON_LINES[:index] + [long_row[:80], long_row[80:]] + AON_LINES[index + 1:]
    report = ns.explain("\r\n".join(lines))
    rows = [x for x in report["data"]["listening"] if x["address"] == "fe80::244e:2f1e:2096:62b2%9"]
    assert len(rows) == 1 and rows[0]["pid"] == 8844 and rows[0]["port"] == 1900 and rows[0]["line"] == index + 1
    assert len(report["data"]["listening"]) == listening_count(AON)
    assert "truncated-input" not in ids(report)


def test_wrapped_row_split_at_a_blank():
    row = "  TCP    [2001:db8:1::10]:50150     [2001:db8:ffff::25]:587     ESTABLISHED     7720"
    cut = row.index("ESTABLISHED")
    text = "\r\n".join(AON_LINES[:10] + [row[:cut].rstrip(), row[cut:]] + AON_LINES[10:])
    report = ns.explain(text, "en")
    f = finding(report, "mail-connection")
    assert f["subject"] == "[2001:db8:1::10]:50150 → [2001:db8:ffff::25]:587" and f["lines"] == [11, 12]


def test_prompt_and_quote():
    prompted = "C:\\Users\\taro>netstat -ano\r\n" + AON + "\r\nC:\\Users\\taro>"
    assert listening_count(prompted) == listening_count(AON)
    quoted = "\n".join("> " + l for l in AON_LINES)
    report = ns.explain(quoted)
    assert len(report["data"]["listening"]) == listening_count(AON)
    assert report["data"]["counts"] == ns.explain(AON)["data"]["counts"]


def test_lf_and_crlf_give_the_same_data():
    assert ns.explain(AON.replace("\r\n", "\n"))["data"] == ns.explain(AON)["data"]


def test_truncated_in_the_middle_of_a_row():
    index = next(i for i, l in enumerate(AON_LINES) if "127.0.0.1:1320 " in l)
    cut_line = AON_LINES[index][:30]          # "  TCP    127.0.0.1:1320       "
    text = "\r\n".join(AON_LINES[:index] + [cut_line])
    report = ns.explain(text, "en")
    f = finding(report, "truncated-input")
    assert f["lines"] == [index + 1] and f["severity"] == "warning"
    assert all(c["line"] != index + 1 for c in report["data"]["connections"])


def test_truncated_remote_port_is_not_read_as_a_mail_port():
    # "...:58" cut from ":587" must not become a finding about port 58 or 587.
    text = AON + "\r\n  TCP    192.168.31.221:50000   203.0.113.5:58"
    report = ns.explain(text)
    assert "truncated-input" in ids(report)
    assert not any(i.startswith("mail-") for i in ids(report))


def test_host_and_service_names_without_n():
    lines = text_of("en-win10-jc-netstat.txt").split("\r\n")
    lines[4] = "  TCP    DESKTOP-ABC:50123      kix06s10-in-f5:https   ESTABLISHED"
    lines[5] = "  TCP    DESKTOP-ABC:50124      mail.example.jp:submission  SYN_SENT"
    report = ns.explain("\r\n".join(lines), "en")
    first, second = report["data"]["connections"][:2]
    assert (first["local"], first["local_port"], first["remote"], first["remote_port"]) == \
        ("DESKTOP-ABC", 50123, "kix06s10-in-f5", 443)
    assert second["remote_port"] == 587
    f = finding(report, "mail-connection-stalled")
    assert f["severity"] == "error" and f["page"] == "mail/blocked-ports/" and f["lines"] == [6]
    assert f["subject"] == "DESKTOP-ABC:50124 → mail.example.jp:submission"


def test_syn_sent_to_25_mentions_op25b_in_both_languages():
    text = AON + "\r\n  TCP    192.168.31.221:50000   203.0.113.5:25         SYN_SENT        8216\r\n"
    ja = finding(ns.explain(text, "ja"), "mail-connection-stalled")
    en = finding(ns.explain(text, "en"), "mail-connection-stalled")
    assert "OP25B" in ja["detail"] and "OP25B" in en["detail"]
    assert any("587" in s for s in ja["next_steps"])
    assert ja["page"] == "mail/blocked-ports/" and ja["title"] != en["title"]


def test_syn_sent_elsewhere_is_a_warning_not_a_mail_error():
    text = AON + "\r\n  TCP    192.168.31.221:50000   203.0.113.5:443        SYN_SENT        8216\r\n"
    report = ns.explain(text)
    assert "mail-connection-stalled" not in ids(report)
    assert finding(report, "stalled-connections")["severity"] == "warning"


def test_many_close_wait_names_the_pid():
    lines = AONB.split("\r\n")
    extra = []
    for i, line in enumerate(lines):
        if "CLOSE_WAIT" in line:
            extra += [line, lines[i + 1]]
    text = "\r\n".join(lines + extra)          # 6 + 6 = 12 rows held by PID 27568
    report = ns.explain(text, "en")
    f = finding(report, "many-close-wait")
    assert f["subject"] == "PID 27568" and "SearchApp.exe" in f["detail"]
    assert f["page"] == "network/tasklist/" and len(f["lines"]) == 12
    assert any('tasklist /svc /fi "pid eq 27568"' in s for s in f["next_steps"])


def test_many_time_wait_thresholds():
    rows = [l for l in AONB.split("\r\n") if "TIME_WAIT" in l]
    assert len(rows) == 3
    assert "many-time-wait" not in ids(ns.explain(AONB))
    some = ns.explain(AONB + "\r\n" + "\r\n".join(rows * 70))       # 213
    assert finding(some, "many-time-wait")["severity"] == "info"
    lots = ns.explain(AONB + "\r\n" + "\r\n".join(rows * 700))      # 2103
    assert finding(lots, "many-time-wait")["severity"] == "warning"


def test_remote_desktop_listener():
    text = AON.replace("  TCP    0.0.0.0:135            0.0.0.0:0", "  TCP    0.0.0.0:3389           0.0.0.0:0", 1)
    f = finding(ns.explain(text), "remote-desktop-exposed")
    assert f["subject"] == "TCP/3389" and f["lines"] == [5]
    assert "remote-desktop-exposed" not in ids(ns.explain(AON))


def test_security_suite_mail_proxy():
    report = ns.explain(text_of("handmade-ja-netstat-anob.txt"), "ja")
    f = finding(report, "local-mail-listener")
    assert "Kaspersky" in f["detail"] and "avp.exe" in f["detail"]
    mail = finding(report, "mail-connection")
    assert "127.0.0.1" in mail["detail"]
    owners = {x["port"]: x["program"] for x in report["data"]["listening"] if x["proto"] == "TCP"}
    assert owners[445] is None and owners[135] == "svchost.exe"


def test_japanese_fixture_reads_like_english_one():
    report = ns.explain(text_of("handmade-ja-netstat-ano.txt"), "ja")
    wrapped = [c for c in report["data"]["connections"] if c["remote"] == "2001:db8:ffff::25"]
    assert len(wrapped) == 1 and wrapped[0]["remote_port"] == 443 and wrapped[0]["pid"] == 10432
    assert report["summary"].startswith("netstat の出力")


def test_header_only_is_no_connections():
    report = ns.explain("\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n")
    assert report["recognized"] and ids(report) == ["no-connections"]


def test_english_and_japanese_text_differ_but_data_matches():
    ja, en = ns.explain(AONB, "ja"), ns.explain(AONB, "en")
    assert ja["data"]["connections"] == en["data"]["connections"]
    assert ja["locale"] == "ja" and en["locale"] == "en"
    assert ja["findings"][0]["title"] != en["findings"][0]["title"]


def test_large_input_is_read_whole():
    big = (AONB + "\r\n") * (1_000_000 // len(AONB) + 1)
    report = ns.explain(big)
    assert report["recognized"] and "many-close-wait" in ids(report)
    assert len(report["data"]["connections"]) == len(ns.explain(AONB)["data"]["connections"]) * big.count("Active Connections")


def _repeated_rows(body, lines):
    """A header, then the given row lines repeated up to the given number of lines."""
    out = AON_LINES[:4]
    while len(out) < lines:
        out.extend(body)
    return "\r\n".join(out[:lines]) + "\r\n"


WRAPPED = ["  TCP    [2001:db8:1::10]:50150     [2001:db8:ffff::25]:587", "     ESTABLISHED     7720"]


@pytest.mark.parametrize("body", [
    [line for line in AON_LINES if line.strip().startswith(("TCP", "UDP"))],  # listening + connections
    AONB.split("\r\n")[4:],                                                     # rows with owner lines
    WRAPPED + ["  ..."],                                                          # wrapped rows, elisions
], ids=["rows", "owner-lines", "wrapped-and-elided"])
def test_time_grows_linearly(body):
    # Four times the lines must cost about four times as much, not sixteen (quadratic). The
    # bound is a ratio, not a speed, so a slow or loaded machine does not fail it.
    small, large = _repeated_rows(body, 5_000), _repeated_rows(body, 20_000)
    assert_grows_linearly(ns.explain, small, large)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------
REAL = [text_of(n) for n in ("en-win10-jc-netstat-aonb.txt", "en-win10-jc-netstat-aon.txt",
                             "en-osx-jc-netstat.txt", "en-ubuntu-jc-netstat-sudo-aeep.txt")]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    # _explain is explain without its last-resort guard: a bug must show here, not hide there.
    report = ns._explain(text, "ja")
    check_shape(report)
    assert 0.0 <= ns.detect(text) <= 1.0


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(REAL))
    lines = text.replace("\r\n", "\n").split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "cut", "noise"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][:draw(st.integers(0, max(0, len(lines[i]))))]
        else:
            lines.insert(i, draw(st.text(max_size=40)))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    out = sep.join(lines)
    if draw(st.booleans()):
        out = out[:draw(st.integers(0, len(out)))]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["ja", "en"]))
def test_mutated_real_samples_never_raise(text, lang):
    report = ns._explain(text, lang)
    check_shape(report)
    assert report["locale"] == lang
    json.dumps(report, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
def run(*args, stdin=None):
    proc = subprocess.run([sys.executable, str(SCRIPT)] + list(args), input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert b"Traceback" not in proc.stderr
    return proc


def test_cli_encodings_give_the_same_report():
    outs = []
    for name in ("handmade-ja-netstat-ano.txt", "handmade-encoding-cp932-netstat-ano.txt",
                 "handmade-encoding-utf16le-bom-netstat-ano.txt"):
        proc = run(str(FIXTURES / name), "--json")
        assert proc.returncode == 1  # SYN_SENT to port 25 is an error
        outs.append(json.loads(proc.stdout.decode("utf-8")))
    assert outs[0] == outs[1] == outs[2]
    assert outs[0]["findings"][0]["id"] == "mail-connection-stalled"


def test_cli_text_lang_en_and_exit_0():
    proc = run(str(FIXTURES / "en-win10-jc-netstat-aon.txt"), "--lang", "en")
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert out.startswith("netstat output (windows-ano)") and "Listening ports" in out


def test_cli_stdin():
    data = (FIXTURES / "en-ubuntu-jc-netstat-sudo-lnp-space.txt").read_bytes()
    for args in (["-", "--json"], ["--json"]):     # bare run with piped stdin reads it (not on Windows)
        proc = run(*args, stdin=data)
        assert proc.returncode == 0
        assert json.loads(proc.stdout.decode("utf-8"))["data"]["variant"] == "linux"


def test_cli_unrecognized_is_exit_2_with_one_line():
    proc = run(str(FIXTURES / "en-ubuntu-jc-netstat-r.txt"))
    assert proc.returncode == 2 and proc.stdout == b""
    assert len(proc.stderr.decode("utf-8").strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["/nonexistent/netstat.txt"], ["--lang", "xx", "file"], ["a", "b"]])
def test_cli_usage_errors(args):
    proc = run(*args)
    assert proc.returncode == 2 and len(proc.stderr.decode("utf-8").strip().splitlines()) == 1


def test_cli_empty_input():
    proc = run("-", stdin=b"  \r\n")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_main_on_a_terminal_explains_how_to_save(monkeypatch, capsys):
    class Tty:
        def isatty(self):
            return True
    monkeypatch.setattr(ns.sys, "platform", "linux")
    monkeypatch.setattr(ns.sys, "stdin", Tty())
    assert ns.main(["--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "netstat -ano > netstat.txt" in err and len(err.strip().splitlines()) == 1


# ---- The fast path for the common Windows row must read every row as the general path does ----
def _general_row(tokens, doc):
    row, complete = ns._parse_tokens(tokens, doc)
    return row if complete else None


FAST_SAMPLES = [
    "TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 1712",
    "TCP [::]:445 [::]:0 LISTENING 4",
    "TCP [fe80::1%12]:139 [fe80::2%12]:50000 ESTABLISHED 99",
    "UDP 0.0.0.0:500 *:* 4",
    "UDP [::1]:1900 *:* 7000",
    "TCP 192.168.1.5:50123 203.0.113.9:587 SYN_SENT",
    "UDP 0.0.0.0:5353 *:*",
    "TCP 10.0.0.1:0099999 10.0.0.2:80 ESTABLISHED 1",     # port over 65535 -> None
    "TCP 10.0.0.1:080 10.0.0.2:80 TIME_WAIT 0",          # leading zero
]
SLOW_SAMPLES = [
    "TCP DESKTOP-1:50000 example.com:https ESTABLISHED 12",  # names: general path
    "TCP 0.0.0.0:135 0.0.0.0:0 listening 1712",              # lower case state
    "TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 17x2",
    "TCP 0.0.0.0:１３５ 0.0.0.0:0 LISTENING 1712",           # full-width digits
    "TCP [::1 [::]:0 LISTENING 4",
    "UDP 0.0.0.0:500 *:* LISTENING",
    "TCPv6 [::]:135 [::]:0 LISTENING 1",
]


@pytest.mark.parametrize("pid_column", [False, True])
def test_fast_row_path_agrees_with_the_general_path(pid_column):
    doc = ns._Doc()
    doc.pid_column = pid_column
    lines = list(FAST_SAMPLES) + list(SLOW_SAMPLES)
    for path in sorted(FIXTURES.glob("*.txt")):
        lines += [line for line in ns._clean_lines(text_of(path.name)) if line.split()[:1] in (["TCP"], ["UDP"])]
    fast_count = 0
    for line in lines:
        tokens = line.split()
        fast = ns._fast_windows(tokens, pid_column, 7)
        if fast is None:
            continue
        fast_count += 1
        general = _general_row(tokens, doc)
        assert general is not None, line
        general["line"] = 7
        assert fast == general, line
    assert fast_count > 100
    for line in SLOW_SAMPLES:
        assert ns._fast_windows(line.split(), pid_column, 7) is None, line


def test_pid_column_learned_from_later_rows_rereads_earlier_ones():
    # No header: only the second row shows that the output has a PID column, so the first row
    # (without one) is incomplete, exactly as when the header says PID.
    rows = "  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING\n  TCP    0.0.0.0:445    0.0.0.0:0    LISTENING    4\n"
    report = ns.explain(rows, "en")
    assert report["data"]["unparsed_lines"] == [1]
    assert [r["port"] for r in report["data"]["listening"]] == [445]
    header = "  Proto  Local Address  Foreign Address  State  PID\n"
    assert ns.explain(header + rows, "en")["data"]["unparsed_lines"] == [2]
    # The same when the row with the PID shows names (read by the general path).
    named = rows.replace("0.0.0.0:445", "DESKTOP-1:microsoft-ds")
    report = ns.explain(named, "en")
    assert report["data"]["unparsed_lines"] == [1]
    assert report["data"]["variant"] == "windows-names"


def test_macos_learned_from_a_later_line_rereads_earlier_rows():
    # "tcp" rows read with Linux addresses until a macOS-only first word (tcp4) shows up later.
    text = ("tcp        0      0  127.0.0.1.631          *.*                    LISTEN\n"
            "tcp4       0      0  192.168.1.2.50000      203.0.113.5.993        ESTABLISHED\n")
    report = ns.explain(text, "en")
    assert report["data"]["variant"] == "macos"
    assert [(r["address"], r["port"]) for r in report["data"]["listening"]] == [("127.0.0.1", 631)]
