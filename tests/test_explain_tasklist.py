"""explain_tasklist.py: tasklist output (table, /svc, /v, /fo csv, /fo list, /nh, ja/en). Expected
findings per fixture are in tests/fixtures/tasklist/*.json (tests/test_fixtures.py); this file checks
parsing details, the program table, the netstat tie-in, detection against every other fixture (both
ways), robustness and the command line."""

from __future__ import annotations

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
SCRIPT = ROOT / "snippets" / "explain_tasklist.py"
FIX = ROOT / "tests" / "fixtures" / "tasklist"
ALL_FIXTURES = ROOT / "tests" / "fixtures"
# explain_session reads a whole console window (several commands with their prompts); it is meant to
# score high on such pastes, so it is not one of the single-command explainers compared here.
OTHER_EXPLAINERS = sorted(p.stem for p in (ROOT / "snippets").glob("explain_*.py")
                          if p.stem not in ("explain_tasklist", "explain_session"))


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "snippets" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


m = _load("explain_tasklist")


def fixture(name):
    return m.decode_bytes((FIX / name).read_bytes())


def finding(report, fid):
    found = [f for f in report["findings"] if f["id"] == fid]
    assert len(found) == 1, [f["id"] for f in report["findings"]]
    return found[0]


OWN = sorted(FIX.glob("*.txt"))
OTHERS = sorted(p for p in ALL_FIXTURES.glob("*/*") if p.parent.name != "tasklist" and p.suffix in (".txt", ".out"))


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_detect_is_high_on_tasklist_and_other_explainers_are_low(path):
    text = m.decode_bytes(path.read_bytes())
    score = m.detect(text)
    assert score >= 0.9, score
    for name in OTHER_EXPLAINERS:
        other = _load(name).detect(text)
        if name == "explain_netstat" and "netstat" in path.name:
            assert other < score, (name, other, score)  # a tasklist paste with a few netstat rows: tasklist wins
        else:
            assert other < 0.2, (name, other)


@pytest.mark.parametrize("path", OTHERS, ids=[f"{p.parent.name}/{p.name}" for p in OTHERS])
def test_detect_is_low_on_other_outputs(path):
    text = m.decode_bytes(path.read_bytes())
    assert m.detect(text) < 0.2
    assert m.explain(text)["recognized"] is False


def test_netstat_with_pids_stays_netstat():
    netstat = _load("explain_netstat")
    paths = sorted((ALL_FIXTURES / "netstat").glob("*ano*.txt")) + sorted((ALL_FIXTURES / "netstat").glob("*aon*.txt"))
    assert paths
    for path in paths:
        text = m.decode_bytes(path.read_bytes())
        assert netstat.detect(text) > m.detect(text), path.name


def test_table_columns_from_the_ruler_and_names_with_spaces():
    data = m.explain(fixture("ja-maku77-tasklist-excerpt.txt"))["data"]
    first = data["processes"][0]
    assert first["image"] == "System Idle Process" and first["pid"] == 0 and first["session_name"] == "Services"
    assert data["processes"][5]["memory_kb"] == 39000 and data["processes"][5]["session"] == 1
    assert first["lines"] == [5]


def test_svc_wrapped_service_lists_are_joined():
    data = m.explain(fixture("en-maku77-tasklist-svc-excerpt.txt"), "en")["data"]
    by_pid = {p["pid"]: p for p in data["processes"]}
    assert by_pid[1112]["services"][:2] == ["Appinfo", "BITS"] and "LanmanServer" in by_pid[1112]["services"]
    assert by_pid[1112]["services"][-1] == "wuauserv" and by_pid[1112]["lines"] == [22, 23, 24, 25]
    assert by_pid[0]["services"] == [] and by_pid[828]["services"] == ["AMD External Events Utility"]
    ja = m.explain(fixture("ja-win2012r2-tasklist-svc-fi-services.txt"))["data"]["processes"]
    assert ja[1]["services"] == ["Dhcp", "EventLog", "lmhosts", "TimeBrokerSvc", "WinHttpAutoProxySvc"]


def test_verbose_columns_with_spaces_and_japanese_titles():
    procs = m.explain(fixture("ja-tomotagwork-tasklist-v-excerpt.txt"))["data"]["processes"]
    hung = [p for p in procs if p["pid"] == 552][0]
    assert hung["status"] == "Not Responding" and hung["session_name"] == "RDP-Tcp#0"
    wmi = [p for p in procs if p["pid"] == 4272][0]
    assert wmi["user"] == "NT AUTHORITY\\NETWORK SERVICE" and wmi["cpu_time"] == "0:00:00"
    note = [p for p in procs if p["pid"] == 3284][0]
    assert note["window_title"] == "test01.txt - メモ帳"


def test_csv_and_list_formats():
    csv_doc = m.explain(fixture("ja-maku77-tasklist-v-fo-csv-excerpt.txt"))["data"]
    assert csv_doc["format"] == "csv" and csv_doc["processes"][1]["memory_kb"] == 10928
    assert csv_doc["processes"][0]["user"] == "NT AUTHORITY\\SYSTEM"
    lst = m.explain(fixture("ja-maku77-tasklist-v-fo-list-excerpt.txt"))["data"]
    assert lst["format"] == "list" and [p["pid"] for p in lst["processes"]] == [0, 4]
    assert lst["processes"][1]["memory_kb"] == 10928 and lst["processes"][1]["cpu_time"] == "0:09:42"
    nh = m.explain(fixture("handmade-ja-tasklist-svc-csv-nh-squeezed.txt"))["data"]["processes"]
    assert nh[0]["services"] == ["RpcEptMapper", "RpcSs"]


def test_list_format_services_on_several_lines_and_modules_are_not_services():
    text = "イメージ名: svchost.exe\nPID:        852\nサービス:   AudioSrv\n            Dhcp\n\nイメージ名: ekrn.exe\nPID:        2344\nサービス:   ekrn\n"
    procs = m.explain(text)["data"]["processes"]
    assert [(p["pid"], p["services"], p["lines"]) for p in procs] == [(852, ["AudioSrv", "Dhcp"], [1, 2, 3, 4]), (2344, ["ekrn"], [6, 7, 8])]
    modules = ("イメージ名                     PID モジュール\n========================= ======== =========\n"
               "MSOSYNC.EXE                   5972 ntdll.dll, wow64.dll,\n                                   wow64cpu.dll\n")
    procs = m.explain(modules)["data"]["processes"]
    assert procs[0]["services"] == [] and procs[0]["lines"] == [3, 4]


def test_padded_and_squeezed_give_the_same_processes():
    text = fixture("ja-maku77-tasklist-fi-cputime-outlook.txt")
    squeezed = "\n".join(" ".join(line.split()) for line in text.splitlines())
    a = [(p["image"], p["pid"], p["memory_kb"]) for p in m.explain(text)["data"]["processes"]]
    b = [(p["image"], p["pid"], p["memory_kb"]) for p in m.explain(squeezed)["data"]["processes"]]
    assert a == b and ("mcshield.exe", 3416, 59148) in a


def test_programs_that_matter_are_named():
    r = m.explain(fixture("handmade-ja-tasklist-svc-with-netstat-mail.txt"), "en")
    sec = finding(r, "security-software")
    assert "ESET" in sec["detail"] and "Microsoft Defender" in sec["detail"]
    assert "TermService" in finding(r, "remote-access")["subject"]
    assert finding(r, "local-server")["subject"] == "svchost.exe (LanmanServer)"
    only_defender = "Image Name PID Services\n===== ===== =====\nMsMpEng.exe 3020 WinDefend\n"
    r = m.explain(only_defender, "en")
    assert "built into Windows" in finding(r, "security-software")["detail"]


def test_netstat_pids_are_tied_to_programs():
    r = m.explain(fixture("handmade-ja-tasklist-svc-with-netstat-mail.txt"))
    ties = finding(r, "pid-ports")
    assert "PID 2344 (ekrn.exe) が 127.0.0.1:110 POP3 で待ち受け" in ties["detail"]
    assert "thunderbird.exe" in ties["detail"] and 17 in ties["lines"]
    warn = finding(r, "unexpected-smtp")
    assert warn["severity"] == "warning" and warn["subject"] == "updater64.exe" and warn["lines"] == [15, 20]
    data = r["data"]["netstat"]
    assert data[0]["pid"] == 2344 and data[0]["image"] == "ekrn.exe"
    real = m.explain(fixture("ja-hosimiya7-netstat-then-tasklist-fi-pid.txt"), "en")
    assert "PID 6688 (mysqld.exe) listens on 0.0.0.0:3306" in finding(real, "pid-ports")["detail"]


def test_pid_missing_from_tasklist_is_said():
    text = "  TCP    0.0.0.0:25     0.0.0.0:0     LISTENING    777\n" + fixture("ja-qiita-dropbox-tasklist-fi-pid-prompt.txt")
    f = finding(m.explain(text, "en"), "pid-ports")
    assert "PID 777 is not in the tasklist output" in f["detail"]


def test_a_console_session_uses_the_tasklist_data():
    session = _load("explain_session")
    text = fixture("handmade-ja-tasklist-svc-with-netstat-mail.txt").replace("\r\n", "\n")
    tasklist_part, netstat_rows = text.split("\n\n  TCP", 1)
    window = "C:\\Users\\user>netstat -ano\n  TCP" + netstat_rows + "\n" + tasklist_part + "\n"
    assert session.detect(text) < 0.5  # one prompt: left to explain_tasklist
    r = session.explain(window)
    assert [sec["tool"] for sec in r["data"]["sections"]] == ["netstat", "tasklist"]
    assert "ekrn.exe (PID 2344)" in finding(r, "pid-programs")["detail"]


def test_no_match_message():
    for name in ("handmade-ja-tasklist-fi-no-match.txt", "handmade-en-tasklist-fi-no-match.txt"):
        r = m.explain(fixture(name))
        assert [f["id"] for f in r["findings"]] == ["no-match"] and r["data"]["no_match_lines"] == [2]


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_paste_variants_give_the_same_findings(path):
    text = m.decode_bytes(path.read_bytes())
    ids = lambda r: [(f["id"], f["severity"], f.get("subject")) for f in r["findings"]]  # noqa: E731
    want = ids(m.explain(text))
    lf = text.replace("\r\n", "\n")
    for variant in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf, "\n".join("    " + ln for ln in lf.split("\n")),
                    "\n".join("> " + ln for ln in lf.split("\n"))):
        assert ids(m.explain(variant)) == want


def test_line_numbers_count_as_splitlines():
    text = m.decode_bytes(OWN[0].read_bytes()).replace("\n", "\u2028\n", 1)
    report = m.explain(text)
    plain = m.explain(m.decode_bytes(OWN[0].read_bytes()))
    shift = [[n + 1 if n > 1 else n for n in f["lines"]] for f in plain["findings"]]
    assert [f["lines"] for f in report["findings"]] == shift


# ---------------------------------------------------------------------------------------------
# Properties: never raises, contract keys, linear time
# ---------------------------------------------------------------------------------------------

REAL_TEXTS = [fixture(p.name) for p in OWN]


def check_report(report, text, lang):
    assert set(report) >= {"tool", "recognized", "locale", "summary", "data", "findings"}
    assert report["tool"] == "tasklist" and report["locale"] == lang
    assert isinstance(report["summary"], str) and report["summary"] and "\n" not in report["summary"]
    json.dumps(report, ensure_ascii=False)
    n = len(text.splitlines()) or 1
    for f in report["findings"]:
        assert f["severity"] in ("error", "warning", "info", "ok")
        assert all(isinstance(x, int) and 1 <= x <= n for x in f["lines"]), (f, n)
        assert not re.search(r"\{[a-z_]+\}", f["detail"]), f["detail"]
    if not report["recognized"]:
        assert report["findings"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]))
def test_arbitrary_text_never_raises(text, lang):
    check_report(m.analyse(text, lang), text, lang)
    assert 0.0 <= m.detect(text) <= 1.0


PIECES = st.sampled_from(["イメージ名 PID サービス\n", "===== ===== =====\n", "svchost.exe 1 a,\n", "   b,\n", '"x.exe","1"\n',
                          "PID: 4\n", "イメージ名: x\n", "TCP 0.0.0.0:25 0.0.0.0:0 LISTENING 1\n", "\r", "情報: 指定された条件に一致するタスクは実行されていません。\n"])


@st.composite
def mutated(draw):
    lines = draw(st.sampled_from(REAL_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["delete", "insert", "truncate", "splice"]))
        if not lines:
            lines.append("")
        if op == "delete":
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(PIECES) + draw(st.text(max_size=20)))
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(PIECES) + lines[i][j:]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["ja", "en"]))
def test_mutated_real_samples_never_raise(text, lang):
    check_report(m.analyse(text, lang), text, lang)


def test_mixed_encodings_and_huge_lines():
    raw = (FIX / "handmade-ja-tasklist-svc-with-netstat-mail.txt").read_bytes() + "イメージ名".encode("utf-8") + b"\xff\xfe\x00"
    check_report(m.explain(m.decode_bytes(raw)), m.decode_bytes(raw), "ja")
    for hostile in ("x" * 1_000_000, "svchost.exe " * 90_000, "=" * 1_000_000, '"' * 1_000_000,
                    "a.exe 1 " + "x," * 400_000, "イメージ名 PID サービス\n=== ===\n" + " " * 1_000_000 + "1\n"):
        with finishes_within(5, hostile[:40]):
            report = m.explain(hostile)
            m.detect(hostile)
        check_report(report, hostile, "ja")


def test_time_grows_linearly():
    base = fixture("en-maku77-tasklist-svc-excerpt.txt")
    small = base * 200
    big = base * 800
    assert_grows_linearly(m.explain, small, big)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def run(*args, stdin=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=60, env=env)


def assert_one_line_error(proc):
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("explain_tasklist.py: "), err


def test_cli_exit_codes_and_outputs():
    proc = run(str(FIX / "handmade-ja-tasklist-svc-with-netstat-mail.txt"))
    assert proc.returncode == 0 and "[注意] メールアプリではないプログラムが 25 番に接続しています" in proc.stdout.decode("utf-8")
    proc = run(str(FIX / "en-maku77-tasklist-svc-excerpt.txt"), "--json", "--lang", "en")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["locale"] == "en" and data["tool"] == "tasklist"
    proc = run("-", stdin=(FIX / "ja-maku77-tasklist-excerpt.txt").read_bytes())
    assert proc.returncode == 0 and "12 個のプロセス" in proc.stdout.decode("utf-8")
    assert_one_line_error(run(str(FIX / "missing.txt")))
    assert_one_line_error(run("--lang", "de", str(FIX / "ja-maku77-tasklist-excerpt.txt")))
    assert_one_line_error(run("-", stdin=b""))
    proc = run("-", "--lang", "en", stdin=b"hello\n")
    assert_one_line_error(proc)
    assert "does not look like tasklist output" in proc.stderr.decode("utf-8")
    proc = run("-", "--json", stdin=b"hello\n")
    assert proc.returncode == 2 and json.loads(proc.stdout)["recognized"] is False


@pytest.mark.skipif(os.name == "nt", reason="on Windows a bare run executes tasklist /svc")
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
    assert "tasklist /svc" in proc.stderr.decode("utf-8")


def test_snippet_is_standalone_and_stdlib_only():
    src = SCRIPT.read_text(encoding="utf-8")
    top_imports = [line for line in src.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in top_imports if "subprocess" in line or "ctypes" in line or "csv" in line]
